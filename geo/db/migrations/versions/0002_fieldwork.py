"""Field work: walkabouts, engagement log, action plan, staff capacity.

Revision ID: 0002_fieldwork
Revises: 0001_initial
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_fieldwork"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(200)),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _fk(column: str, target: str, ondelete: str, *, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(
        column, sa.String(64), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable
    )


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def upgrade() -> None:
    """Create the field-work tables."""
    op.create_table(
        "walkabouts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        _fk("branch_id", "branches.id", "SET NULL"),
        sa.Column("area", sa.JSON(), nullable=False),
        sa.Column("planned_on", sa.Date()),
        sa.Column("team", sa.String(200)),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("speed_kmh", sa.Float(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("distance_m", sa.Float()),
        *_tracked(),
    )
    op.create_table(
        "walkabout_stops",
        _id(),
        _fk("walkabout_id", "walkabouts.id", "CASCADE", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        _fk("organization_id", "organizations.id", "SET NULL"),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("address", sa.Text()),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("visited", sa.Boolean()),
        sa.Column("met", sa.Text()),
        sa.Column("learned", sa.Text()),
        sa.UniqueConstraint("walkabout_id", "position"),
    )
    op.create_index("ix_walkabout_stops_walkabout_id", "walkabout_stops", ["walkabout_id"])
    op.create_table(
        "engagement_entries",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("contact_on", sa.Date(), nullable=False),
        sa.Column("staff", sa.String(300), nullable=False),
        _fk("branch_id", "branches.id", "SET NULL"),
        sa.Column("team", sa.String(100)),
        sa.Column("technique", sa.String(32), nullable=False),
        sa.Column("continuum", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text()),
        sa.Column("needs", sa.Text()),
        sa.Column("aspirations", sa.Text()),
        sa.Column("assets_heard", sa.Text()),
        sa.Column("challenges", sa.Text()),
        sa.Column("follow_up_on", sa.Date()),
        *_tracked(),
    )
    op.create_index("ix_engagement_entries_contact_on", "engagement_entries", ["contact_on"])
    op.create_table(
        "engagement_organizations",
        _id(),
        _fk("entry_id", "engagement_entries.id", "CASCADE", nullable=False),
        _fk("organization_id", "organizations.id", "CASCADE", nullable=False),
        sa.UniqueConstraint("entry_id", "organization_id"),
    )
    for column in ("entry_id", "organization_id"):
        op.create_index(
            f"ix_engagement_organizations_{column}", "engagement_organizations", [column]
        )
    op.create_table(
        "engagement_communities",
        _id(),
        _fk("entry_id", "engagement_entries.id", "CASCADE", nullable=False),
        sa.Column("community", sa.String(200), nullable=False),
        sa.UniqueConstraint("entry_id", "community"),
    )
    op.create_index("ix_engagement_communities_entry_id", "engagement_communities", ["entry_id"])
    op.create_table(
        "action_steps",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("who", sa.String(300)),
        sa.Column("due_on", sa.Date()),
        sa.Column("status", sa.String(16), nullable=False),
        _fk("branch_id", "branches.id", "SET NULL"),
        sa.Column("notes", sa.Text()),
        sa.Column("completed_on", sa.Date()),
        *_tracked(),
    )
    op.create_index("ix_action_steps_due_on", "action_steps", ["due_on"])
    op.create_table(
        "action_step_links",
        _id(),
        _fk("step_id", "action_steps.id", "CASCADE", nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.UniqueConstraint("step_id", "kind", "ref"),
    )
    op.create_index("ix_action_step_links_step_id", "action_step_links", ["step_id"])
    op.create_table(
        "staff",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        _fk("branch_id", "branches.id", "SET NULL"),
        sa.Column("team", sa.String(100)),
        *_tracked(),
    )
    op.create_table(
        "staff_training",
        _id(),
        _fk("staff_id", "staff.id", "CASCADE", nullable=False),
        sa.Column("training", sa.String(32), nullable=False),
        sa.Column("completed_on", sa.Date()),
        sa.UniqueConstraint("staff_id", "training"),
    )
    op.create_index("ix_staff_training_staff_id", "staff_training", ["staff_id"])


def downgrade() -> None:
    """Drop the field-work tables."""
    for name in (
        "staff_training",
        "staff",
        "action_step_links",
        "action_steps",
        "engagement_communities",
        "engagement_organizations",
        "engagement_entries",
        "walkabout_stops",
        "walkabouts",
    ):
        op.drop_table(name)

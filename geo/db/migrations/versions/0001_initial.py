"""Initial asset database: organizations and their details, branches, change log.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(200)),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _org_id() -> sa.Column[str]:
    return sa.Column(
        "organization_id",
        sa.String(64),
        sa.ForeignKey("organizations.id", ondelete="CASCADE"),
        nullable=False,
    )


def _child(name: str, *columns: sa.Column[object], unique: str | None = None) -> None:
    args: list[sa.schema.SchemaItem] = [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _org_id(),
        *columns,
    ]
    if unique:
        args.append(sa.UniqueConstraint("organization_id", unique))
    op.create_table(name, *args)
    op.create_index(f"ix_{name}_organization_id", name, ["organization_id"])


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "branches",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("address", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("hours", sa.Text()),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("collection_languages", sa.JSON(), nullable=False),
        *_stamps(),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(64)),
        sa.Column("old_value", sa.Text()),
        sa.Column("new_value", sa.Text()),
        sa.Column("version", sa.Integer()),
    )
    op.create_index("ix_change_log_entity", "change_log", ["entity", "entity_id"])
    op.create_table(
        "organizations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("alternate_name", sa.String(300)),
        sa.Column("description", sa.Text()),
        sa.Column("email", sa.String(320)),
        sa.Column("website", sa.String(500)),
        sa.Column("phone", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("entry_technique", sa.String(32)),
        sa.Column("collected_by", sa.String(200)),
        sa.Column("collected_on", sa.Date()),
        sa.Column("last_verified_on", sa.Date()),
        sa.Column("name_key", sa.String(300)),
        sa.Column("phone_key", sa.String(16)),
        sa.Column("website_key", sa.String(500)),
        *_stamps(),
        sa.CheckConstraint("status IN ('active', 'archived')", name="status"),
    )
    for column in (
        "name_key",
        "phone_key",
        "website_key",
        "status",
        "last_verified_on",
    ):
        op.create_index(f"ix_organizations_{column}", "organizations", [column])
    _child(
        "locations",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300)),
        sa.Column("address", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        unique="position",
    )
    _child(
        "services",
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300)),
        unique="category",
    )
    op.create_index("ix_services_category", "services", ["category"])
    _child(
        "languages",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("note", sa.String(300)),
        unique="code",
    )
    op.create_index("ix_languages_code", "languages", ["code"])
    _child(
        "communities",
        sa.Column("country", sa.String(100), nullable=False),
        unique="country",
    )
    op.create_index("ix_communities_country", "communities", ["country"])
    _child(
        "contacts",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("role", sa.String(200)),
        sa.Column("phone", sa.String(64)),
        sa.Column("email", sa.String(320)),
    )


def downgrade() -> None:
    """Drop every table."""
    for name in ("contacts", "communities", "languages", "services", "locations"):
        op.drop_table(name)
    op.drop_table("organizations")
    op.drop_table("change_log")
    op.drop_table("branches")

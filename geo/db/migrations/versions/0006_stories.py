"""Presenter stories: named stories and their ordered slides (saved views with captions).

Revision ID: 0006_stories
Revises: 0005_sites_and_services
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_stories"
down_revision = "0005_sites_and_services"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``stories`` and ``slides``."""
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(200)),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'archived')", name="status"),
    )
    op.create_table(
        "slides",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "story_id",
            sa.Integer(),
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("view", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_slides_story_id", "slides", ["story_id"])
    op.create_index("ix_slides_story_position", "slides", ["story_id", "position"])


def downgrade() -> None:
    """Drop the presenter tables."""
    op.drop_table("slides")
    op.drop_table("stories")

"""Organizations remember where they came from: ``source`` (feed or file) and ``source_id``.

Revision ID: 0004_organization_source
Revises: 0003_accounts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_organization_source"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the two nullable columns and their per-source uniqueness."""
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(sa.Column("source", sa.String(200)))
        batch.add_column(sa.Column("source_id", sa.String(200)))
        batch.create_unique_constraint("uq_organizations_source", ["source", "source_id"])


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("organizations") as batch:
        batch.drop_constraint("uq_organizations_source", type_="unique")
        batch.drop_column("source_id")
        batch.drop_column("source")

"""Accounts: staff users, roles, sign-in throttling, audit log.

Revision ID: 0003_accounts
Revises: 0002_fieldwork
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_accounts"
down_revision = "0002_fieldwork"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``users`` and ``sign_in_attempts``."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("branch", sa.String(200)),
        sa.Column("team", sa.String(200)),
        sa.Column("password_hash", sa.String(255)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(200)),
        sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="role"),
        sa.UniqueConstraint("username"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
    )
    op.create_index(
        "ix_sign_in_attempts_user_time", "sign_in_attempts", ["username", "attempted_at"]
    )


def downgrade() -> None:
    """Drop the account tables."""
    op.drop_index("ix_sign_in_attempts_user_time", "sign_in_attempts")
    op.drop_table("sign_in_attempts")
    op.drop_table("users")

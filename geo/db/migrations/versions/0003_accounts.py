"""Accounts: staff users, roles, sign-in throttling, audit log.

Revision ID: 0003_accounts
Revises: 0002_fieldwork
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0003_accounts"
down_revision = "0002_fieldwork"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Tables are added by the change that introduces them."""


def downgrade() -> None:
    """Nothing to undo yet."""

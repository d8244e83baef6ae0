"""Field work: walkabouts, engagement log, action plan, staff capacity.

Revision ID: 0002_fieldwork
Revises: 0001_initial
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0002_fieldwork"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Tables are added by the change that introduces them."""


def downgrade() -> None:
    """Nothing to undo yet."""

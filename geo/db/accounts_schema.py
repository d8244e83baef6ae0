"""Account tables on the shared Base: staff users and the sign-in log.

Created by migration ``0003_accounts``. Passwords are stored only as argon2 hashes
(:mod:`geo.accounts.passwords`); the sign-in log records who tried, when and the outcome,
never what was typed as a password. Account changes go to ``change_log`` (entity
``account``) like every other write.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from geo.db.base import Base, UTCDateTime, utc_now


class User(Base):
    """A staff account: viewer, editor or admin (see :mod:`geo.accounts.roles`)."""

    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(320), unique=True)
    role: Mapped[str] = mapped_column(sa.String(16))
    branch: Mapped[str | None] = mapped_column(sa.String(200))
    team: Mapped[str | None] = mapped_column(sa.String(200))
    # None for accounts that only sign in through the identity provider (OIDC).
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by: Mapped[str | None] = mapped_column(sa.String(200))


class SignInAttempt(Base):
    """One sign-in attempt: the audit trail and the input of throttling."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (sa.Index("ix_sign_in_attempts_user_time", "username", "attempted_at"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # ok | wrong_password | unknown_user | inactive | throttled | sign_out | expired
    outcome: Mapped[str] = mapped_column(sa.String(16))
    method: Mapped[str] = mapped_column(sa.String(16), default="password")  # password | oidc

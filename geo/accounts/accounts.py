"""Staff accounts in the shared database: create, list, change role, deactivate.

Functions take a Session and never commit (the caller owns the transaction). Every change
is written to ``change_log`` (entity ``account``) with who made it; a password change is
logged as the field ``password`` with no values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.accounts.passwords import hash_password
from geo.accounts.roles import ROLES
from geo.db.accounts_schema import User
from geo.db.schema import utc_now
from geo.db.unit_of_work import changes
from geo.errors import AccountNotFound, ValidationError
from geo.messages import N_, Listing, Message

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,63}$")
ENTITY = "account"


@dataclass(frozen=True, kw_only=True)
class Account:
    """A staff account as the app sees it (never carries the password hash)."""

    username: str
    display_name: str
    role: str
    email: str | None = None
    branch: str | None = None
    team: str | None = None
    active: bool = True
    created_at: datetime | None = None

    @property
    def signature(self) -> str:
        """Name recorded with every write: display name and the unique user name."""
        if self.display_name.strip().lower() == self.username:
            return self.display_name.strip()
        return f"{self.display_name} ({self.username})"


def normalize_username(username: str) -> str:
    """Lower-case and strip a user name (``Amira`` and ``amira`` are one account)."""
    return (username or "").strip().lower()


def _validate(username: str, role: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise ValidationError(
            Message(
                N_(
                    "'{name}' cannot be a user name: use 2-64 lower-case letters, digits or "
                    ". _ @ + - (an e-mail address works)."
                ),
                name=username[:64],
            )
        )
    if role not in ROLES:
        raise ValidationError(
            Message(
                N_("'{role}' is not a role. Choose one of: {roles}."),
                role=role,
                roles=Listing((Message(r) for r in ROLES), ", "),
            )
        )


def to_account(user: User) -> Account:
    """The app's view of a stored user (without the password hash)."""
    return Account(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        email=user.email,
        branch=user.branch,
        team=user.team,
        active=bool(user.active),
        created_at=user.created_at,
    )


def _user(session: Session, username: str) -> User:
    user = session.scalar(sa.select(User).where(User.username == normalize_username(username)))
    if user is None:
        raise AccountNotFound(
            Message(
                N_("There is no account '{name}'. List them with {command}."),
                name=username,
                command="`python -m geo users list`",
            )
        )
    return user


def _log(
    session: Session,
    username: str,
    action: str,
    by: str,
    field: str | None = None,
    old: object = None,
    new: object = None,
) -> None:
    with changes(session, by) as uow:
        uow.log(
            ENTITY,
            username,
            action,
            field=field,
            old=None if old is None else str(old),
            new=None if new is None else str(new),
        )


def create_account(
    session: Session,
    username: str,
    *,
    role: str,
    by: str,
    password: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
    branch: str | None = None,
    team: str | None = None,
) -> Account:
    """Add an account.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session (not committed here).
    username : str
        Unique sign-in name, normalized to lower case.
    role : str
        One of :data:`geo.accounts.roles.ROLES`.
    by : str
        Who creates it (recorded in ``change_log``).
    password : str or None
        Initial password, hashed with argon2id; None for an identity-provider-only account.
    display_name, email, branch, team : str or None
        Shown and recorded with the account's changes.

    Returns
    -------
    Account
        The new account.

    Raises
    ------
    ValidationError
        If the name, role or password is not acceptable, or the name or e-mail is taken.
    """
    username = normalize_username(username)
    _validate(username, role)
    email = (email or "").strip().lower() or None
    taken = session.scalar(
        sa.select(User.username).where(
            sa.or_(User.username == username, User.email == email)
            if email
            else User.username == username
        )
    )
    if taken:
        raise ValidationError(
            Message(N_("The account '{name}' already uses that name or e-mail."), name=taken)
        )
    user = User(
        username=username,
        display_name=(display_name or "").strip() or username,
        email=email,
        role=role,
        branch=branch or None,
        team=team or None,
        password_hash=hash_password(password, username=username) if password is not None else None,
        active=True,
        updated_by=by,
    )
    session.add(user)
    session.flush()
    _log(session, username, "create", by, "role", None, role)
    return to_account(user)


def get_account(session: Session, username: str) -> Account:
    """The account named ``username`` (any state).

    Raises
    ------
    AccountNotFound
        If there is none.
    """
    return to_account(_user(session, username))


def find_account_by_email(session: Session, email: str) -> Account | None:
    """The account whose e-mail (or user name) is ``email``, for identity-provider sign-in."""
    email = normalize_username(email)
    user = session.scalar(
        sa.select(User).where(sa.or_(User.email == email, User.username == email))
    )
    return None if user is None else to_account(user)


def list_accounts(session: Session) -> list[Account]:
    """Every account, by user name."""
    return [to_account(u) for u in session.scalars(sa.select(User).order_by(User.username))]


def count_active_admins(session: Session) -> int:
    """How many active admin accounts there are (0 on a fresh database)."""
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(User)
            .where(User.role == "admin", User.active.is_(True))
        )
        or 0
    )


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == "admin" and user.active and count_active_admins(session) <= 1:
        raise ValidationError(
            Message(
                N_(
                    "'{name}' is the last active admin; make another admin first, or nobody "
                    "could manage accounts any more."
                ),
                name=user.username,
            )
        )


def set_role(session: Session, username: str, role: str, *, by: str) -> Account:
    """Change an account's role (logged). Refuses to demote the last active admin."""
    user = _user(session, username)
    _validate(user.username, role)
    if role != user.role:
        if role != "admin":
            _keep_an_admin(session, user)
        _log(session, user.username, "update", by, "role", user.role, role)
        user.role, user.updated_at, user.updated_by = role, utc_now(), by
    return to_account(user)


def set_active(session: Session, username: str, active: bool, *, by: str) -> Account:
    """Deactivate (cannot sign in any more) or reactivate an account (logged)."""
    user = _user(session, username)
    if bool(user.active) != active:
        if not active:
            _keep_an_admin(session, user)
        _log(session, user.username, "update", by, "active", user.active, active)
        user.active, user.updated_at, user.updated_by = active, utc_now(), by
    return to_account(user)


def set_password(session: Session, username: str, password: str, *, by: str) -> None:
    """Replace an account's password (logged without any value)."""
    user = _user(session, username)
    user.password_hash = hash_password(password, username=user.username)
    user.updated_at, user.updated_by = utc_now(), by
    _log(session, user.username, "update", by, "password")

"""Sign-in with a local password: throttled, audited, same cost for unknown names.

Throttling: after :data:`FREE_FAILURES` failed tries for one user name within
:data:`WINDOW` (counting from the last successful sign-in), the next try is refused until
``BASE_DELAY * 2 ** (failures - FREE_FAILURES)`` (at most :data:`MAX_DELAY`) has passed
since the last failure. Refused tries are logged but do not lengthen the wait, so the
real owner only has to wait it out. Session expiry lives here too (pure time arithmetic).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.accounts.accounts import USERNAME_PATTERN, Account, normalize_username, to_account
from geo.accounts.passwords import needs_rehash, rehash_password, verify_password
from geo.db.accounts_schema import SignInAttempt, User
from geo.errors import SignInFailed
from geo.messages import N_, Message, n_

FREE_FAILURES = 5
WINDOW = timedelta(minutes=15)
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
FAILED = ("wrong_password", "unknown_user", "inactive")
_WRONG = N_(
    "The user name or password is wrong. Check both (passwords are case-sensitive) "
    "and try again, or ask an admin to reset your password."
)


@dataclass(frozen=True, kw_only=True)
class SignedIn:
    """Who is signed in to one browser session, and since when (for expiry)."""

    username: str
    display_name: str
    role: str
    signature: str
    method: str
    signed_in_at: datetime
    last_seen_at: datetime


def record_attempt(
    session: Session, username: str, outcome: str, *, now: datetime, method: str = "password"
) -> None:
    """Append one row to the sign-in log (names that cannot be user names are not kept)."""
    name = normalize_username(username)
    if not USERNAME_PATTERN.match(name):
        name = "(not a user name)"  # may be a password typed into the wrong box
    session.add(SignInAttempt(username=name, attempted_at=now, outcome=outcome, method=method))
    session.flush()


def throttle_wait(session: Session, username: str, *, now: datetime) -> timedelta:
    """How long ``username`` must wait before the next try (zero when it may try now)."""
    name = normalize_username(username)
    last_ok = session.scalar(
        sa.select(sa.func.max(SignInAttempt.attempted_at)).where(
            SignInAttempt.username == name, SignInAttempt.outcome == "ok"
        )
    )
    since = max(now - WINDOW, last_ok) if last_ok else now - WINDOW
    failures = list(
        session.scalars(
            sa.select(SignInAttempt.attempted_at)
            .where(
                SignInAttempt.username == name,
                SignInAttempt.outcome.in_(FAILED),
                SignInAttempt.attempted_at > since,
            )
            .order_by(SignInAttempt.attempted_at)
        )
    )
    if len(failures) < FREE_FAILURES:
        return timedelta(0)
    delay = min(BASE_DELAY * 2 ** (len(failures) - FREE_FAILURES), MAX_DELAY)
    return max(failures[-1] + delay - now, timedelta(0))


def _wait_text(wait: timedelta) -> Message:
    seconds = int(wait.total_seconds()) + 1
    if seconds < 120:
        return n_("{count} second", "{count} seconds", seconds)
    return n_("{count} minute", "{count} minutes", seconds // 60 + 1)


def authenticate(session: Session, username: str, password: str, *, now: datetime) -> Account:
    """Check a user name and password; log the attempt either way.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the attempt is added to it (the caller commits, also on failure).
    username, password : str
        What was typed. The password is only compared, never stored or logged.
    now : datetime
        The current time (injected so throttling can be tested).

    Returns
    -------
    Account
        The signed-in account.

    Raises
    ------
    SignInFailed
        Wrong name or password (one message for both), an inactive account, or too many
        failed tries (the message says how long to wait).
    """
    name = normalize_username(username)
    wait = throttle_wait(session, name, now=now)
    if wait > timedelta(0):
        record_attempt(session, name, "throttled", now=now)
        raise SignInFailed(
            Message(
                N_(
                    "Too many failed sign-ins for '{name}'. Wait {wait} and try again, or ask "
                    "an admin to reset the password."
                ),
                name=name,
                wait=_wait_text(wait),
            )
        )
    user = session.scalar(sa.select(User).where(User.username == name))
    matches = verify_password(user.password_hash if user else None, password)
    if user is None or not matches:
        record_attempt(session, name, "unknown_user" if user is None else "wrong_password", now=now)
        raise SignInFailed(Message(_WRONG))
    if not user.active:
        record_attempt(session, name, "inactive", now=now)
        raise SignInFailed(
            Message(
                N_("The account '{name}' is deactivated. Ask an admin to reactivate it."), name=name
            )
        )
    if needs_rehash(user.password_hash or ""):
        user.password_hash = rehash_password(password)
    record_attempt(session, name, "ok", now=now)
    return to_account(user)


def start_session(account: Account, *, method: str, now: datetime) -> SignedIn:
    """The record a browser session keeps for a signed-in account."""
    return SignedIn(
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        signature=account.signature,
        method=method,
        signed_in_at=now,
        last_seen_at=now,
    )


def is_expired(signed_in: SignedIn, *, now: datetime, idle: timedelta) -> bool:
    """True when the session was idle longer than ``idle`` (it must sign in again)."""
    return now - signed_in.last_seen_at > idle


def list_sign_ins(session: Session, *, limit: int = 200) -> list[dict[str, object]]:
    """The newest sign-in log rows: when, who, outcome, method."""
    rows = session.execute(
        sa.select(SignInAttempt)
        .order_by(SignInAttempt.attempted_at.desc(), SignInAttempt.id.desc())
        .limit(limit)
    ).scalars()
    return [
        {"when": r.attempted_at, "who": r.username, "outcome": r.outcome, "method": r.method}
        for r in rows
    ]

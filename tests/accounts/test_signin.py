"""Sign-in: right and wrong passwords, unknown names, deactivation, throttling, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.accounts import (
    authenticate,
    create_account,
    is_expired,
    list_sign_ins,
    set_active,
    start_session,
    throttle_wait,
)
from geo.accounts.signin import FREE_FAILURES
from geo.db.accounts_schema import SignInAttempt
from geo.errors import SignInFailed

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "a-good-long-password"


@pytest.fixture
def amira(session: Session) -> Session:
    create_account(
        session, "amira", role="editor", by="test", password=SECRET, display_name="Amira H"
    )
    session.commit()
    return session


def _fail(session: Session, at: datetime, name: str = "amira") -> str:
    with pytest.raises(SignInFailed) as err:
        authenticate(session, name, "wrong password!", now=at)
    return str(err.value)


def test_right_password_signs_in_and_is_logged(amira: Session) -> None:
    account = authenticate(amira, "  Amira ", SECRET, now=T0)
    assert (account.username, account.role, account.signature) == (
        "amira",
        "editor",
        "Amira H (amira)",
    )
    assert list_sign_ins(amira)[0] == {
        "when": T0,
        "who": "amira",
        "outcome": "ok",
        "method": "password",
    }


def test_wrong_password_and_unknown_name_get_the_same_message(amira: Session) -> None:
    assert _fail(amira, T0) == _fail(amira, T0, name="nobody")
    outcomes = [r["outcome"] for r in list_sign_ins(amira)]
    assert sorted(outcomes) == ["unknown_user", "wrong_password"]


def test_deactivated_account_cannot_sign_in(amira: Session) -> None:
    set_active(amira, "amira", False, by="admin")
    with pytest.raises(SignInFailed, match="deactivated"):
        authenticate(amira, "amira", SECRET, now=T0)


def test_repeated_failures_slow_down_with_growing_waits(amira: Session) -> None:
    for i in range(FREE_FAILURES):
        _fail(amira, T0 + timedelta(seconds=i))
    last = T0 + timedelta(seconds=FREE_FAILURES - 1)
    assert throttle_wait(amira, "amira", now=last) == timedelta(seconds=30)
    # Even the right password is refused while throttled, and the message says how long.
    with pytest.raises(SignInFailed, match="Too many failed sign-ins.*Wait 31 seconds"):
        authenticate(amira, "amira", SECRET, now=last)
    # After the wait one more try is allowed; failing it doubles the wait.
    after = last + timedelta(seconds=31)
    _fail(amira, after)
    assert throttle_wait(amira, "amira", now=after) == timedelta(seconds=60)
    account = authenticate(amira, "amira", SECRET, now=after + timedelta(seconds=61))
    assert account.username == "amira"
    # A success clears the slate.
    assert throttle_wait(amira, "amira", now=after + timedelta(seconds=62)) == timedelta(0)


def test_throttled_tries_are_logged_but_do_not_lengthen_the_wait(amira: Session) -> None:
    for i in range(FREE_FAILURES):
        _fail(amira, T0 + timedelta(seconds=i))
    for i in range(10):
        _fail(amira, T0 + timedelta(seconds=5 + i))
    assert throttle_wait(amira, "amira", now=T0 + timedelta(seconds=34)) == timedelta(0)
    throttled = amira.scalar(
        sa.select(sa.func.count())
        .select_from(SignInAttempt)
        .where(SignInAttempt.outcome == "throttled")
    )
    assert throttled == 10


def test_old_failures_fall_out_of_the_window(amira: Session) -> None:
    for i in range(FREE_FAILURES):
        _fail(amira, T0 + timedelta(seconds=i))
    assert authenticate(amira, "amira", SECRET, now=T0 + timedelta(minutes=16)).role == "editor"


def test_a_password_typed_as_user_name_is_not_logged(amira: Session) -> None:
    _fail(amira, T0, name="My Secret Pass!")
    assert list_sign_ins(amira)[0]["who"] == "(not a user name)"


def test_sessions_expire_after_idle_time(amira: Session) -> None:
    account = authenticate(amira, "amira", SECRET, now=T0)
    signed_in = start_session(account, method="password", now=T0)
    idle = timedelta(minutes=480)
    assert not is_expired(signed_in, now=T0 + idle, idle=idle)
    assert is_expired(signed_in, now=T0 + idle + timedelta(seconds=1), idle=idle)

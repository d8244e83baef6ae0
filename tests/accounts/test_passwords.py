"""argon2 hashing: no plaintext anywhere, wrong passwords refused, weak ones explained."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.accounts import create_account, generate_password, hash_password, verify_password
from geo.cli.users import run
from geo.db.accounts_schema import SignInAttempt, User
from geo.db.tables import TABLES
from geo.errors import ValidationError

SECRET = "Correct-Horse-Battery-9"


def test_hash_is_argon2id_salted_and_verifies() -> None:
    first, second = hash_password(SECRET), hash_password(SECRET)
    assert first.startswith("$argon2id$") and first != second
    assert SECRET not in first
    assert verify_password(first, SECRET)
    assert not verify_password(first, SECRET.lower())
    assert not verify_password(None, SECRET)
    assert not verify_password("not a hash", SECRET)


@pytest.mark.parametrize("weak", ["pw-9x", "", "amira-1234".upper()])
def test_weak_passwords_are_refused_without_repeating_them(weak: str) -> None:
    with pytest.raises(ValidationError) as err:
        hash_password(weak, username="amira-1234")
    assert weak == "" or weak not in str(err.value)


def test_generated_passwords_are_long_and_different() -> None:
    passwords = {generate_password() for _ in range(20)}
    assert len(passwords) == 20 and all(len(p) >= 20 for p in passwords)


def test_no_table_and_no_log_holds_the_plaintext(session: Session, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    create_account(session, "amira", role="editor", by="test", password=SECRET)
    session.commit()
    for table in TABLES:
        for row in session.execute(sa.select(table)).mappings():
            assert all(SECRET not in str(v) for v in row.values()), table.name
    assert SECRET not in caplog.text
    assert session.scalar(sa.select(User.password_hash)).startswith("$argon2id$")
    assert session.scalar(sa.select(sa.func.count()).select_from(SignInAttempt)) == 0


def test_cli_reads_the_password_from_stdin_never_an_argument(monkeypatch, capsys, database_url):
    import argparse
    import io

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    args = argparse.Namespace(
        users_command="add",
        username="Root",
        role="admin",
        display_name="Root Admin",
        email=None,
        branch=None,
        team=None,
        password_stdin=True,
        no_password=False,
    )
    assert run(args) == 0
    out = capsys.readouterr().out
    assert "Created root (admin)" in out and SECRET not in out

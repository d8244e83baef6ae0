"""Accounts: creation rules, roles, the last admin, and the change log of every change."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.accounts import (
    count_active_admins,
    create_account,
    find_account_by_email,
    list_accounts,
    set_active,
    set_password,
    set_role,
)
from geo.db.schema import ChangeLog
from geo.errors import AccountNotFound, ValidationError


def test_create_normalizes_and_refuses_duplicates(session: Session) -> None:
    create_account(
        session, " Amira ", role="editor", by="root", password=None, email="Amira@Library.org"
    )
    with pytest.raises(ValidationError, match="already uses"):
        create_account(session, "AMIRA", role="viewer", by="root")
    with pytest.raises(ValidationError, match="already uses"):
        create_account(session, "other", role="viewer", by="root", email="amira@library.org")
    assert find_account_by_email(session, "AMIRA@library.org").username == "amira"


@pytest.mark.parametrize("name", ["a", "has space", "<img src=x>", "x" * 65, "'; DROP--"])
def test_bad_user_names_are_explained(session: Session, name: str) -> None:
    with pytest.raises(ValidationError, match="cannot be a user name"):
        create_account(session, name, role="viewer", by="root")


def test_unknown_role_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError, match="not a role"):
        create_account(session, "amira", role="superuser", by="root")


def test_the_last_admin_cannot_be_demoted_or_deactivated(session: Session) -> None:
    create_account(session, "root", role="admin", by="cli")
    with pytest.raises(ValidationError, match="last active admin"):
        set_role(session, "root", "viewer", by="root")
    with pytest.raises(ValidationError, match="last active admin"):
        set_active(session, "root", False, by="root")
    create_account(session, "second", role="admin", by="root")
    set_role(session, "root", "viewer", by="second")
    assert count_active_admins(session) == 1


def test_every_account_change_is_logged_with_who_but_no_password(session: Session) -> None:
    create_account(session, "amira", role="viewer", by="root (command line)")
    set_role(session, "amira", "editor", by="root")
    set_active(session, "amira", False, by="root")
    set_password(session, "amira", "brand-new-password", by="root")
    history = session.scalars(
        sa.select(ChangeLog)
        .where(ChangeLog.entity == "account", ChangeLog.entity_id == "amira")
        .order_by(ChangeLog.id)
    ).all()
    assert [(c.field, c.changed_by) for c in history] == [
        ("role", "root (command line)"),
        ("role", "root"),
        ("active", "root"),
        ("password", "root"),
    ]
    assert all("brand-new" not in str(c.new_value) for c in history)
    assert [a.active for a in list_accounts(session)] == [False]


def test_changing_a_missing_account_says_so(session: Session) -> None:
    with pytest.raises(AccountNotFound, match="no account 'ghost'"):
        set_role(session, "ghost", "viewer", by="root")

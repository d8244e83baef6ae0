"""Role x action matrix through the real pages: each role tries each action.

Allowed actions write (and are attributed to the account); refused ones show a plain
message and leave the database as it was. A page a role may not use is not even
registered in its navigation, so it cannot be opened by URL either.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from geo.db import make_engine
from geo.db.accounts_schema import User
from geo.db.schema import ChangeLog, Organization
from geo.view import View
from tests.app.conftest import ROOT

ROLES = (None, "viewer", "editor", "admin")
ORG = "ORG-0001"
CSV = b"name,category,lat,lon\nRole Matrix Club,cultural,41.001,-45.001\n"


def _snapshot(tmp_path) -> tuple[int, int, int]:
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session:
        counts = tuple(
            session.scalar(sa.select(sa.func.count()).select_from(t)) or 0
            for t in (Organization, ChangeLog, User)
        )
    engine.dispose()
    return counts  # type: ignore[return-value]


def _open_asset(at: AppTest) -> AppTest:
    return at.selectbox(key="assets.pick").set_value(ORG).run()


def edit_asset(at: AppTest) -> AppTest:
    key = f"assets.edit.{ORG}.1"
    _open_asset(at).text_input(key=f"{key}.phone").set_value("(999) 555-0100")
    return at.button(key=f"{key}.submit").click().run()


def archive(at: AppTest) -> AppTest:
    return _open_asset(at).button(key="assets.archive").click().run()


def add_asset(at: AppTest) -> AppTest:
    at.text_input(key="assets.add.name").set_value("Role Matrix Hall")
    at.number_input(key="assets.add.lat").set_value(41.0)
    at.number_input(key="assets.add.lon").set_value(-45.0)
    return at.button(key="assets.add.submit").click().run()


def import_file(at: AppTest) -> AppTest:
    at.file_uploader(key="import.file").upload("orgs.csv", CSV, "text/csv").run()
    return at.button(key="import.go").click().run()


def export_full(at: AppTest) -> AppTest:
    return at


def backup(at: AppTest) -> AppTest:
    return at.button(key="backup.make").click().run()


def manage_users(at: AppTest) -> AppTest:
    at.text_input(key="users.new.username").set_value("newcomer")
    at.text_input(key="users.new.password").set_value("a-long-initial-password")
    return at.button(key="FormSubmitter:users.create-Create account").click().run()


# action: (page, driver, action key, does an allowed run write?)
ACTIONS = {
    "edit asset": ("pages/assets.py", edit_asset, "edit_assets", True),
    "archive": ("pages/assets.py", archive, "edit_assets", True),
    "add asset": ("pages/assets.py", add_asset, "edit_assets", True),
    "import": ("pages/import_export.py", import_file, "import", True),
    "export full data": ("pages/import_export.py", export_full, "export_full", False),
    "backup": ("pages/import_export.py", backup, "backup_restore", False),
    "manage users": ("pages/users.py", manage_users, "manage_users", True),
}
ALLOWED = {  # action key: lowest role
    "edit_assets": "editor",
    "import": "editor",
    "export_full": "viewer",
    "backup_restore": "admin",
    "manage_users": "admin",
}
PAGE_ACTION = {
    "pages/assets.py": "viewer",
    "pages/import_export.py": "viewer",
    "pages/users.py": "admin",
}


def _at_least(role: str | None, lowest: str) -> bool:
    return ROLES.index(role) >= ROLES.index(lowest)


@pytest.mark.parametrize("name", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES, ids=["anonymous", "viewer", "editor", "admin"])
def test_role_tries_action(app, tmp_path, role, name) -> None:
    page, drive, action, writes = ACTIONS[name]
    at = app(role=role)
    before = _snapshot(tmp_path)
    if not _at_least(role, PAGE_ACTION[page]):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
        assert _snapshot(tmp_path) == before
        return
    at = drive(at.switch_page(page).run())
    assert not at.exception
    after = _snapshot(tmp_path)
    if _at_least(role, ALLOWED[action]):
        assert not [e.value for e in at.error]
        assert (after != before) is writes
        if name == "export full data":
            assert at.get("download_button"), "every export format is offered"
        if name == "backup":
            assert any("organizations" in c.value for c in at.caption)
        if writes and name != "manage users":
            with Session(make_engine(f"sqlite:///{tmp_path / 'assets.db'}")) as session:
                who = session.scalar(
                    sa.select(ChangeLog.changed_by).order_by(ChangeLog.id.desc()).limit(1)
                )
            assert who == role.capitalize(), "every edit is attributable"
    else:
        assert any("may not" in e.value and "Nothing was changed" in e.value for e in at.error), [
            e.value for e in at.error
        ]
        assert after == before


@pytest.mark.parametrize("page", list(PAGE_ACTION))
def test_a_page_run_without_the_role_refuses_itself(page, tmp_path, monkeypatch) -> None:
    """Second line of defence: the page checks the role even if it were reached."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.session_state["view.current"] = View()  # as if app.py's frame had run
    at.run()
    assert any("Sign in from the sidebar" in w.value for w in at.warning)
    assert not at.title


def test_public_view_has_no_staff_pages_and_offers_sign_in(app) -> None:
    at = app()
    assert [t.value for t in at.title] == ["Asset map"]
    assert at.text_input(key="auth.username") is not None
    assert not [e.value for e in at.error]

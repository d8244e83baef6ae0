"""AppTest fixtures: every page runs against a fresh database of the demo city.

``app(page, role="editor", user="amira")`` signs in as that account first (created in the
database, then put into the session as the sign-in form would); no role = public view.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy.orm import Session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from geo.accounts import create_account, get_account, start_session
from geo.config import DEMO_DIR
from geo.db import open_database
from geo.errors import AccountNotFound
from ui.auth import SESSION_KEY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A function that starts app.py (optionally switched to a page, in a language) and runs it."""
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    _keep_st_navigation(monkeypatch)
    st.cache_resource.clear()
    st.cache_data.clear()

    def start(
        page: str | None = None,
        *,
        role: str | None = None,
        user: str | None = None,
        query: dict[str, str | list[str]] | None = None,
        language: str | None = None,
    ) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.query_params.update(query or {})
        if language is not None:  # from the first run, as a browser in that language opens it
            at.session_state["ui.language"] = language
        if role is not None:
            at.session_state[SESSION_KEY] = sign_in_as(url, user or role, role)
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    yield start
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def in_language():
    """A function that switches a started app to interface language ``code`` and reruns it
    (as the sidebar's language box does)."""

    def switch(at: AppTest, code: str) -> AppTest:
        at.session_state["ui.language"] = code
        return at.run()

    return switch


@pytest.fixture
def figure():
    """A function that reads the value under a census figure's label beside the home map
    (its label line, then its value in bold; bidi isolates of right-to-left pages dropped)."""

    def read(at: AppTest, label: str) -> str:
        for block in at.markdown:
            first, _, value = block.value.replace("\\", "").partition("  \n")
            if first == label:
                return value.strip("*\u2066\u2069")
        raise AssertionError(f"no figure {label!r}")

    return read


def sign_in_as(url: str, username: str, role: str):
    """The session record of ``username`` (created with ``role`` if it does not exist)."""
    engine = open_database(url, seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        try:
            account = get_account(session, username)
        except AccountNotFound:
            account = create_account(
                session,
                username,
                role=role,
                by="test",
                display_name=username.capitalize(),
                email=f"{username}@example.org",
            )
    engine.dispose()
    return start_session(account, method="password", now=datetime.now(UTC))


def _keep_st_navigation(monkeypatch) -> None:
    """Make AppTest rerun app.py like the real server does (tests only; the app itself uses
    only st.navigation and st.switch_page, see ui/frame.py).

    AppTest resets ``PagesManager.uses_pages_directory`` before every run; because our pages
    live in a folder named ``pages/`` it then treats reruns as a legacy multipage app and
    runs the page file alone, skipping app.py's st.navigation and shared sidebar. The real
    server keeps the flag False once st.navigation has run.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)

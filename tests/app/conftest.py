"""AppTest fixtures: every page runs against a fresh database of the demo city."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A function that starts app.py (optionally switched to a page) and runs it."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    _keep_st_navigation(monkeypatch)
    st.cache_resource.clear()
    st.cache_data.clear()

    def start(page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    yield start
    st.cache_resource.clear()
    st.cache_data.clear()


def _keep_st_navigation(monkeypatch) -> None:
    """Make AppTest rerun app.py like the real server does.

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

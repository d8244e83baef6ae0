"""Two staff members edit the same organization in two browsers: nobody's work is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from geo.db import get_asset, make_engine
from tests.browser.conftest import create_accounts, settle, sign_in

pytestmark = pytest.mark.browser
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"


PASSWORD = "shared-directory-test"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shared") / "assets.db"
    create_accounts(path, {"amira": "editor", "ben": "editor"}, PASSWORD)
    return path


@pytest.fixture(scope="module")
def app_env(db_path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{db_path}"}


def _open_asset(page, url: str, who: str, name: str) -> None:
    sign_in(page, url, who, PASSWORD)
    page.get_by_role("link", name="Asset directory").click()
    page.get_by_role("heading", name="Asset directory").wait_for(timeout=30_000)
    settle(page)
    picker = page.get_by_role("combobox", name="Open an organization")
    picker.click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=name).wait_for(timeout=30_000)
    settle(page)


def test_second_save_is_refused_with_what_changed(chromium_browser, streamlit_url, db_path):
    name = "Addis Realty"
    pages = []
    for who in ("amira", "ben"):
        context = chromium_browser.new_context(viewport={"width": 1400, "height": 1800})
        context.route(
            "**/*",
            lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
        )
        page = context.new_page()
        _open_asset(page, streamlit_url, who, name)
        pages.append(page)
    amira, ben = pages
    amira.get_by_label("Phone", exact=True).first.fill(
        "(999) 555-0123"
    )  # the edit form comes first
    settle(amira)
    amira.get_by_role("button", name="Save changes").first.click()
    amira.get_by_text("Saved.").wait_for(timeout=30_000)

    ben.get_by_label("Description", exact=True).first.fill("Ben's note about the office hours")
    settle(ben)
    ben.get_by_role("button", name="Save changes").first.click()
    ben.get_by_text("since you opened it", exact=False).first.wait_for(timeout=30_000)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    ben.screenshot(path=str(ARTIFACTS_DIR / "edit_conflict.png"), full_page=True)
    assert ben.get_by_text("Amira").first.is_visible()

    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        saved = get_asset(session, "ORG-0138")
    assert saved.phone == "(999) 555-0123"
    assert "Ben's note" not in (saved.description or "")

"""Users and roles in Chromium: an admin creates an editor, the list shows the role at once,
and the new account signs in as an editor, its name shown literally (no Markdown)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS_DIR, new_offline_page, settle, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "users-page-test-42"
ACCOUNTS = {"amira": "admin"}  # conftest: the server's database has them
NEW_NAME = "Ben *Okafor* <b>x</b>"  # typed by the admin: must show character for character
NEW_PASSWORD = "correct horse battery 42"


def _rows(page) -> list[list[str]]:
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.locator("[role=gridcell]").first.wait_for(state="attached", timeout=30_000)
    width = grid.locator("[role=columnheader]").count()
    cells = grid.locator("[role=gridcell]").all_text_contents()
    return [cells[i : i + width] for i in range(0, len(cells), width)]


def test_an_admin_creates_an_editor_who_can_then_sign_in(
    chromium_browser, offline_page, streamlit_url
):
    page = offline_page
    sign_in(page, streamlit_url, "amira", PASSWORD)
    page.get_by_role("link", name="Users and roles").click()
    page.get_by_role("heading", name="Users and roles").wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("tab", name="Create an account").click()
    page.get_by_label("User name (for signing in)").fill("ben")
    page.get_by_label("Name shown and recorded with changes").fill(NEW_NAME)
    page.get_by_role("combobox", name="Role").first.click()
    page.get_by_role("option", name="Editor (branch staff: edits, imports, field work)").click()
    page.get_by_label("Initial password (leave empty to generate one)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Created ben (editor).").wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("tab", name="Accounts").click()
    rows = {r[0]: r for r in _rows(page)}
    assert "ben" in rows, rows  # listed at once, not after another click
    assert rows["ben"][1:3] == [NEW_NAME, "editor"]
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "users_created.png"), full_page=True)

    ben = new_offline_page(chromium_browser)
    try:
        sign_in(ben, streamlit_url, "ben", NEW_PASSWORD)
        expect(ben.get_by_text(f"Signed in as {NEW_NAME} (editor)", exact=True)).to_be_visible()
        expect(ben.get_by_role("link", name="Walkabout planner")).to_be_visible()
        expect(ben.get_by_role("link", name="Users and roles")).to_have_count(0)
    finally:
        ben.context.close()

"""Walk stops added and dropped on the Walkabout map with the keyboard alone, as clicks do.

Tab reaches each grey dot (an organization you can add), a button named for screen
readers by the organization it is; Enter or Space on it adds that organization to the walk:
it joins the list of organizations to visit and the walk in walking order, and the map
draws it as a numbered stop. Enter on a numbered stop drops it again. No mouse: no
``click``, ``fill`` or ``select_option``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS_DIR, find_map_frame, focused, settle, sign_in, tab_to

pytestmark = pytest.mark.browser
ACCOUNTS = {"walker": "editor"}
PASSWORD = "walk map keyboard password 7"
ADD = "Organization you can add: "
DOT = re.compile(rf"^frame > button: {ADD}(.+)$")
BADGE = re.compile(r"^frame > button: Stop (\d+): (.+)$")
WAIT_MS = 60_000  # for what the user sees after a rerun, on a loaded machine


def _open_planner(page):
    """Open the Walkabout planner from the menu (Shift+Tab, Enter); its map's frame."""
    tab_to(page, "link: Walkabout planner", back=True, max_steps=250)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Walkabout planner").first.wait_for(timeout=WAIT_MS)
    frame = find_map_frame(page, timeout_s=120)
    frame.locator(f'path[aria-label^="{ADD}"]').first.wait_for(timeout=WAIT_MS)
    settle(page)
    return frame


def _tab_to(page, pattern: re.Pattern[str]) -> re.Match[str]:
    """Tab from where the focus is to the next control ``pattern`` matches."""
    tab_to(page, pattern, max_steps=250)
    found = pattern.match(focused(page))
    assert found
    return found


def _walk(page):
    """The walk beside the map, in walking order (its numbered items)."""
    return page.locator("[data-testid=stMarkdownContainer] ol").first.locator("li")


def _picked(page, name: str):
    """``name`` among the organizations to visit (the list above the map)."""
    picker = page.locator('[data-testid="stMultiSelect"]', has_text="Organizations to visit")
    return picker.locator("[data-tag]", has_text=name)


def _shows_stop(page, frame, name: str, stops: int) -> None:
    """Wait until the walk has ``stops`` stops and ``name`` is one of them everywhere: in
    the list to visit, the walk's numbered list and the map's badge of the same number."""
    _picked(page, name).wait_for(timeout=WAIT_MS)
    expect(_walk(page)).to_have_count(stops, timeout=WAIT_MS)
    said = re.compile(rf"Stop (\d+): {re.escape(name)}$")
    badge = frame.locator(".leaflet-marker-icon", has_text=said)
    badge.wait_for(timeout=WAIT_MS)
    number = said.search(badge.text_content() or "").group(1)
    assert badge.locator('[aria-hidden="true"]').inner_text() == number  # the digit drawn
    assert _walk(page).nth(int(number) - 1).inner_text().startswith(f"{name} · ")
    expect(frame.get_by_label(ADD + name, exact=True)).to_have_count(0)  # no longer grey


def test_stops_added_with_enter_and_space_on_the_map_dots_and_dropped_with_enter(
    offline_page, streamlit_url
):
    page = offline_page
    sign_in(page, streamlit_url, "walker", PASSWORD, keyboard=True)
    frame = _open_planner(page)
    expect(_walk(page)).to_have_count(0)

    first = _tab_to(page, DOT).group(1)  # the nearest organization comes first
    said = frame.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert said == ADD + first  # a screen reader says which organization the dot is
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    frame.frame_element().screenshot(path=str(ARTIFACTS_DIR / "walk-map-dot-focused.png"))
    page.keyboard.press("Enter")
    _shows_stop(page, frame, first, 1)
    page.screenshot(path=str(ARTIFACTS_DIR / "walk-map-stop-added-by-enter.png"))

    second = _tab_to(page, DOT).group(1)  # Tab goes on from the map
    assert second != first
    page.keyboard.press(" ")
    _shows_stop(page, frame, second, 2)
    _shows_stop(page, frame, first, 2)

    number, dropped = _tab_to(page, BADGE).groups()
    assert dropped in (first, second) and number in ("1", "2")
    page.keyboard.press("Enter")
    kept = second if dropped == first else first
    expect(_picked(page, dropped)).to_have_count(0, timeout=WAIT_MS)
    _shows_stop(page, frame, kept, 1)
    frame.get_by_label(ADD + dropped, exact=True).wait_for(timeout=WAIT_MS)  # grey again
    page.screenshot(path=str(ARTIFACTS_DIR / "walk-map-stop-dropped-by-enter.png"))

"""Every action reachable by keyboard (issue 15): real tasks done with the keys alone.

Each test moves with Tab and Shift+Tab (``tab_to`` fails, naming every stop, when a
control is never reached), acts with Enter, Space, the arrow keys and typing, and checks
what a user would see afterwards. No mouse: no ``click``, ``fill`` or ``select_option``.
Signing in is done by keyboard too (``sign_in(..., keyboard=True)``).
"""

from __future__ import annotations

import pytest

from geo.i18n import translator
from tests.browser.conftest import (
    ARTIFACTS_DIR,
    find_map_frame,
    focused,
    new_offline_page,
    settle,
    tab_to,
)

pytestmark = pytest.mark.browser
ACCOUNTS = {"amira": "admin"}
PASSWORD = "keyboard pages password 7"
MAP = "frame > region: "  # the home map's container, named for screen readers
SAID = "() => (document.querySelector('.atlas-said') || {}).textContent || ''"


def _home_map(page, url: str):
    """Open the home map and wait until its organization sites are drawn."""
    page.goto(url)
    frame = find_map_frame(page, timeout_s=120)
    frame.wait_for_function(
        "() => window.AtlasMap && AtlasMap.cluster.getLayers().length > 0", timeout=60_000
    )
    settle(page)
    return frame


def _said_after(page, frame, key: str, before: str, words=str) -> str:
    """Press ``key`` and return the map's new announcement (after any "still loading")."""
    page.keyboard.press(key)
    loading = words("The organizations are still loading.")
    frame.wait_for_function(
        f"([before, loading]) => {{ const said = ({SAID})();"
        " return said && said !== before && said !== loading; }",
        arg=[before, loading],
    )
    return frame.evaluate(SAID)


def _popup_name(frame) -> str:
    return frame.locator(".leaflet-popup-content b").last.inner_text()  # an old one fades


def test_the_home_map_walks_through_the_sites_in_view_with_n(offline_page, streamlit_url):
    page = offline_page
    frame = _home_map(page, streamlit_url)
    tab_to(page, MAP + "Asset map")
    assert (
        frame.evaluate(
            "() => getComputedStyle(document.querySelector('.atlas-focus-frame')).display"
        )
        == "block"
    )  # the map shows it has the keyboard
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "keyboard-map-focus.png"))

    first = _said_after(page, frame, "n", "")
    assert first.startswith("Site 1 of "), first
    name = _popup_name(frame)
    assert f"in view: {name}." in first and "Services: " in first and "Languages: " in first
    second = _said_after(page, frame, "n", first)
    assert second.startswith("Site 2 of ") and _popup_name(frame) not in (name, "")
    back = _said_after(page, frame, "Shift+N", second)
    assert back.startswith("Site 1 of ") and _popup_name(frame) == name, back
    page.screenshot(path=str(ARTIFACTS_DIR / "keyboard-map-announced.png"))

    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=10_000)
    assert focused(page) == MAP + "Asset map"  # the focus stays on the map

    tab_to(page, "Next site in view")  # the same walk from a button
    second = _said_after(page, frame, "Enter", first)
    assert second.startswith("Site 2 of "), second
    assert _said_after(page, frame, " ", second).startswith("Site 3 of ")


def test_the_home_map_keys_speak_the_interface_language(chromium_browser, streamlit_url):
    words = translator("fr").gettext
    page = new_offline_page(chromium_browser, locale="fr")
    try:
        frame = _home_map(page, streamlit_url)
        tab_to(page, MAP + words("Asset map"))
        said = _said_after(page, frame, "n", "", words)
        start = words("Site {number} of {count} in view: {name}").split("{")[0]
        assert said.startswith(start), said
        assert words("Services: {services}").split("{")[0] in said
        tab_to(page, words("Next site in view"))
    finally:
        page.context.close()

"""The Gaps map's layers as tables in Chromium (issue 15): the keyboard alone reaches the
map, the three layer tables and their downloads; each circle the map draws has a name a
screen reader reads, and the sites CSV holds exactly the sites named on the map."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser
FRESH_DATABASE = True  # conftest: a demo database of this module's own

_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el) return "";
    if (el.tagName === "IFRAME") return "map";
    if (el.closest('[data-testid="stDataFrame"]')) return "table";
    if (el.closest('[data-testid="stDownloadButton"]')) return "download:" + el.innerText;
    return "";
}"""
NAMES = """prefix => Array.from(document.querySelectorAll('[aria-label^="' + prefix + '"]'))
    .map(el => el.getAttribute('aria-label').slice(prefix.length))"""


def _open(page, url, map_frame):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/gaps")
    frame = map_frame(page, timeout_s=120)  # the first page of a fresh server, under load
    frame.wait_for_selector('[aria-label^="Library branch: "]', state="attached", timeout=60_000)
    settle(page)
    return frame


def test_the_keyboard_reaches_the_gap_map_its_tables_and_downloads(
    offline_page, streamlit_url, map_frame
):
    page = offline_page
    _open(page, streamlit_url, map_frame)
    page.locator("h1", has_text="Gaps").click()  # start from the page's title
    reached: list[str] = []
    for _ in range(300):
        page.keyboard.press("Tab")
        where = page.evaluate(_FOCUSED)
        if where and (not reached or reached[-1] != where):
            reached.append(where)
        if where == "download:Download the ranking (CSV)":
            break
    assert reached[0] == "map", reached
    downloads = [r for r in reached if r.startswith("download:")]
    assert downloads == [
        "download:Download tracts (CSV)",
        "download:Download sites (CSV)",
        "download:Download branches (CSV)",
        "download:Download the ranking (CSV)",
    ], reached
    assert reached.count("table") == 4, reached  # three layers, then the ranking


def test_every_circle_of_the_gap_map_is_named_and_the_sites_csv_holds_them(
    offline_page, streamlit_url, map_frame
):
    page = offline_page
    frame = _open(page, streamlit_url, map_frame)
    sites = frame.evaluate(NAMES, "Organization site: ")
    branches = frame.evaluate(NAMES, "Library branch: ")
    circles = frame.evaluate("() => document.querySelectorAll('path.leaflet-interactive').length")
    unnamed = frame.evaluate(
        """() => Array.from(document.querySelectorAll('path[role="img"]'))
            .filter(el => !el.getAttribute('aria-label')).length"""
    )
    assert sites and branches and unnamed == 0
    assert circles >= len(sites) + len(branches)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download sites (CSV)").click()
    data = Path(info.value.path()).read_bytes()
    table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert Counter(table["Organization"]) == Counter(sites)

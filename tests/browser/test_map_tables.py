"""The home map's layers as tables (issue 15): what the map draws is also a sortable table,
its CSV holds the same rows, and a keyboard alone reaches the map, the tables and downloads."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser
FRESH_DATABASE = True  # conftest: a demo database of this module's own

COUNT_TRACTS = """() => {
    let n = 0;
    window.map.eachLayer(l => { if (l.feature && /^99\\d{9}$/.test(l.feature.id)) n += 1; });
    return n;
}"""


def _download(page, label: str) -> pd.DataFrame:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    data = Path(info.value.path()).read_bytes()
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _open_with_nepali(page, url, map_frame):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    map_frame(page).wait_for_selector(".awesome-marker i.fa-book", timeout=30_000)
    box = page.get_by_role("combobox", name="Languages served")
    box.click()
    page.keyboard.type("Nepali")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    frame = map_frame(page)
    frame.wait_for_function("() => window.AtlasMap && AtlasMap.applied >= 2")
    frame.wait_for_function("() => AtlasMap.tractCount() > 0", timeout=60_000)  # outlines in
    return frame


def test_each_csv_holds_the_rows_the_map_draws(offline_page, streamlit_url, map_frame):
    page = offline_page
    frame = _open_with_nepali(page, streamlit_url, map_frame)
    frame.wait_for_function("() => AtlasMap.cluster.getLayers().length > 0")
    shown = frame.evaluate("() => AtlasMap.shownSites()")
    assert len(shown) > 0

    sites = _download(page, "Download sites (CSV)")
    assert sorted(sites["Organization"]) == sorted(s["name"] for s in shown)
    # A pin's tooltip names its organization and its site's address, as the table does.
    tip = frame.evaluate(
        """() => { const m = AtlasMap.cluster.getLayers()[0];
                   m.fire("mouseover", {latlng: m.getLatLng()});
                   const text = document.createElement("div");
                   text.innerHTML = m.getTooltip().getContent();  // escaped on building
                   return text.textContent; }"""
    )
    row = sites[sites["Organization"] == shown[0]["name"]].iloc[0]
    assert row["Organization"] in tip and row["Site"] in tip
    assert page.get_by_text(f"Organization sites ({len(shown):,})").is_visible()
    assert set(sites["Languages"].str.contains("Nepali")) == {True}  # the filter holds

    tracts = _download(page, "Download tracts (CSV)")
    assert len(tracts) == frame.evaluate(COUNT_TRACTS)
    assert tracts["GEOID"].is_unique
    assert {"Foreign-born share of population (%)", "± 90% margin of error (%)"} <= set(tracts)

    branches = _download(page, "Download branches (CSV)")
    assert len(branches) == frame.locator(".awesome-marker i.fa-book").count()
    names = frame.evaluate(
        """() => Array.from(document.querySelectorAll('[aria-label^="Library branch: "]'))
            .map(el => el.getAttribute('aria-label').replace('Library branch: ', ''))"""
    )
    assert sorted(branches["Branch"]) == sorted(names)


_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el) return "";
    if (el.tagName === "IFRAME") return "map";
    if (el.closest('[data-testid="stDataFrame"]')) return "table";
    if (el.closest('[data-testid="stDownloadButton"]')) return "download:" + el.innerText;
    return "";
}"""


def test_the_keyboard_reaches_the_map_the_tables_and_the_downloads(
    offline_page, streamlit_url, map_frame
):
    page = offline_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(streamlit_url)
    map_frame(page).wait_for_selector(".awesome-marker i.fa-book", timeout=30_000)
    settle(page)
    page.locator("h1", has_text="Asset map").click()  # start from the page's title
    reached: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        where = page.evaluate(_FOCUSED)
        if where and (not reached or reached[-1] != where):
            reached.append(where)
        if where == "download:Download branches (CSV)":
            break
    assert reached[0] == "map", reached
    assert reached.count("table") == 3, reached
    assert [r for r in reached if r.startswith("download:")] == [
        "download:Download tracts (CSV)",
        "download:Download sites (CSV)",
        "download:Download branches (CSV)",
    ]

"""The real home page in chromium, offline: every tract and branch draws; filters redraw."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.config import DEMO_DIR
from tests.browser.conftest import settle

pytestmark = pytest.mark.browser
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"

COUNT_DRAWN = """() => {
    const drawn = {tracts: 0, organizations: 0};
    window.map.eachLayer(l => {
        if (!l.feature || !l._path && !l._radius) return;
        if (/^99\\d{9}$/.test(l.feature.id)) drawn.tracts += 1;
    });
    return drawn;
}"""


@pytest.fixture(scope="module")
def app_env(tmp_path_factory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("db") / "assets.db"
    return {"DATABASE_URL": f"sqlite:///{db}"}


def _layer_label(frame, prefix: str) -> str:
    labels = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    return next(t.strip() for t in labels if t.strip().startswith(prefix))


def test_map_draws_every_tract_and_branch_and_filters_redraw(
    offline_page, streamlit_url, map_frame, blocked_requests, local_errors
):
    tracts = len(json.loads((DEMO_DIR / "tracts.geojson").read_text())["features"])
    offline_page.set_viewport_size({"width": 1500, "height": 1000})
    offline_page.goto(streamlit_url)
    frame = map_frame(offline_page)
    frame.wait_for_selector(".awesome-marker i.fa-book", timeout=30_000)
    # The branches' file and the outlines' file arrive in either order.
    frame.wait_for_function("() => AtlasMap.tractCount() > 0", timeout=60_000)
    assert frame.evaluate(COUNT_DRAWN)["tracts"] == tracts
    assert frame.locator(".awesome-marker i.fa-book").count() == 10  # one icon per branch
    assert offline_page.get_by_text("Illustrative data, not a real place").first.is_visible()
    before = _layer_label(frame, "Organizations")
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "asset_map.png"))

    # Choose Nepali in the sidebar's language filter: fewer organizations are drawn.
    box = offline_page.get_by_role("combobox", name="Languages served")
    box.click()
    offline_page.keyboard.type("Nepali")
    offline_page.keyboard.press("Enter")
    offline_page.keyboard.press("Escape")
    frame = map_frame(offline_page)
    offline_page.wait_for_function(
        """before => [...document.querySelectorAll('iframe')].some(f => {
            try { return [...f.contentDocument.querySelectorAll(
                '.leaflet-control-layers-overlays label')].some(
                l => l.innerText.trim().startsWith('Organizations') &&
                     l.innerText.trim() !== before); } catch (e) { return false; } })""",
        arg=before,
        timeout=60_000,
    )
    frame = map_frame(offline_page)
    after = _layer_label(frame, "Organizations")
    # "Organizations (12 at 14 sites)": the pins drawn are sites
    count = lambda text: int(re.search(r"at ([\d,]+) sites\)", text).group(1).replace(",", ""))  # noqa: E731
    assert 0 < count(after) < count(before)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "asset_map_nepali.png"))
    assert blocked_requests == []
    assert local_errors == []


TRACT_CENTRES = """() => {
    const out = [];
    window.map.eachLayer(l => {
        if (l.feature && /^99\\d{9}$/.test(l.feature.id) && l._path) {
            const r = l._path.getBoundingClientRect();
            out.push({id: l.feature.id, x: r.x + r.width / 2, y: r.y + r.height / 2,
                      area: r.width * r.height});
        }
    });
    return out.sort((a, b) => b.area - a.area);
}"""


def test_clicking_a_tract_opens_its_profile_beside_the_map(
    offline_page, streamlit_url, map_frame, blocked_requests
):
    offline_page.set_viewport_size({"width": 1500, "height": 1000})
    offline_page.goto(streamlit_url)
    frame = map_frame(offline_page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    for tract in frame.evaluate(TRACT_CENTRES)[:8]:
        # Largest tracts first: they are at the edge, away from clusters and branch pins.
        frame.locator(".leaflet-container").click(position={"x": tract["x"], "y": tract["y"]})
        try:
            offline_page.get_by_text("Top countries of origin").first.wait_for(timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - a marker was under the point; try the next tract
            continue
    assert offline_page.get_by_text("Top countries of origin").first.is_visible()
    offline_page.locator("table td", has_text="±").first.wait_for(timeout=30_000)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "tract_profile.png"))
    assert blocked_requests == []


RESOURCE_BYTES = """part => performance.getEntriesByType('resource')
    .filter(e => e.name.includes(part)).reduce((n, e) => n + e.encodedBodySize, 0)"""
FILLS = """() => { const out = {}; window.map.eachLayer(l => {
    if (l.feature && /^99\\d{9}$/.test(l.feature.id) && l._path)
        out[l.feature.id] = l.options.fillColor;
}); return out; }"""


def test_a_filter_click_recolours_the_map_without_fetching_the_tracts_again(
    offline_page, streamlit_url, map_frame, blocked_requests
):
    """The outlines arrive once over HTTP; a filter click sends only the small state."""
    geometry: list[str] = []
    received = [0]
    offline_page.on(
        "request", lambda r: geometry.append(r.url) if "/generated/tracts-" in r.url else None
    )
    offline_page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda data: received.__setitem__(0, received[0] + len(data))
        ),
    )
    offline_page.set_viewport_size({"width": 1280, "height": 720})
    offline_page.goto(streamlit_url)
    frame = map_frame(offline_page)
    frame.wait_for_function(f"() => Object.keys(({FILLS})()).length > 100", timeout=60_000)
    outlines = frame.evaluate(RESOURCE_BYTES, "/generated/tracts-")
    assert len(geometry) == 1 and outlines > 1_000
    # The first load as a new visitor's browser counts it: websocket + every HTTP body.
    first_load = received[0] + frame.evaluate(RESOURCE_BYTES, "")
    first_load += offline_page.evaluate(RESOURCE_BYTES, "")
    before, sent_before = frame.evaluate(FILLS), received[0]

    offline_page.get_by_role("combobox", name="Tract indicator").click()
    offline_page.get_by_role("option", name="Not a U.S. citizen").click()
    frame.wait_for_function(f"b => JSON.stringify(({FILLS})()) !== JSON.stringify(b)", arg=before)
    settle(offline_page)
    after = frame.evaluate(FILLS)
    assert sum(before[k] != after[k] for k in before) > len(before) // 4  # recoloured
    assert frame.evaluate("() => window.map === window.AtlasMap.map")  # the same map object
    assert len(geometry) == 1, geometry  # the outlines were not fetched again
    per_click = received[0] - sent_before
    assert 0 < per_click < first_load / 10, (per_click, first_load)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "asset_map_recoloured.png"))
    assert blocked_requests == []

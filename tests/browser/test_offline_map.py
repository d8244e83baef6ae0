"""The map draws with every non-local request aborted: its assets are served locally."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

APPS_DIR = Path(__file__).resolve().parent / "apps"
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def app_script() -> Path:
    return APPS_DIR / "offline_map_app.py"


def test_map_draws_offline(
    offline_page,
    streamlit_url,
    map_frame,
    blocked_requests,
    local_errors,
    console_errors,
):
    started = time.monotonic()
    offline_page.goto(streamlit_url)
    frame = map_frame(offline_page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    frame.wait_for_selector(".marker-cluster", timeout=30_000)
    frame.wait_for_selector(".awesome-marker i.fa-book", timeout=30_000)
    map_seconds = time.monotonic() - started

    assert frame.eval_on_selector(".leaflet-container", "e => e.offsetHeight") > 300
    assert frame.inner_text(".marker-cluster") == "2"
    # MarkerCluster.Default.css and leaflet.awesome-markers.css applied.
    cluster_colour = frame.eval_on_selector(
        ".marker-cluster-small", "e => getComputedStyle(e).backgroundColor"
    )
    assert cluster_colour == "rgba(181, 226, 140, 0.6)"
    sprite = frame.eval_on_selector(".awesome-marker", "e => getComputedStyle(e).backgroundImage")
    assert "/app/static/vendor/" in sprite
    # Font Awesome's webfont, found through the CSS's ../webfonts/ path.
    loaded_fonts = frame.evaluate(
        """async () => { await document.fonts.ready;
            return [...document.fonts].filter(f => f.status === "loaded")
                .map(f => `${f.family} ${f.weight}`); }"""
    )
    assert "Font Awesome 6 Free 900" in loaded_fonts

    ARTIFACTS_DIR.mkdir(exist_ok=True)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "offline_map.png"))
    print(f"map visible {map_seconds:.1f} s after goto")

    assert blocked_requests == []
    assert local_errors == []
    assert console_errors == []

"""Chinese and Arabic text is drawn by the app's own Noto web fonts, offline.

This machine's Chromium has no Chinese system font (DejaVu and Liberation only), as a
workshop kiosk or a bare Linux machine: without ``static/vendor/webfonts.css`` the sidebar's
"语言" and a Chinese organization name were boxes. Chromium itself says which fonts drew a
node's glyphs (DevTools ``CSS.getPlatformFontsForNode``): the Chinese ones must come from the
web font "Noto Sans SC", and no glyph of the node from a system font (a box is the first
font's .notdef glyph).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import SHOW_SITE, database_env, new_offline_page, settle

pytestmark = pytest.mark.browser
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
NAME = "华人互助中心"  # "Chinese mutual aid centre"
PICKER = "Language / Idioma / Langue / اللغة / 语言"
# Next to ORG-0001 of the demo city, inside the study area.
ORGANIZATION = {"name": NAME, "category": "cultural", "lat": 41.0195, "lon": -44.9520}


@pytest.fixture(scope="module")
def app_env(tmp_path_factory) -> dict[str, str]:
    """A demo database with one organization named in Chinese."""
    from sqlalchemy.orm import Session

    from geo.config import DEMO_DIR
    from geo.db import open_database
    from geo.db.assets import add_asset

    path = tmp_path_factory.mktemp("webfonts") / "assets.db"
    engine = open_database(f"sqlite:///{path}", seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        add_asset(session, ORGANIZATION, user="test", allow_duplicate=True)
    engine.dispose()
    return database_env(path)


def _fonts_drawing(page, element) -> list[dict]:
    """The fonts Chromium drew ``element``'s text with (family, custom or system, glyphs)."""
    element.evaluate("el => el.setAttribute('data-font-probe', '1')")
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        stack, probe = [root], None
        while stack and probe is None:
            node = stack.pop()
            attributes = node.get("attributes", [])
            if "data-font-probe" in attributes[::2]:
                probe = node["nodeId"]
            stack += node.get("children", []) + node.get("shadowRoots", [])
            if "contentDocument" in node:
                stack.append(node["contentDocument"])
        assert probe is not None, "the probed element is in the page"
        return session.send("CSS.getPlatformFontsForNode", {"nodeId": probe})["fonts"]
    finally:
        session.detach()
        element.evaluate("el => el.removeAttribute('data-font-probe')")


def _assert_drawn_by(page, element, font: str, text: str, glyphs: int) -> None:
    """At least ``glyphs`` of ``text`` drawn by the web font ``font``, none by a system font."""
    fonts = _fonts_drawing(page, element)
    system = [f["familyName"] for f in fonts if not f["isCustomFont"]]
    drawn = sum(f["glyphCount"] for f in fonts if f["postScriptName"].startswith(font))
    assert drawn >= glyphs, f"{text!r} not drawn by {font}: {fonts}"
    assert not system, f"glyphs drawn by system fonts {system} (boxes or no web font): {fonts}"


def _assert_drawn_by_noto_sc(page, element, chinese: str) -> None:
    _assert_drawn_by(page, element, "NotoSansSC", chinese, len(chinese))


def _wait_for_fonts(frame) -> None:
    frame.evaluate("async () => { await document.fonts.ready; }")


def _page(chromium_browser, locale: str, blocked: list[str]):
    page = new_offline_page(chromium_browser, blocked=blocked, locale=locale, width=1400)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page, failed


def _show_tooltip(page, frame, name: str):
    """Hover the organization's pin until its tooltip shows; the tooltip."""
    frame.wait_for_function(
        "name => window.AtlasMap && window.AtlasMap.findSite(name) !== null",
        arg=name,
        timeout=60_000,
    )
    tooltip = frame.locator(".leaflet-tooltip", has_text=name).first
    for _attempt in range(3):  # the cluster may still be zooming to the pin on a busy machine
        point = frame.evaluate(SHOW_SITE, name)
        assert point, "the organization is on the map"
        box = frame.frame_element().bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        try:
            tooltip.wait_for(timeout=10_000)
            return tooltip
        except PlaywrightTimeoutError:
            page.mouse.move(1, 1)
    tooltip.wait_for(timeout=10_000)
    return tooltip


def test_english_sidebar_and_chinese_name_on_the_map_use_the_web_fonts(
    chromium_browser, streamlit_url, map_frame
):
    blocked: list[str] = []
    page, failed = _page(chromium_browser, "en-US", blocked)
    try:
        page.goto(streamlit_url)
        label = page.locator('[data-testid="stSidebar"]').get_by_text(PICKER, exact=True)
        label.wait_for(timeout=120_000)
        settle(page)
        frame = map_frame(page)
        tooltip = _show_tooltip(page, frame, NAME)
        _wait_for_fonts(page.main_frame)
        _wait_for_fonts(frame)
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / "webfonts_en.png"))

        _assert_drawn_by_noto_sc(page, label, "语言")
        arabic = [
            f for f in _fonts_drawing(page, label) if f["familyName"].startswith("Noto Sans Arabic")
        ]
        assert arabic, "اللغة is drawn by Noto Sans Arabic"
        _assert_drawn_by_noto_sc(page, tooltip.locator("b").first, NAME)
        assert blocked == [], f"requests left the machine: {blocked}"
        assert not [url for url in failed if "/app/static/" in url], failed
    finally:
        page.context.close()


def test_chinese_interface_and_map_legend_use_the_web_fonts(
    chromium_browser, streamlit_url, map_frame
):
    blocked: list[str] = []
    page, failed = _page(chromium_browser, "zh-CN", blocked)
    try:
        page.goto(streamlit_url)
        heading = page.get_by_role("heading", name="资源地图")
        heading.wait_for(timeout=120_000)
        settle(page)
        frame = map_frame(page)
        legend = frame.locator("b", has_text="外国出生人口占比").first
        legend.wait_for(timeout=60_000)
        _wait_for_fonts(page.main_frame)
        _wait_for_fonts(frame)
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / "webfonts_zh.png"))

        _assert_drawn_by_noto_sc(page, heading, "资源地图")
        _assert_drawn_by_noto_sc(page, legend, "外国出生人口占比")
        assert blocked == [], f"requests left the machine: {blocked}"
        assert not [url for url in failed if "/app/static/" in url], failed
    finally:
        page.context.close()


# Demo organizations named in the scripts of Riverton's Bangladeshi, Burmese and Ethiopian
# newcomers (data/demo/organizations.csv), and the glyphs each name's script part needs at
# least (shaped: the Bengali conjuncts and Myanmar clusters draw fewer glyphs than letters).
DEMO_NAMES = [
    ("Bangladesh Association of Riverton বাংলাদেশ সমিতি", "NotoSansBengali", 8),
    ("ရွှေ Shwe Myanmar Grocery", "NotoSansMyanmar", 3),
    ("ሀበሻ Habesha Market", "NotoSansEthiopic", 3),
]


def test_bengali_burmese_and_amharic_names_on_the_map_use_the_web_fonts(
    chromium_browser, streamlit_url, map_frame
):
    blocked: list[str] = []
    page, failed = _page(chromium_browser, "en-US", blocked)
    try:
        page.goto(streamlit_url)
        frame = map_frame(page)
        for name, font, glyphs in DEMO_NAMES:
            tooltip = _show_tooltip(page, frame, name)
            _wait_for_fonts(frame)
            ARTIFACTS_DIR.mkdir(exist_ok=True)
            tooltip.screenshot(path=str(ARTIFACTS_DIR / f"webfonts_{font}.png"))
            _assert_drawn_by(page, tooltip.locator("b").first, font, name, glyphs)
        assert blocked == [], f"requests left the machine: {blocked}"
        assert not [url for url in failed if "/app/static/" in url], failed
    finally:
        page.context.close()

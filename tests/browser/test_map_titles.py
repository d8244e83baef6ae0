"""What a screen reader announces for each map, and an Arabic tooltip's figure, in Chromium.

Streamlit shows each map in an iframe titled ``streamlit_folium.st_folium``; the map's own
script names its frame (geo/maps/frame_title.py) in the interface language. In Arabic the
Gaps map's tooltip keeps its figure as written (``126 ± 82``, not ``82 ± 126``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from geo.db import make_engine
from geo.i18n import translator
from geo.presenter import stories
from geo.view import View
from tests.browser.conftest import ARTIFACTS_DIR, create_accounts, settle, sign_in
from tests.browser.test_accessibility import app_violations

pytestmark = pytest.mark.browser
PASSWORD = "map-titles-test"
COMPONENT = "streamlit_folium.st_folium"
PICKER = "Language / Idioma / Langue / اللغة / 语言"
TITLES = {
    "Asset map": "Asset map: tracts, branches and organizations",
    "Gaps": "Gaps map: need per tract, matching organizations and library branches",
    "Walkabout planner": "Walkabout map: the branch, the walk area, the walk and its stops",
    "Presenter": "Presenter slide: map of tracts, organizations and branches",
}
_FRAME_TITLES = """() => Array.from(document.querySelectorAll('iframe'))
    .filter(f => { try { return !!f.contentDocument.querySelector('.leaflet-container'); }
                   catch (e) { return false; } })
    .map(f => f.title)"""


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("map-titles") / "assets.db"
    create_accounts(path, {"ada": "admin"}, PASSWORD)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        story_id = stories.create_story(session, "Titles story", user="test")
        stories.add_slide(session, story_id, View(study_area="demo"), "Newcomers", user="test")
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def app_env(db_path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{db_path}"}


@pytest.fixture
def arabic_page(chromium_browser):
    """A page of a browser whose language is Arabic (offline: only localhost answers)."""
    context = chromium_browser.new_context(
        locale="ar", viewport={"width": 1400, "height": 1000}, service_workers="block"
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if "127.0.0.1" in route.request.url or "localhost" in route.request.url
            else route.abort("blockedbyclient")
        ),
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    yield page
    context.close()


def _map_titles(page, count: int = 1) -> list[str]:
    """The titles of the page's map frames, once ``count`` maps have drawn and named."""
    for _ in range(240):  # the map draws, then its script names the frame
        titles = page.evaluate(_FRAME_TITLES)
        if len(titles) >= count and COMPONENT not in titles:
            break
        page.wait_for_timeout(500)
    return titles


def _open(page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).first.wait_for()
    settle(page)


def test_each_map_is_announced_by_its_own_title(offline_page, streamlit_url):
    page = offline_page
    page.set_default_timeout(120_000)
    sign_in(page, streamlit_url, "ada", PASSWORD)
    for heading, title in TITLES.items():
        _open(page, heading)
        if heading == "Presenter":
            page.get_by_role("button", name="Present", exact=True).click()
            page.get_by_role("button", name="Next ▶").wait_for()
        assert _map_titles(page) == [title], heading
        assert app_violations(page) == [], heading


def test_the_titles_follow_the_interface_language(arabic_page, streamlit_url):
    page = arabic_page
    ar = translator("ar").gettext
    page.goto(streamlit_url)
    assert _map_titles(page) == [ar(TITLES["Asset map"])]
    assert ar(TITLES["Asset map"]) != TITLES["Asset map"]
    assert app_violations(page) == []
    _open(page, ar("Gaps"))
    assert _map_titles(page) == [ar(TITLES["Gaps"])]
    assert app_violations(page) == []
    page.get_by_role("combobox", name=PICKER).click()
    page.get_by_role("option", name="English").click()
    page.get_by_role("heading", name="Gaps").first.wait_for()
    settle(page)
    assert _map_titles(page) == [TITLES["Gaps"]]


_FIGURE_ORDER = """() => {
    const tip = document.querySelector('.leaflet-tooltip');
    if (!tip) return null;
    const figure = b => /^[\\d,.]+$/.test(b.innerText);
    const estimate = Array.from(tip.querySelectorAll('b')).find(figure);
    const moe = estimate && estimate.nextSibling;  // the text node " ± 82\\u2069<br>"
    if (!moe) return null;
    const range = document.createRange();
    const at = moe.textContent.search(/\\d/);
    range.setStart(moe, at);
    range.setEnd(moe, at + 1);
    return {estimate: estimate.getBoundingClientRect().left,
            moe: range.getBoundingClientRect().left,
            text: tip.innerText};
}"""


def test_an_arabic_gap_tooltip_shows_its_figure_as_written(arabic_page, streamlit_url, map_frame):
    page = arabic_page
    page.goto(f"{streamlit_url}/gaps")
    frame = map_frame(page, timeout_s=120)
    settle(page)
    order = _hover_tracts(page, frame, _FIGURE_ORDER)
    assert order, "no tract tooltip with a figure"
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "gaps-tooltip-ar.png"))
    # left to right as written: the estimate, then "±", then its margin of error
    assert order["estimate"] < order["moe"], order


_PERCENT_ORDER = """() => {
    const tip = document.querySelector('.leaflet-tooltip');
    const figure = tip && Array.from(tip.querySelectorAll('b')).find(b => /%/.test(b.innerText));
    if (!figure || !figure.firstChild) return null;
    const text = figure.firstChild, at = s => {
        const range = document.createRange();
        range.setStart(text, s);
        range.setEnd(text, s + 1);
        return range.getBoundingClientRect().left;
    };
    return {digit: at(text.textContent.search(/\\d/)), percent: at(text.textContent.indexOf('%')),
            rtl: !!tip.querySelector('div[dir=rtl]'), text: tip.innerText};
}"""


def test_an_arabic_asset_map_tooltip_keeps_its_share_as_written(
    arabic_page, streamlit_url, map_frame
):
    page = arabic_page
    page.goto(streamlit_url)
    frame = map_frame(page, timeout_s=120)
    settle(page)
    order = _hover_tracts(page, frame, _PERCENT_ORDER)
    assert order, "no tract tooltip with a share"
    # "36.1%" as Arabic readers of figures expect it, not "%36.1"; the lines read from the right
    assert order["digit"] < order["percent"], order
    assert order["rtl"], order


def _hover_tracts(page, frame, measure: str) -> dict | None:
    """Hover the map's shapes until ``measure`` finds a tooltip to measure; its answer."""
    for shape in frame.query_selector_all("path.leaflet-interactive")[:80]:
        try:
            shape.hover(timeout=2_000, force=True)
        except Exception:  # noqa: BLE001 - a shape under a pin or the legend cannot be hovered
            continue
        page.wait_for_timeout(200)
        order = frame.evaluate(measure)
        if order:
            return order
    return None

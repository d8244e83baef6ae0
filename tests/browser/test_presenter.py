"""Presenter in Chromium, offline: the view the user pans to becomes a slide, and the slide
reopens there (on the asset map and in Present mode).

Panning the home map never reruns the page; the slide still gets the centre and zoom the
user left (ui/map_position.py), which is what only a browser can show.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from geo.db import make_engine
from geo.presenter import stories
from tests.browser.conftest import (
    PROJECT_ROOT,
    _Server,
    database_env,
    find_map_frame,
    new_offline_page,
    press_again_if_lost,
    settle,
    sign_in,
)

pytestmark = pytest.mark.browser
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
PASSWORD = "presenter-test"
ACCOUNTS = {"amira": "editor"}  # conftest's db_path has them
STORED = "welcome-atlas.map-position"  # ui/map_position.py
POSITION = "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"


@pytest.fixture(scope="module")
def server(db_path, chromium_browser, tmp_path_factory):
    log = tmp_path_factory.mktemp("presenter-log") / "streamlit.log"
    running = _Server(PROJECT_ROOT / "app.py", database_env(db_path), log)
    warm = chromium_browser.new_page()  # the first run loads the study area: not the test's time
    warm.goto(running.url)
    warm.get_by_text("Staff sign-in").wait_for(timeout=180_000)
    warm.close()
    yield running
    running.stop()


@pytest.fixture
def page(chromium_browser, server):
    blocked: list[str] = []
    page = new_offline_page(chromium_browser, blocked=blocked, width=1400, height=1000)
    sign_in(page, server.url, "amira", PASSWORD)
    yield page
    page.context.close()
    assert not blocked, blocked


def _open(page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    settle(page)


def _type(page, label: str, value: str) -> None:
    page.get_by_label(label).fill(value)
    page.get_by_label(label).press("Enter")  # Streamlit takes the value, then reruns
    settle(page)


def _map(page):
    frame = find_map_frame(page)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    return frame


def _slides(db_path: Path):
    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine) as session:
        (story_id, _), *_ = stories.list_stories(session)
        slides = stories.load_story(session, story_id).slides
    engine.dispose()
    return slides


def _pixels_apart(a, b, zoom: int) -> float:
    """How far apart two centres are on screen (Leaflet keeps a centre to whole pixels)."""
    degrees_per_pixel = 360 / (256 * 2**zoom)
    return max(abs(a[0] - b[0]), abs(a[1] - b[1])) / degrees_per_pixel


def test_the_panned_view_becomes_a_slide_that_reopens_there(page, db_path):
    frame = _map(page)
    fitted = frame.evaluate(POSITION)
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"window.map.getZoom() === {fitted[2] + 1}", timeout=60_000)
    frame.locator(".leaflet-container").focus()  # the keys pan the map, as a user would
    for key in ("ArrowRight", "ArrowRight", "ArrowDown"):
        before = frame.evaluate(POSITION)
        page.keyboard.press(key)
        frame.wait_for_function(
            """before => {
                const c = window.map.getCenter();
                const kept = JSON.parse(window.sessionStorage.getItem(STORED) || 'null');
                return (c.lat !== before[0] || c.lng !== before[1])
                    && kept && kept.lat === c.lat && kept.lon === c.lng;
            }""".replace("STORED", repr(STORED)),
            arg=before,
            timeout=60_000,
        )
    left_at = frame.evaluate(POSITION)

    _open(page, "Presenter")
    _type(page, "New story", "Spring workshop")
    page.get_by_role("button", name="Create story").click()
    page.get_by_text(f"at zoom {left_at[2]}").wait_for(timeout=30_000)
    _type(page, "Caption", "Legal help near the river")
    page.get_by_role("button", name="Save this view as a slide").click()
    page.get_by_text("Spring workshop · Slides: 1").wait_for(timeout=30_000)
    (slide,) = _slides(db_path)
    assert slide.view.centre == (round(left_at[0], 5), round(left_at[1], 5))
    assert slide.view.zoom == left_at[2]

    page.get_by_role("button", name="Open on the map").click()
    page.get_by_role("heading", name="Asset map").wait_for(timeout=60_000)
    settle(page)
    lat, lon, zoom = _map(page).evaluate(POSITION)
    assert zoom == slide.view.zoom
    assert _pixels_apart((lat, lon), slide.view.centre, zoom) < 1

    _open(page, "Presenter")
    present = page.get_by_role("button", name="Present")
    present.click()
    press_again_if_lost(present, page.get_by_role("button", name="Next ▶"))
    frame = _map(page)
    lat, lon, zoom = frame.evaluate(POSITION)
    assert zoom == slide.view.zoom
    assert _pixels_apart((lat, lon), slide.view.centre, zoom) < 1
    assert page.get_by_role("button", name="Save this view as a slide").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "presenter-present.png"))


def _story_of_one_slide(db_path: Path, name: str) -> None:
    from geo.view import View

    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine) as session, session.begin():
        story_id = stories.create_story(session, name, user="test")
        stories.add_slide(session, story_id, View(study_area="demo"), "Newcomers", user="test")
    engine.dispose()


def _open_tables_by_keyboard(page, words) -> None:
    """Present, then open the slide's text-and-tables expander from the keyboard."""
    present = page.get_by_role("button", name=words("Present"), exact=True)
    present.click()
    press_again_if_lost(present, page.get_by_role("button", name=words("Next ▶")))
    _map(page)
    label = words("This slide's map as text and tables (legend, tracts, organizations)")
    summary = page.locator("summary").filter(has_text=label)
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name=words("Download tracts (CSV)")).wait_for(timeout=30_000)
    settle(page)


def test_a_slide_is_also_text_and_tables_in_english_and_arabic(page, server, db_path):
    from geo.i18n import translator
    from tests.browser.test_accessibility import app_violations

    _story_of_one_slide(db_path, "Tables story")
    _open(page, "Presenter")
    _open_tables_by_keyboard(page, lambda text: text)
    assert page.locator('[data-testid="stDataFrame"]').count() == 3
    for title in ("Tracts (186)", "Library branches (10)"):
        page.get_by_text(title).wait_for()
    page.get_by_text("Legend of the map: Foreign-born share").wait_for()
    assert app_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "presenter-tables-en.png"))
    tables = page.locator('[data-testid="stMain"] [data-testid="stExpander"]')
    tables.screenshot(path=str(ARTIFACTS / "presenter-tables-en-open.png"))

    arabic = translator("ar").gettext
    visitor = new_offline_page(page.context.browser, locale="ar", width=1400, height=1000)
    visitor.goto(server.url)
    # as a reader would: the home page has finished its first run before the menu is used
    visitor.get_by_role("heading", name=arabic("Asset map")).first.wait_for(timeout=120_000)
    settle(visitor)
    _open(visitor, arabic("Presenter"))
    _open_tables_by_keyboard(visitor, arabic)
    visitor.get_by_text(arabic("Legend of the map: {legend}").split("{")[0]).first.wait_for()
    visitor.get_by_text(arabic("Library branches ({count})").replace("{count}", "10")).wait_for()
    assert app_violations(visitor) == []
    visitor.screenshot(path=str(ARTIFACTS / "presenter-tables-ar.png"))
    tables = visitor.locator('[data-testid="stMain"] [data-testid="stExpander"]')
    tables.screenshot(path=str(ARTIFACTS / "presenter-tables-ar-open.png"))
    visitor.context.close()

"""An organization named like an attack, imported through the real Import page, stays text.

Signed in as an editor, the test imports a CSV whose organization is named
``<img src=x onerror=alert(1)> `whoami` ${1+1}``, then looks at the map's tooltip, the
details beside the map and the directory: the name shows literally, ``${1+1}`` is not
evaluated, no dialog opens and no ``<img src=x>`` element exists in the page or the map.
An anonymous visitor gets neither the directory nor the import page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import SHOW_SITE, create_accounts, settle, sign_in

pytestmark = pytest.mark.browser
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
NAME = "<img src=x onerror=alert(1)> `whoami` ${1+1}"
PASSWORD = "hostile-input-test"
# Next to ORG-0001 of the demo city, so it is inside the study area.
CSV = f'name,category,lat,lon,description\n"{NAME}",cultural,41.0195,-44.9520,"<b>bold</b>"\n'


@pytest.fixture(scope="module")
def app_env(tmp_path_factory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("hostile") / "assets.db"
    create_accounts(db, {"editor1": "editor"}, PASSWORD)
    return {"DATABASE_URL": f"sqlite:///{db}"}


def _no_injected_images(page) -> None:
    for frame in page.frames:
        try:
            assert frame.locator('img[src="x"]').count() == 0, frame.url
        except Exception as err:  # noqa: BLE001 - frames detach while Streamlit reruns
            if "detached" not in str(err).lower():
                raise


def _go(page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).wait_for(timeout=30_000)
    settle(page)


def _shows(locator) -> bool:
    try:
        locator.wait_for(timeout=10_000)
    except PlaywrightTimeoutError:
        return False
    return True


def test_hostile_name_stays_literal_everywhere(
    offline_page, streamlit_url, map_frame, tmp_path, blocked_requests
):
    dialogs: list[str] = []
    offline_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    offline_page.set_viewport_size({"width": 1500, "height": 1100})
    upload = tmp_path / "hostile.csv"
    upload.write_text(CSV, encoding="utf-8")

    sign_in(offline_page, streamlit_url, "editor1", PASSWORD)
    _go(offline_page, "Import and export")
    offline_page.locator('input[type="file"]').first.set_input_files(str(upload))
    offline_page.get_by_role("button", name="Import", exact=True).wait_for(timeout=30_000)
    settle(offline_page)
    offline_page.get_by_role("button", name="Import", exact=True).click()
    offline_page.get_by_text("Imported 1 organizations").wait_for(timeout=30_000)

    # The map: the tooltip shows the name literally (folium's template literal is defused).
    _go(offline_page, "Asset map")
    frame = map_frame(offline_page)
    frame.wait_for_function(
        "() => window.AtlasMap && window.AtlasMap.findSite('whoami') !== null", timeout=60_000
    )
    tooltip = frame.locator(".leaflet-tooltip", has_text="whoami").first
    for _attempt in range(3):  # the cluster may still be zooming to the pin on a busy machine
        point = frame.evaluate(SHOW_SITE, "whoami")
        assert point, "the imported organization is on the map"
        box = frame.frame_element().bounding_box()
        offline_page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        if _shows(tooltip):
            break
        offline_page.mouse.move(1, 1)
    tooltip.wait_for(timeout=10_000)
    assert NAME in tooltip.inner_text()
    _no_injected_images(offline_page)

    # The details beside the map, after a click on the organization.
    offline_page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    heading = offline_page.get_by_role("heading", name="whoami")
    heading.wait_for(timeout=30_000)
    assert heading.inner_text().strip() == NAME
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "hostile_name_map.png"))

    # The directory: the picker and the opened record's heading.
    _go(offline_page, "Asset directory")
    picker = offline_page.get_by_role("combobox", name="Open an organization")
    picker.click()
    offline_page.keyboard.type("whoami")
    option = offline_page.get_by_role("option", name="whoami")
    assert NAME in option.first.inner_text()
    offline_page.keyboard.press("Enter")
    heading = offline_page.get_by_role("heading", name="whoami")
    heading.wait_for(timeout=30_000)
    assert heading.inner_text().strip() == NAME
    settle(offline_page)
    offline_page.screenshot(path=str(ARTIFACTS_DIR / "hostile_name_directory.png"), full_page=True)

    _no_injected_images(offline_page)
    body = offline_page.locator("body").inner_text()
    assert "${1+1}" in body
    assert dialogs == [], f"a script ran: {dialogs}"
    assert blocked_requests == []


def test_anonymous_visitor_gets_only_the_public_pages(offline_page, streamlit_url):
    offline_page.goto(streamlit_url)
    offline_page.get_by_role("heading", name="Asset map").wait_for(timeout=60_000)
    links = offline_page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert not any(t for t in links if "directory" in t.lower() or "import" in t.lower())
    offline_page.goto(f"{streamlit_url}/assets")
    offline_page.get_by_role("heading", name="Asset map").wait_for(timeout=60_000)
    assert offline_page.get_by_role("heading", name="Asset directory").count() == 0

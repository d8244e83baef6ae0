"""Census data and study areas in Chromium: the list shows the demo city, and an import of a
file that is not a census table is refused with a message, nothing changed and no progress
bar left on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS_DIR, create_accounts, settle, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "study-areas-test-42"
TRACTS = b"""{"type": "FeatureCollection", "features": [{"type": "Feature",
 "properties": {"GEOID": "99001000100"},
 "geometry": {"type": "Polygon", "coordinates": [[[-45, 41], [-45, 41.01], [-44.99, 41.01],
 [-44.99, 41], [-45, 41]]]}}]}"""


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("areas") / "assets.db"
    create_accounts(path, {"amira": "editor"}, PASSWORD)
    return path


@pytest.fixture(scope="module")
def app_env(db_path, tmp_path_factory) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{db_path}",
        "WELCOME_ATLAS_STUDY_AREAS_DIR": str(tmp_path_factory.mktemp("study_areas")),
    }


def _rows(page) -> list[list[str]]:
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.locator("[role=gridcell]").first.wait_for(state="attached", timeout=30_000)
    width = grid.locator("[role=columnheader]").count()
    cells = grid.locator("[role=gridcell]").all_text_contents()
    return [cells[i : i + width] for i in range(0, len(cells), width)]


def test_the_list_shows_the_demo_city_and_a_bad_import_is_refused(offline_page, streamlit_url):
    page = offline_page
    sign_in(page, streamlit_url, "amira", PASSWORD)
    page.get_by_role("link", name="Census data and study areas").click()
    page.get_by_role("heading", name="Census data and study areas").wait_for(timeout=30_000)
    settle(page)
    rows = _rows(page)
    assert len(rows) == 1, rows
    assert rows[0][1].startswith("Riverton") and rows[0][3] == "built-in, illustrative"

    page.get_by_label("Short name (folder)").first.fill("broken")
    page.locator("input[type=file]").nth(0).set_input_files(
        files=[
            {
                "name": "ACSDT5Y2023.B05006-Data.csv",
                "mimeType": "text/csv",
                "buffer": b"this is,not a census table\n1,2\n",
            }
        ]
    )
    page.locator("input[type=file]").nth(1).set_input_files(
        files=[{"name": "tracts.geojson", "mimeType": "application/geo+json", "buffer": TRACTS}]
    )
    settle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Nothing was changed", exact=False).wait_for(timeout=60_000)
    settle(page)
    error = page.locator("[data-testid=stAlertContentError]").first
    expect(error).to_contain_text(  # which file, what is wrong, what to do
        "ACSDT5Y2023.B05006-Data.csv: not a data.census.gov table download. Upload the"
    )
    expect(page.locator("[data-testid=stProgress]")).to_have_count(0)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "study_area_refused.png"), full_page=True)
    assert len(_rows(page)) == 1  # no half-imported study area listed

"""Placing an organization that has no coordinates by clicking the map (issue 13), in
Chromium: the map opens on the study area, a click fills latitude and longitude inside it,
and the saved place is the clicked one."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from sqlalchemy.orm import Session

from geo.config import DEMO_DIR
from geo.db import add_asset, list_assets, make_engine
from tests.browser.conftest import ARTIFACTS_DIR, create_accounts, find_map_frame, settle, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "place-on-map-42"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("place") / "assets.db"
    create_accounts(path, {"amira": "editor"}, PASSWORD)
    with Session(make_engine(f"sqlite:///{path}")) as session, session.begin():
        add_asset(
            session,
            {"name": "Unplaced Tailor", "category": "business", "address": "Mill Road"},
            user="test",
        )
    return path


@pytest.fixture(scope="module")
def app_env(db_path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{db_path}"}


def test_a_click_on_the_map_places_the_organization_inside_the_study_area(
    offline_page, streamlit_url, db_path
):
    page = offline_page
    sign_in(page, streamlit_url, "amira", PASSWORD)
    page.get_by_role("link", name="Import and export").click()
    page.get_by_role("heading", name="Import and export").wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("tab", name="Needs a location").click()
    page.get_by_text("Place it by clicking a map").click()
    settle(page)
    frame = find_map_frame(page)
    container = frame.locator(".leaflet-container")
    box = container.bounding_box()
    assert box and box["width"] > 300
    page.wait_for_timeout(1000)  # the map fits the study area once it has a size
    container.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    latitude, longitude = page.get_by_label("Latitude"), page.get_by_label("Longitude")
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=number]')]"
        ".filter(i => i.value !== '').length >= 2",
        timeout=30_000,
    )
    settle(page)
    lat, lon = float(latitude.input_value()), float(longitude.input_value())
    west, south, east, north = gpd.read_file(DEMO_DIR / "tracts.geojson").total_bounds
    assert south <= lat <= north and west <= lon <= east, (lat, lon)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "place_on_map.png"), full_page=True)
    page.get_by_role("button", name="Save the location").click()
    page.get_by_text("Placed Unplaced Tailor", exact=False).wait_for(timeout=30_000)
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        placed = list_assets(session, search="Unplaced Tailor").iloc[0]
    assert (placed["lat"], placed["lon"]) == pytest.approx((lat, lon), abs=1e-6)

"""Issue 13, "Filters that visibly act": on a study area that lacks tables and has no
organizations, the threshold sliders that cannot apply are disabled (not only warned
about) and the map says why it shows no organizations and how to import them."""

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.census import StudyAreaStore, import_census_download
from geo.config import DEMO_DIR
from tests.geo.acs_fixtures import write_census_table
from tests.geo.conftest import T1, T2, T3, TABLES

SLIDERS = {
    "filters.min_arrived_2010_pct": "B05005",  # year of entry
    "filters.min_limited_english_hh_pct": "C16002",  # household language
    "filters.min_noncitizen_pct": "B05001",  # citizenship
}


@pytest.fixture
def areas_dir(tmp_path, monkeypatch):
    folder = tmp_path / "areas"
    monkeypatch.setenv("WELCOME_ATLAS_STUDY_AREAS_DIR", str(folder))
    return folder


def _import(areas_dir, tmp_path, name: str, tables: tuple[str, ...]) -> None:
    acs = [write_census_table(tmp_path / name, t, *TABLES[t]) for t in tables]
    tracts = tmp_path / f"{name}.geojson"
    gpd.GeoDataFrame(
        {"GEOID": [T1, T2, T3], "NAME": ["Tract 1", "Tract 2", "Tract 3"]},
        # Far from the demo city's organizations (which sit near 40.95 N, 44.99 W).
        geometry=[box(-46.03 + i * 0.012, 42.0, -46.018 + i * 0.012, 42.009) for i in range(3)],
        crs="EPSG:4326",
    ).to_file(tracts)
    import_census_download(
        StudyAreaStore(areas_dir, DEMO_DIR), name, tracts_path=tracts, acs_paths=acs, label=name
    )


def test_sliders_for_missing_tables_are_disabled_and_the_empty_map_says_why(
    app, areas_dir, tmp_path
):
    _import(areas_dir, tmp_path, "bare", ("B01003", "B05006"))
    at = app()
    assert not any(at.sidebar.slider(key=k).disabled for k in SLIDERS)  # the demo has all
    assert not any("No organizations in the database" in i.value for i in at.main.info)
    at.sidebar.selectbox(key="filters.study_area").set_value("bare").run()
    assert not at.exception
    assert all(at.sidebar.slider(key=k).disabled for k in SLIDERS)
    helps = [at.sidebar.slider(key=k).help or "" for k in SLIDERS]
    assert all("Not available: this study area has no table for it." in h for h in helps)
    said = " ".join(i.value for i in at.main.info)
    assert "No organizations in the database are inside this study area" in said
    assert "Import and export" in said
    assert next(m.value for m in at.metric if m.label == "Organizations matching") == "0"


def test_only_the_slider_whose_table_is_missing_is_disabled(app, areas_dir, tmp_path):
    _import(areas_dir, tmp_path, "partial", ("B01003", "B05006", "B05001"))
    at = app()
    at.sidebar.selectbox(key="filters.study_area").set_value("partial").run()
    disabled = {k for k in SLIDERS if at.sidebar.slider(key=k).disabled}
    assert disabled == {"filters.min_arrived_2010_pct", "filters.min_limited_english_hh_pct"}

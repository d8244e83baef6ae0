"""A study area outside the U.S. from any polygons + counts: Malmö by district (a small
made-up stand-in: three districts, counts partly with margins of error)."""

import math

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.census import import_generic
from geo.census.community import build_community_profile
from geo.census.indicators import compute_indicator, get_indicator, indicators_for
from geo.census.profile_export import profile_json
from geo.census.profiles import missing_sections
from tests.app.conftest import app  # noqa: F401

SOURCE = "Malmö stad, områdesfakta 2023 (test data)"


@pytest.fixture
def malmo(store, tmp_path):
    districts = gpd.GeoDataFrame(
        {"omr_id": ["01", "02", "03"], "omrade": ["Centrum", "Rosengård", "Limhamn"]},
        geometry=[box(13.00 + 0.02 * i, 55.58, 13.02 + 0.02 * i, 55.60) for i in range(3)],
        crs="EPSG:4326",
    ).to_crs("EPSG:3006")  # SWEREF 99 TM, as Swedish municipalities publish
    districts.to_file(tmp_path / "districts.gpkg")
    (tmp_path / "counts.csv").write_text(
        "omr_id,invånare,born_abroad,born_abroad_moe,Syria,Iraq\n"
        "01,10000,3000,300,400,250\n02,20000,12000,600,3000,1800\n03,5000,500,100,50,20\n",
        encoding="utf-8",
    )
    import_generic(
        store,
        "malmo",
        polygons_path=tmp_path / "districts.gpkg",
        id_column="omr_id",
        name_column="omrade",
        counts_path=tmp_path / "counts.csv",
        key_column="omr_id",
        universe_column="invånare",
        table_id="MALMO",
        vintage=SOURCE,
        label="Malmö (by district)",
    )
    return store.load("malmo")


def test_own_columns_are_map_indicators(malmo):
    labels = {i.label for i in indicators_for(malmo.tables).values()}
    assert {"Syria (count)", "Syria (share of invånare)", "born_abroad (count)"} <= labels
    assert not any("Foreign-born share" in label for label in labels)  # no ACS tables here


def test_a_column_with_moe_is_rated_one_without_says_so(malmo):
    keys = {i.label: k for k, i in indicators_for(malmo.tables).items()}
    abroad = compute_indicator(malmo.tables, keys["born_abroad (share of invånare)"])
    assert abroad.loc["02", "estimate"] == pytest.approx(0.6)
    # universe without an MOE: the share's MOE is unknown, not zero
    assert math.isnan(abroad.loc["02", "moe"]) and abroad.loc["02", "reliability"] == "no_moe"
    count = compute_indicator(malmo.tables, keys["born_abroad (count)"])
    assert count.loc["02", "moe"] == 600 and count.loc["02", "reliability"] == "high"
    syria = compute_indicator(malmo.tables, keys["Syria (count)"])
    assert syria.loc["02", "estimate"] == 3000 and syria.loc["02", "reliability"] == "no_moe"
    assert get_indicator(malmo.tables, keys["Syria (count)"]).kind == "count"


def test_profile_of_two_districts_shows_own_counts_and_the_source(malmo):
    profile = build_community_profile(malmo, ["01", "02"], title="Centrum + Rosengård", rule="")
    data = profile_json(profile)
    assert data["vintage"] == SOURCE and data["not_available"] == []
    rows = {r["item"]: r for r in data["sections"][0]["rows"]}
    assert rows["born_abroad"]["estimate"] == 15000
    assert rows["born_abroad"]["moe"] == pytest.approx(math.sqrt(300**2 + 600**2))
    assert rows["Syria"]["estimate"] == 3400 and rows["Syria"]["moe"] is None
    assert rows["Syria"]["reliability"] == "no_moe"
    assert rows["Syria"]["share"] == pytest.approx(3400 / 30000)
    assert missing_sections(malmo.tables) == []
    assert data["sections"][0]["universe"] == "invånare"


def test_profile_page_for_a_study_area_without_branches(app, store, malmo, monkeypatch):
    monkeypatch.setenv("WELCOME_ATLAS_STUDY_AREAS_DIR", str(store.root))
    at = app()
    at.sidebar.selectbox(key="filters.study_area").set_value("malmo").run()
    at.switch_page("pages/community_profile.py").run()
    assert not at.exception and not at.error
    assert at.radio(key="profile.kind").options == ["Hand-picked tracts", "Drawn area"]
    at.multiselect(key="profile.tracts").set_value(["01", "02"]).run()
    table = at.dataframe[0].value.set_index("")
    assert table.loc["Syria", "Estimate"] == "3,400 (no margin of error supplied)"
    assert table.loc["born_abroad", "Estimate"] == "15,000 ± 671"  # sqrt(300² + 600²)
    assert table.loc["invånare", "Share"].startswith("100.0%")
    assert SOURCE in " ".join(c.value for c in at.caption)

"""Real-data acceptance: New York City through the user-facing import (skips without data)."""

import csv
import math

import pytest

from geo.analysis.catchments import RULES, describe_selection
from geo.census.community import build_community_profile
from geo.census.indicators import INDICATORS, compute_indicator
from geo.census.profile_export import profile_json
from geo.census.profiles import missing_sections
from geo.errors import DataNotAvailable


@pytest.fixture(scope="module")
def nyc(nyc_store):
    store, report = nyc_store
    return store.load("nyc"), report


def test_nyc_totals_match_the_source(nyc):
    area, report = nyc
    assert len(area.tables["B05006"].estimates) == 2327
    assert report.totals == {"B05006": 3_107_983, "B01003": 8_516_202}
    assert area.tables["B05006"].estimates["B05006_001"].sum() == 3_107_983
    assert area.vintage == "ACS 2019-2023 5-year"


def test_nyc_polygons_and_the_three_water_tracts_are_reported(nyc):
    area, report = nyc
    assert len(area.tracts) == 2324
    assert report.geoids_without_polygons == ["36047990100", "36081990100", "36085990100"]
    assert report.polygons_without_data == []
    assert any("3 tracts in the tables have no polygon" in m for m in report.messages())
    assert area.tracts.crs.to_epsg() == 4326


def test_nyc_branches_from_imls(nyc):
    area, report = nyc
    assert report.branches == len(area.branches) == 220
    assert area.branches["branch_id"].is_unique
    assert area.branches["lat"].between(40.4, 41.0).all()


@pytest.mark.parametrize(
    "key", [k for k, i in INDICATORS.items() if set(i.tables) - {"B05006", "B01003"}]
)
def test_indicators_needing_other_tables_are_not_available(nyc, key):
    area, _ = nyc
    with pytest.raises(DataNotAvailable):
        compute_indicator(area.tables, key)


def test_foreign_born_share_is_available(nyc):
    area, _ = nyc
    values = compute_indicator(area.tables, "foreign_born_share")
    assert values["reliability"].isin(["high", "caution", "unreliable"]).all()
    assert set(missing_sections(area.tables)) == {
        "B05005",
        "B05001",
        "C16001",
        "C16002",
        "B06009",
        "B06012",
    }


def test_catchment_profile_sums_moes_by_root_sum_of_squares(nyc):
    area, _ = nyc
    branch = area.branches.iloc[0]
    geoids, title, rule = describe_selection(
        area.tracts, area.branches, branch_id=branch["branch_id"], radius_m=1000
    )
    assert rule == RULES["centroid"] and geoids
    profile = build_community_profile(
        area, geoids, title=title, rule=rule, country="Dominican Republic"
    )
    population = next(s for s in profile.sections if s.title == "Total population").rows
    t = area.tables["B01003"]
    by_hand = math.sqrt(sum(float(t.moes.loc[g, "B01003_001"]) ** 2 for g in geoids))
    assert population.loc[0, "estimate"] == t.estimates.loc[geoids, "B01003_001"].sum()
    assert population.loc[0, "moe"] == pytest.approx(by_hand)
    assert population.loc[0, "area_estimate"] == 8_516_202
    group = profile.sections[0]
    assert group.title == "Group: born in Dominican Republic"
    assert group.rows["reliability"].notna().all()
    assert any("B01003" in n and "not broken down by country" in n for n in profile.notes)


def _raw_rows(path):
    """The data.census.gov file read with the csv module alone: row 2 is labels."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["GEO_ID"].replace("1400000US", ""): r for r in rows[1:]}


def test_catchment_foreign_born_total_matches_a_hand_count_of_the_raw_file(nyc, nyc_files):
    area, _ = nyc
    geoids, title, rule = describe_selection(
        area.tracts, area.branches, branch_id="NY0004-002", radius_m=1000
    )
    assert 8 <= len(geoids) <= 40  # 1 km around Brooklyn's Central Library: 14 tracts
    profile = profile_json(
        build_community_profile(area, geoids, title=title, rule=rule, countries=("Mexico",))
    )
    b05006 = _raw_rows(nyc_files["acs"][0])
    population = _raw_rows(nyc_files["acs"][2])
    fb = sum(int(b05006[g]["B05006_001E"]) for g in geoids)
    fb_moe = math.sqrt(sum(int(b05006[g]["B05006_001M"]) ** 2 for g in geoids))
    pop = sum(int(population[g]["B01003_001E"]) for g in geoids)
    pop_moe = math.sqrt(sum(int(population[g]["B01003_001M"]) ** 2 for g in geoids))
    assert all(int(b05006[g]["B05006_001E"]) > 0 for g in geoids)  # plain root-sum-of-squares
    share = fb / pop
    share_moe = math.sqrt(fb_moe**2 - share**2 * pop_moe**2) / pop

    origin = next(s for s in profile["sections"] if s["table"] == "B05006")
    first = origin["rows"][0]
    assert first["item"] == "Foreign-born total"
    assert first["estimate"] == fb
    assert first["moe"] == pytest.approx(fb_moe, rel=1e-9)
    assert first["share"] == pytest.approx(share, rel=1e-9)
    assert first["share_moe"] == pytest.approx(share_moe, rel=1e-9)
    assert first["share_of"] == "all residents"

    # Mexico (B05006_160 in the 2023 numbering, found by its label): zero cells keep
    # only their largest MOE (handbook), the others add in quadrature.
    mexico = "B05006_160"
    assert b05006["36061000100"]  # the raw file is the one described in SOURCE.md
    cells = [(int(b05006[g][f"{mexico}E"]), int(b05006[g][f"{mexico}M"])) for g in geoids]
    zero = [m for e, m in cells if e == 0]
    expected = math.sqrt(sum(m**2 for e, m in cells if e) + (max(zero) ** 2 if zero else 0))
    chosen = origin["rows"][1]
    assert chosen["item"] == "Chosen countries combined (Mexico)"
    assert chosen["estimate"] == sum(e for e, _ in cells)
    assert chosen["moe"] == pytest.approx(expected, rel=1e-9)

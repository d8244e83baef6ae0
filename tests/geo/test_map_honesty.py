"""The home map tells how far its classes can be trusted, and maps any study area's own
columns (tiny area: figures by hand)."""

import math

import pytest

from geo.census.study_area import StudyArea
from geo.census.tables import read_counts_table
from geo.filters import Filters
from geo.maps.asset_map import MapOptions, build_asset_map
from geo.maps.layers import simplify_tracts
from geo.maps.sites import placed_sites, write_sites_file
from geo.maps.tract_file import write_tract_file

# Foreign-born share ± MOE (handbook proportion formula) of the three tiny tracts:
T2_TOP = 0.1 + math.sqrt(40**2 - 0.1**2 * 150**2) / 2000  # 200 ± 40 of 2,000 ± 150
T3_TOP = 0.2 + math.sqrt(9**2 - 0.2**2 * 30**2) / 50  # 10 ± 9 of 50 ± 30: 0.066..0.334


def _build(area, organizations, tmp_path, options):
    tracts = write_tract_file(simplify_tracts(area.tracts), tmp_path, area.name)
    sites = placed_sites(organizations, tracts.bounds)
    site_file = write_sites_file(sites, tmp_path)
    return build_asset_map(area, tracts, sites, Filters(), options, sites=site_file)


def test_legend_counts_tracts_whose_interval_spans_a_class_break(
    tiny_area, organizations, tmp_path
):
    # Quantile breaks of 0.1, 0.2, 0.4 are 0.167 and 0.267: only the third tract's
    # interval 0.066..0.334 reaches across one.
    view = _build(tiny_area, organizations, tmp_path, MapOptions(scheme="quantiles"))
    assert "1 of 3 tracts could belong to another class" in view.state.legend


def test_classification_placing_breaks_where_intervals_overlap_least(
    tiny_area, organizations, tmp_path
):
    view = _build(tiny_area, organizations, tmp_path, MapOptions(scheme="fewest_spanning"))
    # Breaks at the top of the second tract's interval and of the third tract's.
    low, middle = f"{T2_TOP * 100:.1f}%", f"{T3_TOP * 100:.1f}%"
    assert (low, middle) == ("11.9%", "33.4%")
    assert f"≤ {low}" in view.state.legend and f"{low} – {middle}" in view.state.legend
    assert "Fewest tracts across a break" in view.state.legend


@pytest.fixture
def own_counts_area(tiny_area, tmp_path):
    """The tiny polygons renamed as districts with counts of a non-U.S. source."""
    (tmp_path / "counts.csv").write_text(
        "GEOID,residents,born_abroad,born_abroad_moe,Syria\n"
        "99001000100,1000,300,40,120\n99001000200,2000,500,60,80\n99001000300,50,5,4,0\n",
        encoding="utf-8",
    )
    table = read_counts_table(
        tmp_path / "counts.csv", key_column="GEOID", universe_column="residents"
    )
    return StudyArea(
        name="own",
        label="Districts (test)",
        vintage="City statistics office 2024 (test)",
        illustrative=False,
        tracts=tiny_area.tracts,
        tables={"COUNTS": table},
        branches=tiny_area.branches.iloc[:0],
    )


def test_own_columns_are_drawn_without_margin_of_error_supplied(
    own_counts_area, organizations, tmp_path
):
    options = MapOptions(indicator="counts:COUNTS:count:Syria")
    view = _build(own_counts_area, organizations, tmp_path, options)
    assert not view.notices
    assert view.state.label == "Syria (count)" and view.state.estimates == [120, 80, 0]
    assert view.state.moes == [None, None, None]
    assert set(view.state.codes) <= set("klmnopqrst")  # the "no MOE supplied" family
    assert view.state.reliability["k"] == "No margin of error supplied"
    assert "No margin of error supplied: class breaks cannot be checked." in view.state.legend
    assert "City statistics office 2024 (test)" in view.state.legend


def test_own_column_with_moe_is_checked_against_its_breaks(
    own_counts_area, organizations, tmp_path
):
    options = MapOptions(indicator="counts:COUNTS:count:born_abroad")
    view = _build(own_counts_area, organizations, tmp_path, options)
    assert view.state.moes == [40, 60, 4]
    assert "of 3 tracts could belong to another class" in view.state.legend

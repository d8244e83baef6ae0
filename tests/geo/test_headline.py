"""The home page's headline figures in every filter state (tiny area, by hand)."""

import pytest

from geo.census.headline import compute_headline
from tests.geo.conftest import T1, T2, T3

ALL = [T1, T2, T3]


def _shown(figures):
    return {f.label: f.value for f in figures}


def test_no_threshold_describes_the_whole_study_area(tiny_tables):
    # 400 ± 60, 200 ± 40, 10 ± 9: sqrt(60² + 40² + 9²) = 72.7
    shown = _shown(compute_headline(tiny_tables, ALL, highlighted=None))
    assert shown == {"Tracts": "3", "Foreign-born in the study area": "610 ± 73"}


def test_thresholds_count_the_tracts_meeting_them(tiny_tables):
    shown = _shown(compute_headline(tiny_tables, ALL, highlighted=[T1]))
    assert shown == {"Tracts meeting the thresholds": "1 of 3", "Foreign-born in them": "400 ± 60"}


def test_no_tract_meeting_the_thresholds_says_so_instead_of_zero(tiny_tables):
    figures = compute_headline(tiny_tables, ALL, highlighted=[])
    assert _shown(figures) == {
        "Tracts meeting the thresholds": "0 of 3",
        "Foreign-born in them": "no tracts",
    }
    assert "lower one" in figures[-1].help


def test_chosen_countries_add_their_combined_count(tiny_tables):
    # Bhutan + Nepal: 200 ± 40 and 100 ± 30 in T1; zeros elsewhere keep only their largest
    # MOE (12): sqrt(40² + 30² + 12²) = 51.4
    shown = _shown(
        compute_headline(tiny_tables, ALL, highlighted=None, countries=("Bhutan", "Nepal"))
    )
    assert shown["Born in Bhutan, Nepal"] == "300 ± 51"


@pytest.mark.parametrize("highlighted", [None, [T1]])
def test_without_place_of_birth_table_it_is_not_available(tiny_tables, highlighted):
    tables = {k: v for k, v in tiny_tables.items() if k != "B05006"}
    figures = compute_headline(tables, ALL, highlighted=highlighted, vintage="ACS 2019-2023 5-year")
    assert figures[-1].value == "not available" and "B05006" in figures[-1].help


def test_two_chosen_countries_are_listed_as_the_reader_lists_them(tiny_tables):
    figures = compute_headline(
        tiny_tables, ALL, highlighted=None, countries=("Bhutan", "Nepal"), locale="zh"
    )
    assert "Born in Bhutan、Nepal" in _shown(figures)

"""Tract indicators: the right numerator and universe, MOEs, and 'not available'."""

import math

import pytest

from geo.census.indicators import (
    IndicatorOptions,
    compute_indicator,
    country_variables,
    language_groups,
)
from geo.errors import DataNotAvailable
from tests.geo.conftest import T1, T2, T3


def test_foreign_born_share_with_handbook_moe(tiny_tables):
    got = compute_indicator(tiny_tables, "foreign_born_share")
    assert got.loc[T1, "estimate"] == pytest.approx(0.4)
    expected_moe = math.sqrt(60**2 - 0.4**2 * 100**2) / 1000
    assert got.loc[T1, "moe"] == pytest.approx(expected_moe)
    assert got.loc[T1, "reliability"] == "high"
    assert got.loc[T3, "reliability"] == "unreliable"  # 10 ± 9 of 50 ± 30


def test_chosen_countries_are_summed_with_root_sum_of_squares(tiny_tables):
    opts = IndicatorOptions(countries=("Bhutan", "Nepal"))
    count = compute_indicator(tiny_tables, "origin_count", opts)
    assert count.loc[T1, "estimate"] == 300
    assert count.loc[T1, "moe"] == pytest.approx(50.0)  # sqrt(40² + 30²)
    assert count.loc[T2, "moe"] == pytest.approx(12.0)  # two zero cells: largest MOE only
    share = compute_indicator(tiny_tables, "origin_share", opts)
    assert share.loc[T1, "estimate"] == pytest.approx(0.3)


def test_origin_needs_a_country(tiny_tables):
    with pytest.raises(DataNotAvailable, match="country"):
        compute_indicator(tiny_tables, "origin_count")


def test_arrived_since_2010_is_a_share_of_the_foreign_born(tiny_tables):
    got = compute_indicator(tiny_tables, "arrived_2010_share")
    assert got.loc[T1, "estimate"] == pytest.approx(0.75)
    assert got.loc[T2, "estimate"] == pytest.approx(0.1)


def test_limited_english_for_all_languages_or_one_group(tiny_tables):
    everyone = compute_indicator(tiny_tables, "limited_english_share")
    assert everyone.loc[T1, "estimate"] == pytest.approx(290 / 900)
    spanish = compute_indicator(
        tiny_tables, "limited_english_share", IndicatorOptions(language_group="Spanish")
    )
    assert spanish.loc[T1, "estimate"] == pytest.approx(40 / 900)


def test_missing_table_is_not_available_never_zero(tiny_tables):
    with pytest.raises(DataNotAvailable, match="C16002"):
        compute_indicator(tiny_tables, "limited_english_households")


def test_country_and_language_group_lists_come_from_labels(tiny_tables):
    assert set(country_variables(tiny_tables)) == {"Bhutan", "Nepal", "Mexico"}
    assert language_groups(tiny_tables) == ["Spanish", "Other Asian and Pacific Island languages"]

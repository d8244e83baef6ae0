"""Tract and area profiles: sums over tracts with MOEs, shares of the right universe."""

import math

import pytest

from geo.census.profiles import build_profile, missing_sections
from geo.errors import DataNotAvailable
from tests.geo.conftest import T1, T2


def _section(sections, table_id):
    return next(s for s in sections if s.table_id == table_id)


def test_countries_over_two_tracts_are_summed_and_ranked(tiny_tables):
    countries = _section(build_profile(tiny_tables, [T1, T2]), "B05006").rows
    assert list(countries["item"][:2]) == ["Mexico", "Bhutan"]
    mexico = countries.set_index("item").loc["Mexico"]
    assert mexico["estimate"] == 300
    assert mexico["moe"] == pytest.approx(math.sqrt(30**2 + 40**2))
    assert mexico["share"] == pytest.approx(300 / 600)


def test_period_of_entry_is_a_share_of_all_foreign_born(tiny_tables):
    rows = _section(build_profile(tiny_tables, [T1]), "B05005").rows.set_index("item")
    assert rows.loc["Entered 2010 or later", "share"] == pytest.approx(0.75)
    assert rows["share"].sum() == pytest.approx(1.0)


def test_english_ability_is_listed_by_language_group(tiny_tables):
    rows = _section(build_profile(tiny_tables, [T1]), "C16001").rows.set_index("item")
    assert rows.loc["Other Asian and Pacific Island languages", "estimate"] == 250


def test_tables_the_area_lacks_are_named_not_zeroed(tiny_tables):
    sections = build_profile(tiny_tables, [T1])
    assert {s.table_id for s in sections} == {"B01003", "B05006", "B05001", "B05005", "C16001"}
    assert missing_sections(tiny_tables) == ["C16002", "B06009", "B06012"]


def test_empty_selection_is_refused(tiny_tables):
    with pytest.raises(DataNotAvailable):
        build_profile(tiny_tables, [])

"""Tract and area profiles: sums over tracts with MOEs, shares of the right universe."""

import math

import pytest

from geo.census.acs import read_acs_folder
from geo.census.profiles import build_profile, missing_sections
from geo.errors import DataNotAvailable
from tests.geo.acs_fixtures import write_census_table
from tests.geo.conftest import T1, T2


def _section(sections, table_id):
    return next(s for s in sections if s.table_id == table_id)


def test_countries_over_two_tracts_are_summed_and_ranked(tiny_tables):
    countries = _section(build_profile(tiny_tables, [T1, T2]), "B05006").rows.iloc[1:]
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


def test_origin_section_opens_with_the_foreign_born_total_and_its_share(tiny_tables):
    rows = _section(build_profile(tiny_tables, [T1, T2]), "B05006").rows
    total = rows.iloc[0]
    assert total["item"] == "Foreign-born total"
    assert total["estimate"] == 600  # 400 + 200
    assert total["moe"] == pytest.approx(math.sqrt(60**2 + 40**2))
    assert total["share"] == pytest.approx(600 / 3000)  # of 1,000 + 2,000 residents
    # p = 0.2: sqrt(MOE_fb² - p² MOE_pop²) / pop, MOE_pop² = 100² + 150²
    assert total["share_moe"] == pytest.approx(math.sqrt(5200 - 0.04 * 32500) / 3000)
    assert total["share_of"] == "all residents"
    assert rows.iloc[1]["share_of"] == "foreign-born residents"  # countries follow


def test_chosen_countries_combined_total_follows_the_foreign_born_total(tiny_tables):
    rows = _section(
        build_profile(tiny_tables, [T1, T2], countries=("Bhutan", "Nepal")), "B05006"
    ).rows
    combined = rows.iloc[1]
    assert combined["item"] == "Chosen countries combined (Bhutan, Nepal)"
    assert combined["estimate"] == 300
    # cells 200±40, 100±30 and two zero cells 0±12: only the largest zero MOE counts
    assert combined["moe"] == pytest.approx(math.sqrt(40**2 + 30**2 + 12**2))
    assert combined["share"] == pytest.approx(0.5)  # of the 600 foreign-born
    assert combined["share_moe"] == pytest.approx(math.sqrt(2644 - 0.25 * 5200) / 600)
    assert list(rows["item"][2:4]) == ["Mexico", "Bhutan"]


def test_share_of_residents_falls_back_to_the_ratio_formula(tmp_path):
    # 90 ± 10 foreign-born of 100 ± 50 residents: 10² - 0.9² * 50² < 0, so the handbook
    # says use the ratio formula sqrt(10² + 0.9² * 50²) / 100.
    write_census_table(tmp_path, "B01003", {"001": "Total"}, {T1: {"001": (100, 50)}})
    write_census_table(
        tmp_path,
        "B05006",
        {"001": "Total:", "002": "Total:!!Asia:", "003": "Total:!!Asia:!!Nepal"},
        {T1: {"001": (90, 10), "002": (90, 10), "003": (90, 10)}},
    )
    total = _section(build_profile(read_acs_folder(tmp_path), [T1]), "B05006").rows.iloc[0]
    assert total["share"] == pytest.approx(0.9)
    assert total["share_moe"] == pytest.approx(math.sqrt(100 + 0.81 * 2500) / 100)
    assert total["share_moe"] == pytest.approx(0.461, abs=0.001)


def test_foreign_born_total_without_population_table_has_no_share(tiny_tables):
    tables = {k: v for k, v in tiny_tables.items() if k != "B01003"}
    total = _section(build_profile(tables, [T1]), "B05006").rows.iloc[0]
    assert total["estimate"] == 400 and math.isnan(total["share"])


def test_csv_and_json_exports_open_the_origin_section_with_the_total(tiny_area):
    from geo.census.community import build_community_profile
    from geo.census.profile_export import export_csv, profile_json

    profile = build_community_profile(
        tiny_area, [T1, T2], title="Two tracts", rule="by hand", countries=("Mexico",)
    )
    origin = next(s for s in profile_json(profile)["sections"] if s["table"] == "B05006")
    assert [r["item"] for r in origin["rows"][:3]] == [
        "Foreign-born total",
        "Chosen countries combined (Mexico)",
        "Mexico",
    ]
    assert origin["rows"][0]["area_estimate"] == 610  # whole area: 400 + 200 + 10
    assert origin["rows"][1]["area_estimate"] == 300  # Mexico in the whole area
    lines = export_csv(profile).decode().splitlines()
    total = next(line for line in lines if ",Foreign-born total," in line)
    assert ",600.0," in total and "all residents" in total and "ACS 2019-2023 5-year" in total


def test_the_chosen_countries_row_is_english_in_files_and_said_in_the_readers_language():
    from geo.census.origins import FOREIGN_BORN_ITEM, chosen_label, item_label

    countries = ["Mexico", "India", "China, excluding Hong Kong and Taiwan"]
    row = chosen_label(countries)
    assert row == "Chosen countries combined (Mexico, India, China, excluding Hong Kong and Taiwan)"
    # rows live in pandas string columns (English); the page asks for the row's words
    said = item_label(str(row), countries)
    assert said.in_language("es") == (  # type: ignore[union-attr]
        "Países elegidos en conjunto (Mexico, India y China, excluding Hong Kong and Taiwan)"
    )
    assert "（Mexico、India、China, excluding" in said.in_language("zh")  # type: ignore[union-attr]
    assert item_label(FOREIGN_BORN_ITEM).in_language("fr") == (  # type: ignore[union-attr]
        "Total des personnes nées à l'étranger"
    )
    assert type(item_label("Mexico", countries)) is str  # data rows stay as the ACS names them
    assert type(item_label(str(row), countries[:2])) is str  # another choice: not this row

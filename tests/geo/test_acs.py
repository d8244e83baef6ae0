"""Reading data.census.gov downloads: by label, whatever the numbering or encoding."""

import math

import pytest

from geo.census.acs import read_acs_folder, read_acs_table
from geo.errors import DataNotAvailable, ImportFormatError
from tests.geo.acs_fixtures import write_census_table

B05006_2023 = {
    "001": "Total:",
    "002": "Total:!!Asia:",
    "003": "Total:!!Asia:!!Bhutan",
    "004": "Total:!!Asia:!!Nepal",
}
# An older vintage numbered the same countries differently.
B05006_OLD = {
    "001": "Total:",
    "007": "Total:!!Asia:",
    "009": "Total:!!Asia:!!Nepal",
    "012": "Total:!!Asia:!!Bhutan",
}


def test_variables_are_found_by_label_not_position(tmp_path):
    rows = {"99001000100": {"001": (30, 9), "002": (30, 9), "003": (20, 8), "004": (10, 5)}}
    new = read_acs_table(write_census_table(tmp_path / "a", "B05006", B05006_2023, rows))
    old_rows = {"99001000100": {"001": (30, 9), "007": (30, 9), "009": (10, 5), "012": (20, 8)}}
    old = read_acs_table(write_census_table(tmp_path / "b", "B05006", B05006_OLD, old_rows))
    for table in (new, old):
        assert table.estimate(table.find("Bhutan")).iloc[0] == 20
        assert table.moe(table.find("Nepal")).iloc[0] == 5
    assert sorted(new.name(v) for v in new.leaves()) == ["Bhutan", "Nepal"]


def test_geoid_comes_from_geo_id_and_label_row_is_skipped(tmp_path):
    path = write_census_table(
        tmp_path, "B01003", {"001": "Total"}, {"99001000100": {"001": (1200, 150)}}
    )
    table = read_acs_table(path)
    assert list(table.estimates.index) == ["99001000100"]
    assert table.table_id == "B01003"


def test_annotation_codes_become_missing_or_zero_moe(tmp_path):
    rows = {"99001000100": {"001": ("-", "***")}, "99001000200": {"001": (500, "*****")}}
    table = read_acs_table(write_census_table(tmp_path, "B01003", {"001": "Total"}, rows))
    assert math.isnan(table.estimates.iloc[0, 0])
    assert table.moes.iloc[1, 0] == 0  # controlled estimate: no sampling error


def test_cp1252_download_is_read(tmp_path):
    labels = {"001": "Total:", "002": "Total:!!Côte d’Ivoire"}
    path = write_census_table(
        tmp_path,
        "B05006",
        labels,
        {"99001000100": {"001": (5, 3), "002": (5, 3)}},
        encoding="cp1252",
    )
    assert read_acs_table(path).name("B05006_002") == "Côte d’Ivoire"


def test_missing_label_is_reported_not_guessed(tmp_path):
    path = write_census_table(tmp_path, "B01003", {"001": "Total"}, {"99001000100": {}})
    with pytest.raises(DataNotAvailable, match="Bhutan"):
        read_acs_table(path).find("Bhutan")


def test_file_without_geo_id_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "x-Data.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(ImportFormatError, match="GEO_ID"):
        read_acs_table(path)


def test_folder_reads_every_table(tmp_path):
    write_census_table(tmp_path, "B01003", {"001": "Total"}, {"99001000100": {}})
    write_census_table(tmp_path, "B05006", B05006_2023, {"99001000100": {}})
    assert set(read_acs_folder(tmp_path)) == {"B01003", "B05006"}


REAL = "../shared/data/real/acs_nyc_tracts"


def test_real_nyc_b05006_totals_match_the_source():
    from pathlib import Path

    from tests.conftest import real_data

    folder = real_data(Path(REAL))
    table = read_acs_table(
        folder / "B05006-original-data.csv", folder / "ACSDT5Y2023.B05006-Column-Metadata.csv"
    )
    assert table.estimate(table.find("Total")).sum() == 3_107_983
    assert len(table.estimates) == 2327
    assert table.estimate(table.find("Dominican Republic")).sum() == 402_337

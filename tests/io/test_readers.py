"""Sniffing, decoding and reading files (tests geo/io/sniff.py, readers.py, hsds.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from geo.errors import ImportFormatError
from geo.io import Limits, read_source, sniff_format
from tests.io.conftest import DATA, HELLO, MIAMI, NYC, SPEC, real


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.csv", "is empty"),
        ("header_only.csv", "has a header row but no rows"),
        ("broken_encoding.csv", "neither UTF-8 nor Windows-1252 .first at line 3"),
        ("binary.csv", "not text"),
        ("fake.xlsx", "named like a .xlsx file"),
        ("traversal.zip", "points outside the archive"),
    ],
)
def test_bad_files_say_what_is_wrong(name: str, expected: str) -> None:
    with pytest.raises(ImportFormatError, match=expected):
        read_source(DATA / name)


def test_content_decides_the_format_not_the_extension(tmp_path: Path) -> None:
    xlsx = tmp_path / "workbook.csv"
    import pandas as pd

    pd.DataFrame({"name": ["A"]}).to_excel(xlsx, index=False)
    assert sniff_format(xlsx) == "xlsx"
    geojson = tmp_path / "layer.txt"
    geojson.write_text('{"type": "FeatureCollection", "features": []}')
    assert sniff_format(geojson) == "geojson"
    csv_file = tmp_path / "list.txt"
    csv_file.write_text("name\nA\n")
    assert sniff_format(csv_file) == "csv"


def test_missing_path_and_limits(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="There is no file"):
        read_source(tmp_path / "nope.csv")
    big = tmp_path / "big.csv"
    big.write_text("name\n" + "x\n" * 50)
    with pytest.raises(ImportFormatError, match="limit is"):
        read_source(big, Limits(max_file_bytes=20))
    with pytest.raises(ImportFormatError, match="50 rows; the limit is 10"):
        read_source(big, Limits(max_rows=10))


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    bomb = tmp_path / "package.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organizations.csv", b"0" * 3_000_000)
    with pytest.raises(ImportFormatError, match="compressed suspiciously well"):
        read_source(bomb)


def test_encodings_utf8_bom_and_cp1252(tmp_path: Path) -> None:
    table = read_source(DATA / "cp1252.csv")
    assert table.encoding == "cp1252"
    assert list(table.frame["name"]) == ["Café Amal", "Saïd’s Place"]
    assert table.notes and "Windows-1252" in table.notes[0]
    bom = tmp_path / "bom.csv"
    bom.write_bytes("name;city\nمركز;Montréal\n华人;Київ\n".encode("utf-8-sig"))
    table = read_source(bom)
    assert list(table.frame.columns) == ["name", "city"]
    assert list(table.frame["city"]) == ["Montréal", "Київ"]


def test_rows_are_numbered_as_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text('name,note\nA,"two\nlines"\n,\nB,x\n')
    frame = read_source(path).frame
    assert list(frame.index) == [1, 3]  # the blank data row 2 is skipped, not renumbered


def test_nyc_multiline_addresses() -> None:
    table = read_source(real(NYC))
    assert len(table.frame) == 78
    assert (table.frame["Latitude"] != "").sum() == 58
    assert "\n" in table.frame.loc[4, "Location 1"]


def test_helloneighbor_bom_and_duplicated_header() -> None:
    table = read_source(real(HELLO))
    assert table.frame.columns[0] == "Timestamp"  # BOM removed
    assert "Contact Information (Phone Number).1" in table.frame.columns
    assert len(table.frame) == 430


def test_miami_hsds_links_locations_through_services() -> None:
    frame = read_source(real(MIAMI)).frame
    assert len(frame) == 1074
    row = frame[frame["source_id"] == "136"].iloc[0]
    assert row["name"] == "GIRL SCOUTS COUNCIL OF TROPICAL FLORIDA, INC."
    assert row["phone"] == "305-253-4841"
    assert set(row["languages"].split(";")) >= {"en", "es", "ht"}
    assert (frame["lat"] != "").sum() == 553


def test_hsds_zip_and_datapackage_json_path(tmp_path: Path) -> None:
    spec = real(SPEC)
    package = tmp_path / "spec.zip"
    with zipfile.ZipFile(package, "w") as archive:
        for name in (
            "organizations.csv",
            "services.csv",
            "locations.csv",
            "languages.csv",
            "service_at_location.csv",
            "phones.csv",
            "addresses.csv",
        ):
            archive.write(spec / name, f"export/{name}")
    row = read_source(package).frame.iloc[0]
    assert row["name"] == "Example Organization Inc."
    assert (row["lat"], row["lon"]) == ("100", "101")
    assert row["phone"] == "+44 1234 234567 x100"
    assert row["languages"].startswith("ur:")
    assert (
        read_source(spec / "datapackage.json").frame.iloc[0]["name"] == "Example Organization Inc."
    )

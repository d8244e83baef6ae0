"""Column mapping, preview, row validation and the report (mapping, validation, classify)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from geo.errors import ImportFormatError
from geo.io import classify_categories, parse_languages, prepare_import, preview, propose_mapping
from geo.io.report import report_to_csv
from geo.io.validation import check_coordinates, compose_address
from tests.io.conftest import DATA


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["Name", "Latitude", "Longitude"],
            {"name": "Name", "lat": "Latitude", "lon": "Longitude"},
        ),
        (
            ["org_name", "y", "x", "URL"],
            {"name": "org_name", "lat": "y", "lon": "x", "website": "URL"},
        ),
        (["Agency", "Telephone", "lat", "lng"], {"name": "Agency", "phone": "Telephone"}),
        (
            ["nonprofit_name", "street", "city", "state", "zip"],
            {
                "name": "nonprofit_name",
                "address": "street",
                "city": "city",
                "state": "state",
                "zip": "zip",
            },
        ),
        (
            ["Organization", "Contact Number", "Program Type", "Languages"],
            {
                "name": "Organization",
                "phone": "Contact Number",
                "category": "Program Type",
                "languages": "Languages",
            },
        ),
    ],
)
def test_propose_mapping_finds_synonyms(columns: list[str], expected: dict[str, str]) -> None:
    proposed = propose_mapping(columns)
    assert {k: proposed[k] for k in expected} == expected


def test_no_name_column_lists_the_columns_found() -> None:
    with pytest.raises(ImportFormatError) as caught:
        prepare_import(DATA / "wrong_columns.csv")
    message = str(caught.value)
    assert "Organisation Title, Town, Lat, Lon" in message
    assert "name, organization, agency" in message


def test_user_mapping_overrides_and_preview() -> None:
    frame = pd.DataFrame(
        {"Organisation Title": ["Helping Hands", ""], "Lat": ["40.1", "x"], "Lon": ["-75.2", "1"]},
        index=[1, 2],
    )
    mapping = {"name": "Organisation Title", "lat": "Lat", "lon": "Lon"}
    shown = preview(frame, mapping, n=10)
    assert list(shown.columns) == ["name", "lat", "lon", "problems"]
    assert shown.loc[1, "problems"] == ""
    assert (
        "name: is empty" in shown.loc[2, "problems"] and "not a number" in shown.loc[2, "problems"]
    )
    with pytest.raises(ImportFormatError, match="does not have"):
        preview(frame, {"name": "Title"})


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        ("40.7128", "-74.0060", None),
        ("40,7128", "-74,0060", None),
        ("forty", "-74", "not a number"),
        ("-118.24", "34.05", "look swapped"),
        ("100", "101", "not a place on Earth; latitude must be between"),
        ("40.7", "", "is empty while the other"),
        ("0", "0", "in the ocean"),
    ],
)
def test_check_coordinates(lat: str, lon: str, expected: str | None) -> None:
    _, _, problems = check_coordinates(lat, lon)
    if expected is None:
        assert problems == []
    else:
        assert expected in problems[0][1]


def test_bad_coordinates_file_reports_every_row_with_its_line() -> None:
    plan = prepare_import(DATA / "bad_coordinates.csv")
    assert [row for row, _ in plan.records] == [1]
    errors = [i for i in plan.report.issues if i.severity == "error"]
    assert sorted({i.row for i in errors}) == [2, 3, 4, 5, 6, 7]
    swapped = next(i for i in errors if i.row == 3)
    assert swapped.line == 4 and "swapped" in swapped.message
    rows = list(csv.DictReader(io.StringIO(report_to_csv(plan.report).decode("utf-8-sig"))))
    assert {r["row"] for r in rows} >= {"2", "3", "4", "5", "6", "7"}
    assert set(rows[0]) == {"row", "line", "severity", "kind", "field", "value", "message"}


def test_report_csv_neutralizes_formulas() -> None:
    frame = pd.DataFrame({"name": ['=HYPERLINK("x")'], "lat": ["=1+1"], "lon": ["2"]}, index=[1])
    from geo.io.readers import SourceTable

    plan = prepare_import(SourceTable(name="f.csv", format="csv", frame=frame))
    assert "'=1+1" in report_to_csv(plan.report).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Immigration/Naturalization Legal Services"], ["legal"]),
        (["English as a Second Language"], ["english"]),
        (["ESL classes"], ["english"]),
        (["Refugee Resettlement Services"], ["resettlement"]),
        (["Food Pantries"], ["food"]),
        (["Domestic Violence Program"], ["social"]),
        (["Immigration legal help", "Ethnic businesses"], ["legal", "business"]),
        ([], []),
    ],
)
def test_classify_categories(texts: list[str], expected: list[str]) -> None:
    assert classify_categories(texts) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Spanish", ["es"]),
        ("Haitian Creole", ["ht"]),
        ("es;ar;prs", ["es", "ar", "prs"]),
        ("English, Spanish", ["en", "es"]),
        ("Spanish (limited)", ["es: Spanish (limited)"]),
        ("Tigrigna", ["und: Tigrigna"]),
        ("Arabic; other languages upon request", ["ar", "und: other languages upon request"]),
        ("ht: interpreter on request", ["ht: interpreter on request"]),
    ],
)
def test_parse_languages_never_drops_text(cell: str, expected: list[str]) -> None:
    assert [str(x) for x in parse_languages([cell])] == expected


def test_compose_address_strips_the_trailing_point() -> None:
    street = "90 25 161st Street\nQueens, NEW YORK 11432\n(40.71311535449, -73.792820999789)"
    assert compose_address(street, "", "", "11432") == "90 25 161st Street, Queens, NEW YORK 11432"
    assert (
        compose_address("1 Main St", "Louisville", "KY", "40202")
        == "1 Main St, Louisville, KY 40202"
    )


def test_a_refusals_lists_follow_the_readers_language_and_english_stays_as_it_was(
    tmp_path,
) -> None:
    (tmp_path / "ragged.csv").write_bytes(
        b"name,lat,lon\n" + b"".join(b"A, %d Main St, X,41,-45\n" % n for n in range(7))
    )
    with pytest.raises(ImportFormatError) as ragged:
        prepare_import(tmp_path / "ragged.csv")
    with pytest.raises(ImportFormatError) as no_name:
        prepare_import(DATA / "wrong_columns.csv")
    rows, columns = ragged.value.args[0], no_name.value.args[0]
    assert "data rows 1, 2, 3, 4, 5, … (the header" in rows
    assert "1、2、3、4、5、…" in rows.in_language("zh")
    assert "Organisation Title, Town, Lat, Lon" in columns
    assert "Organisation Title, Town, Lat y Lon" in columns.in_language("es")

"""The walk sheet as an Arabic reader gets it: right to left, recorded values whole."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from geo.fieldwork.routes import Stop, plan_walkabout
from geo.fieldwork.walk_sheet import SheetInfo, build_walk_sheet
from geo.i18n import translator
from tests.pdf.reading import pdf_text, squeeze

BRANCH = Stop(label="Central Library", lat=41.0, lon=-45.0, address="10 Library Sq")
CENTRE = Stop(
    label="Open Door Family Center",
    lat=41.002,
    lon=-45.001,
    organization_id="O1",
    address="12 Elm St",
    languages="Spanish, Cantonese",
    services="Immigration legal help",
)
PHONE_POINT = Stop(label="Bus stop mural", lat=41.001, lon=-44.998, address="(555) 010-0100")
INFO = SheetInfo(
    title="Saturday walk",
    branch="Central Library",
    planned_on=date(2026, 12, 5),
    team="Outreach",
    questions=["12 questions for the desk"],
)


def _sheet(language: str, stops: list[Stop] | None = None) -> bytes:
    route = plan_walkabout(BRANCH, stops or [CENTRE, PHONE_POINT])
    words = translator(language).gettext
    return build_walk_sheet(route, INFO, translate=words, language=language)


def _words(pdf: bytes, tmp_path: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, word) of every word on page 1, as poppler places them."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>', html
    )
    return [(float(x0), float(x1), float(y), w) for x0, y, x1, w in found]


def _line_of(words: list, word: str) -> list[tuple[float, float, float, str]]:
    """The words on the same line as ``word``, left to right."""
    y = next(y for _, _, y, w in words if w == word)
    return sorted((w for w in words if abs(w[2] - y) < 4), key=lambda w: w[0])


def test_arabic_sheet_keeps_a_house_number_before_its_street(tmp_path):
    text = pdf_text(_sheet("ar"), tmp_path)
    assert squeeze("العنوان") in text and "12ElmSt" in text  # not "Elm St 12"
    assert squeeze("(555) 010-0100") in text  # not "0100-010 (555)"
    assert squeeze("12 questions for the desk") in text
    assert "2026-12-05" in text  # not 05-12-2026


def test_arabic_sheet_runs_from_the_right_label_before_value(tmp_path):
    words = _words(_sheet("ar"), tmp_path)
    page_width = 595.3  # A4 in points
    line = _line_of(words, "Elm")
    label = [w for w in line if re.search("[\u0600-\u06ff]", w[3])]  # "العنوان" in pieces
    street = [w for w in line if w[3] in ("12", "Elm", "St")]
    # the line is set from the right margin, its label on the right of the address
    assert label and page_width - max(w[1] for w in label) < 40, line
    assert max(w[1] for w in street) < min(w[0] for w in label)
    assert [w[3] for w in street] == ["12", "Elm", "St"]  # drawn left to right, whole
    english = _line_of(_words(_sheet("en"), tmp_path), "Elm")
    assert english[0][3] == "Address:" and english[0][0] < 40


@pytest.mark.parametrize("language", ["ar", "es", "fr", "zh"])
def test_sheet_names_team_languages_and_services_in_the_readers_words(language, tmp_path):
    words = translator(language).gettext
    text = pdf_text(_sheet(language), tmp_path)
    for label in ("Outreach", "Spanish", "Cantonese", "Immigration legal help"):
        assert squeeze(words(label)) in text, label
        assert squeeze(label) not in text, label
    for recorded in ("Open Door Family Center", "Central Library", "Saturday walk"):
        assert squeeze(recorded) in text, recorded


@pytest.mark.parametrize(
    ("language", "address", "distance"),
    [("fr", "Adresse : 12 Elm St", r"0,\d\dkm"), ("zh", "地址：12 Elm St", r"0\.\d\d公里")],
)
def test_labels_and_distances_are_written_as_the_language_writes_them(
    language, address, distance, tmp_path
):
    text = pdf_text(_sheet(language), tmp_path)
    assert squeeze(address) in text
    assert re.search(distance, text), distance  # "0,71 km" in French, not "0.71 km"

"""Walk sheet PDF, GPX, CSV and iCalendar exports."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, date, datetime

import gpxpy
import pytest

from geo.fieldwork.exports import build_stop_table, to_csv_bytes
from geo.fieldwork.gpx import export_gpx
from geo.fieldwork.ics import escape_text, export_ics, fold_line
from geo.fieldwork.routes import Stop, plan_walkabout
from geo.fieldwork.walk_sheet import SheetInfo, build_walk_sheet
from tests.pdf.reading import pdf_text, squeeze

BRANCH = Stop(label="Central Library", lat=41.0, lon=-45.0, address="10 Library Sq")
STOPS = [
    Stop(label="مركز الجالية", lat=41.002, lon=-45.001, languages="ar", organization_id="O1"),
    Stop(label="华人服务中心", lat=41.004, lon=-45.002, services="Social services"),
    Stop(label='=HYPERLINK("x")', lat=41.001, lon=-44.998, address="1 Elm St"),
]


@pytest.fixture
def route():
    return plan_walkabout(BRANCH, STOPS)


def _pdf_text_codepoints(pdf: bytes) -> set[int]:
    """Code points named by the PDF's ToUnicode maps (fonts are subset, text is CIDs)."""
    points = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            data = stream
        if b"beginbfchar" in data or b"beginbfrange" in data:
            points |= {int(h, 16) for h in re.findall(rb"<([0-9A-F]{4})>", data)}
    return points


def test_walk_sheet_is_a_pdf_with_every_name_and_the_illustrative_note(route):
    pdf = build_walk_sheet(
        route,
        SheetInfo(
            title="Saturday walk",
            branch="Central",
            questions=["What do newcomers ask for?"],
            illustrative=True,
        ),
    )
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    points = _pdf_text_codepoints(pdf)
    for text in ("مركز الجالية", "Illustrative data, not a real place", "newcomers"):
        assert {ord(c) for c in text if not c.isspace()} <= points, text


def test_walk_sheet_prints_chinese_names_and_marks_characters_without_a_font(route, tmp_path):
    pdf = build_walk_sheet(route, SheetInfo(title="Walk «1» 华 𓀀", branch="Central"))
    text = pdf_text(pdf, tmp_path)
    assert squeeze("华人服务中心") in text and squeeze("Walk «1» 华 ?") in text
    assert "1character(s)inthesenameshavenofonthere" in text


def test_gpx_parses_back_with_route_and_waypoints(route):
    gpx = gpxpy.parse(export_gpx(route, name="Saturday walk").decode("utf-8"))
    points = gpx.routes[0].points
    assert (points[0].latitude, points[-1].latitude) == (41.0, 41.0)
    assert [w.name for w in gpx.waypoints] == [
        f"{i}. {s.label}" for i, s in enumerate(route.stops, start=1)
    ]


def test_gpx_route_track_and_waypoints_sit_on_the_stops_lat_lon_not_swapped(route):
    gpx = gpxpy.parse(export_gpx(route, name="Saturday walk").decode("utf-8"))
    loop = [(s.lat, s.lon) for s in (BRANCH, *route.stops, BRANCH)]
    # Latitude 41, longitude -45 here: a swap would put every point at (-45, 41).
    assert [(p.latitude, p.longitude) for p in gpx.routes[0].points] == loop
    assert len(gpx.tracks) == 1 and len(gpx.tracks[0].segments) == 1
    track = [(p.latitude, p.longitude) for p in gpx.tracks[0].segments[0].points]
    # Straight legs (no street graph): the track joins the stops in walking order.
    assert [pt for i, pt in enumerate(track) if i == 0 or pt != track[i - 1]] == loop
    assert {(w.latitude, w.longitude) for w in gpx.waypoints} == {
        (s.lat, s.lon) for s in route.stops
    }
    assert gpx.tracks[0].length_2d() == pytest.approx(route.total_distance_m, rel=0.01)


def test_stop_table_numbers_are_whole_numbers_arrow_can_show(route):
    import pyarrow as pa

    table = build_stop_table(route)
    assert list(table["number"][:-1]) == [1, 2, 3] and table["number"].isna().iloc[-1]
    pa.Table.from_pandas(table)  # raised ArrowInvalid on the mixed int/'' column


def test_stop_csv_is_in_walking_order_and_spreadsheet_safe(route):
    table = build_stop_table(route)
    assert list(table["name"][:-1]) == [s.label for s in route.stops]
    text = to_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "华人服务中心" in text
    assert table["leg_distance_m"].sum() == pytest.approx(route.total_distance_m, abs=3)


@pytest.mark.parametrize(
    "raw, escaped",
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\nb"),
    ],
)
def test_ics_text_escaping(raw, escaped):
    assert escape_text(raw) == escaped


def test_ics_lines_fold_at_75_octets_without_splitting_characters():
    folded = fold_line("SUMMARY:" + "é" * 100 + "华" * 30)
    for line in folded.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 100 + "华" * 30


def test_ics_one_event_per_dated_step():
    steps = [
        {
            "id": "s1",
            "title": "Call Ana, then; plan",
            "due_on": date(2026, 4, 1),
            "who": "Amira",
            "status": "open",
        },
        {"id": "s2", "title": "No date", "due_on": None},
    ]
    text = export_ics(steps, now=datetime(2026, 3, 1, 12, tzinfo=UTC)).decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 1
    assert "UID:step-s1@welcome-atlas.local\r\n" in text
    assert "DTSTAMP:20260301T120000Z\r\n" in text
    assert "DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260402" in text
    assert "SUMMARY:Call Ana\\, then\\; plan\r\n" in text
    assert text.endswith("END:VCALENDAR\r\n")

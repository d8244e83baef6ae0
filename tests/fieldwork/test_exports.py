"""Walk sheet PDF, GPX, CSV and iCalendar exports."""

from __future__ import annotations

import re
import zlib

import gpxpy
import pytest

from geo.fieldwork.exports import build_stop_table, to_csv_bytes
from geo.fieldwork.gpx import export_gpx
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
    assert "charactersinthesenamesthathavenofonthereshowas" in text


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


def test_walk_sheet_says_whether_each_stop_is_open_when_the_walk_arrives(tmp_path):
    from datetime import datetime

    from geo.fieldwork.timing import plan_visits
    from tests.fieldwork.test_timing import open_at

    clinic = Stop(
        label="Clinic", lat=41.002, lon=-45.001, organization_id="O1", hours="Mo-Fr 09:00-17:00"
    )
    bakery = Stop(
        label="Bakery", lat=41.004, lon=-45.002, organization_id="O2", hours="Sa 08:00-12:00"
    )
    route = plan_walkabout(BRANCH, [clinic, bakery])
    saturday = datetime(2026, 12, 5, 10, 0)
    visits = plan_visits(route, saturday, opening=open_at, minutes_at_stop=15)
    info = SheetInfo(title="Walk", branch="Central", starts_at=saturday, visits=visits)
    text = pdf_text(build_walk_sheet(route, info), tmp_path)
    assert squeeze("Sat 2026-12-05, leaving at 10:00") in text
    for visit in visits:
        state = "Open" if visit.stop is bakery else "Closed"
        assert squeeze(f"{state} at {visit.arrives_at:%H:%M} on Sat 05 Dec") in text
        assert squeeze(f"(hours: {visit.stop.hours})") in text


def test_a_walk_sheet_in_spanish_has_spanish_words_and_names_as_recorded(tmp_path):
    from datetime import datetime

    from geo.fieldwork.timing import plan_visits
    from geo.i18n import translator
    from tests.fieldwork.test_timing import open_at

    centre = Stop(
        label="Open Door Family Center",
        lat=41.002,
        lon=-45.001,
        address="5 Harbor Road",
        organization_id="O1",
        hours="Mo-Fr 09:00-17:00",
    )
    route = plan_walkabout(BRANCH, [centre])
    saturday = datetime(2026, 12, 5, 10, 0)
    visits = plan_visits(route, saturday, opening=open_at, minutes_at_stop=15)
    info = SheetInfo(
        title="Caminata del sábado", branch="Central Library", starts_at=saturday, visits=visits
    )
    spanish = translator("es").gettext
    text = pdf_text(build_walk_sheet(route, info, translate=spanish), tmp_path)
    # The sheet's own words in Spanish ...
    assert squeeze("sáb 2026-12-05, salida a las 10:00") in text
    assert squeeze("Lugares que encontramos en el camino") in text
    assert squeeze("Cerrado a las") in text and squeeze("Dirección: 5 Harbor Road") in text
    assert squeeze("Places we found on the way") not in text and squeeze("Closed at") not in text
    # ... the names, address and opening hours as recorded.
    assert squeeze("1. Open Door Family Center") in text
    assert squeeze("Desde y de vuelta a Central Library") in text
    assert squeeze("(horario: Mo-Fr 09:00-17:00)") in text


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_latin_names_after_a_chinese_or_arabic_line_read_as_recorded(language, tmp_path):
    # fpdf2 2.8.9 drew a line after one ending in Chinese or Arabic in the page's previous
    # font: in Arabic, "Cantonese" and "Food bank" after an address in Chinese or Arabic
    # came back as garbage (geo.pdf.fonts works around it).
    from geo.i18n import translator

    stops = [
        Stop(label="مركز الجالية", lat=41.004, lon=-45.002, address="شارع الملك",
             services="Food bank and legal help"),
        Stop(label="华人服务中心", lat=41.002, lon=-45.001, address="坚尼街", languages="Cantonese",
             services="Food bank"),
        Stop(label="Open Door Family Center", lat=41.001, lon=-44.998, address="Harbor Road"),
    ]  # fmt: skip
    info = SheetInfo(title="Walk", branch="Central Library", questions=["What they ask for"])
    route = plan_walkabout(BRANCH, stops)
    text = pdf_text(build_walk_sheet(route, info, translate=translator(language).gettext), tmp_path)
    for recorded in (
        "Central Library",
        "Food bank and legal help",
        "Harbor Road",
        "Open Door Family Center",
        "What they ask for",
    ):
        assert squeeze(recorded) in text, recorded
    assert text.count("Foodbank") == 2 and text.count("Whattheyaskfor") == 3
    assert squeeze(translator(language).gettext("Cantonese")) in text  # a language we name

"""The printable walk sheet (PDF, fpdf2): route map, numbered stops, questions, note space.

Names of organizations come in every script: the sheet is set in the Noto fonts of
:mod:`geo.pdf.fonts` (Latin, Cyrillic, Greek, Arabic shaped right-to-left, Devanagari,
Chinese, Japanese, Korean). A character no font has is printed as '?', and the sheet
says so: it never fails on a name. For an Arabic reader the sheet runs right to left
(lines set from the right, each label before its value); every recorded value (name,
address, question) keeps its own direction inside the line, so "12 Elm St" stays whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import shapely
from fpdf import FPDF

from geo.fieldwork.points import Stop
from geo.fieldwork.routes import Leg, Route
from geo.fieldwork.timing import StopVisit, weekday
from geo.i18n import DEFAULT, N_, format_list, format_number, is_rtl
from geo.pdf.fonts import printable, use_fonts
from geo.pdf.typed import as_recorded, iso_day

Translate = Callable[[str], str]
ILLUSTRATIVE_NOTE = N_("Illustrative data, not a real place")
STOP_FIELDS = (
    ("address", N_("Address")),
    ("languages", N_("Languages")),
    ("services", N_("Services")),
)
FIELD_LINE = N_("{label}: {value}")  # "Adresse : ...", "地址：..." as each language writes it
MAP_BOX_MM = (180.0, 110.0)


@dataclass(frozen=True, kw_only=True)
class SheetInfo:
    """What the sheet says besides the route."""

    title: str
    branch: str
    planned_on: date | None = None
    team: str = ""
    questions: Sequence[str] = ()
    area: str = ""
    illustrative: bool = False
    starts_at: datetime | None = None  # leaving the branch, local time of the study area
    visits: Sequence[StopVisit] = ()  # per stop, in walking order: arrival and open/closed


class _Sheet(FPDF):
    def __init__(self, language: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(True, margin=15)
        self.missing: set[str] = set()
        self.family = use_fonts(self)
        self.language = language
        self.rtl = is_rtl(language)
        self.align = "R" if self.rtl else "L"
        # Every line in the sheet's direction: "Address: ..." starts on the reader's side.
        self.set_text_shaping(True, direction="rtl" if self.rtl else None)

    def safe(self, text: object) -> str:
        """Text with characters no font can draw replaced by '?' (and remembered)."""
        out, missing = printable(self, text)
        self.missing |= missing
        return out

    def write_line(
        self, text: object, *, size: float = 10, bold: bool = False, height: float = 5
    ) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, height, self.safe(text), new_x="LMARGIN", new_y="NEXT", align=self.align)


def _project(route: Route, tracts: Sequence[shapely.Geometry]) -> tuple:
    """Equirectangular projection around the route, scaled into the map box (mm)."""
    points = [(route.start.lat, route.start.lon), *route.line()]
    lat0 = sum(p[0] for p in points) / len(points)
    k = math.cos(math.radians(lat0))
    xs = [lon * k for _, lon in points]
    ys = [lat for lat, _ in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-4)
    # A walk along one street would be a thin strip: each side spans at least half the other.
    x_pad = (max(span / 2, max(xs) - min(xs)) - (max(xs) - min(xs))) / 2 + span * 0.12
    y_pad = (max(span / 2, max(ys) - min(ys)) - (max(ys) - min(ys))) / 2 + span * 0.12
    x_min, x_max = min(xs) - x_pad, max(xs) + x_pad
    y_min, y_max = min(ys) - y_pad, max(ys) + y_pad
    scale = min(MAP_BOX_MM[0] / (x_max - x_min), MAP_BOX_MM[1] / (y_max - y_min))

    def to_mm(lat: float, lon: float, left: float, top: float) -> tuple[float, float]:
        return left + (lon * k - x_min) * scale, top + (y_max - lat) * scale

    return to_mm, (x_max - x_min) * scale, (y_max - y_min) * scale


def _draw_map(pdf: _Sheet, route: Route, tracts: Sequence[shapely.Geometry]) -> None:
    to_mm, width, height = _project(route, tracts)
    left, top = pdf.l_margin + (MAP_BOX_MM[0] - width) / 2, pdf.get_y() + 2
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(left, top, width, height)
    pdf.set_draw_color(205, 205, 205)
    pdf.set_line_width(0.2)
    with pdf.rect_clip(left, top, width, height):
        for geometry in tracts:
            for poly in getattr(geometry, "geoms", [geometry]):
                ring = [to_mm(y, x, left, top) for x, y in poly.exterior.coords]
                pdf.polyline(ring)
        pdf.set_draw_color(215, 48, 31)
        pdf.set_line_width(0.8)
        pdf.polyline([to_mm(lat, lon, left, top) for lat, lon in route.line()])
    pdf.set_line_width(0.2)
    _badge(pdf, to_mm(route.start.lat, route.start.lon, left, top), "B", (34, 94, 168))
    for number, stop in enumerate(route.stops, start=1):
        _badge(pdf, to_mm(stop.lat, stop.lon, left, top), str(number), (215, 48, 31))
    pdf.set_y(top + height + 3)


def _badge(pdf: _Sheet, at: tuple[float, float], text: str, rgb: tuple[int, int, int]) -> None:
    x, y = at
    pdf.set_fill_color(*rgb)
    pdf.set_draw_color(255, 255, 255)
    pdf.circle(x, y, 2.6, style="FD")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(pdf.family, "B", 7)
    pdf.set_xy(x - 2.6, y - 2.6)
    pdf.cell(5.2, 5.2, text, align="C")
    pdf.set_text_color(0, 0, 0)


def _note_lines(pdf: _Sheet, count: int) -> None:
    pdf.set_draw_color(170, 170, 170)
    for _ in range(count):
        pdf.ln(6.5)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)


def build_walk_sheet(
    route: Route,
    info: SheetInfo,
    tracts: Sequence[shapely.Geometry] = (),
    translate: Translate = str,
    *,
    language: str = DEFAULT,
) -> bytes:
    """Render the walk sheet as PDF bytes.

    Parameters
    ----------
    route : Route
        The planned walk.
    info : SheetInfo
        Title, branch, date, team, questions, area text, and whether the study area is
        illustrative (then the sheet says "Illustrative data, not a real place").
    tracts : sequence of shapely geometries, optional
        Tract outlines (WGS84) drawn faintly behind the route.
    translate : callable, optional
        Turns the sheet's own words (headings, labels, notes) into the reader's language
        (the page passes its ``_``); English by default. Names, addresses, the title and
        the questions are printed as recorded.
    language : str, optional
        The reader's language (the one ``translate`` speaks): how lists are joined, and
        right to left for Arabic.

    Returns
    -------
    bytes
        A one- or multi-page A4 PDF.
    """
    pdf = _Sheet(language)
    pdf.set_title(pdf.safe(info.title))
    pdf.add_page()
    _heading(pdf, route, info, translate)
    _draw_map(pdf, route, tracts)
    opening = [v.opening_line(translate) for v in info.visits] or [""] * len(route.stops)
    stops = zip(route.stops, route.legs, opening, strict=False)
    for number, (stop, leg, open_line) in enumerate(stops, start=1):
        _stop_block(pdf, number, stop, leg, open_line, info.questions, translate)
    _closing(pdf, translate)
    return bytes(pdf.output())


def _heading(pdf: _Sheet, route: Route, info: SheetInfo, tr: Translate) -> None:
    """Title, where and when, the walk's totals, and the illustrative-data warning."""
    pdf.write_line(as_recorded(info.title), size=16, bold=True, height=8)
    when = iso_day(info.planned_on, pdf.rtl) if info.planned_on else tr(N_("date to be set"))
    if info.starts_at is not None:
        when = tr(N_("{weekday} {date}, leaving at {time}")).format(
            weekday=weekday(info.starts_at, tr),
            date=iso_day(info.starts_at, pdf.rtl),
            time=f"{info.starts_at:%H:%M}",
        )
    branch = as_recorded(info.branch)
    where = tr(N_("From and back to {branch} · {when}")).format(branch=branch, when=when)
    if info.team:  # a team of geo.fieldwork.engagement.TEAMS, said in the reader's words
        where += " · " + tr(N_("team: {team}")).format(team=as_recorded(tr(info.team)))
    pdf.write_line(where)
    totals = tr(N_("stops: {n} · {km} km · about {minutes} min walking at {speed} km/h ({method})"))
    line = totals.format(
        n=len(route.stops),
        km=format_number(route.total_distance_m / 1000, pdf.language, decimals=2),
        minutes=format_number(route.total_walk_minutes, pdf.language),
        speed=format_number(route.speed_kmh, pdf.language, decimals=1),
        method=tr(route.method),
    )
    if info.area:
        line += " · " + tr(N_("area {area}")).format(area=info.area)
    pdf.write_line(line, size=9)
    if info.illustrative:
        pdf.set_text_color(180, 0, 0)
        pdf.write_line(tr(ILLUSTRATIVE_NOTE), size=10, bold=True)
        pdf.set_text_color(0, 0, 0)


def _stop_block(
    pdf: _Sheet,
    number: int,
    stop: Stop,
    leg: Leg,
    open_line: str,
    questions: Sequence[str],
    tr: Translate,
) -> None:
    """One numbered stop: how far, open or closed, its details, questions, note lines."""
    if pdf.get_y() > pdf.h - 75:
        pdf.add_page()
    pdf.write_line(f"{number}. {as_recorded(stop.label)}", size=12, bold=True, height=6)
    far = tr(N_("{metres} m from the previous stop, about {minutes} min"))
    pdf.write_line(
        far.format(
            metres=format_number(leg.distance_m, pdf.language),
            minutes=format_number(leg.walk_minutes, pdf.language),
        ),
        size=8,
        height=4,
    )
    if open_line:
        pdf.write_line(open_line, size=9, bold=True, height=4.5)
    for field_name, label in STOP_FIELDS:
        if value := _value(pdf, field_name, getattr(stop, field_name), tr):
            pdf.write_line(tr(FIELD_LINE).format(label=tr(label), value=value), size=9, height=4.5)
    for question in questions:
        pdf.write_line(f"☐ {as_recorded(question)}", size=9, height=4.5)
    pdf.write_line(tr(N_("Visited ☐   Who we met / what we learned:")), size=9, height=4.5)
    _note_lines(pdf, 3)


def _value(pdf: _Sheet, field_name: str, value: str, tr: Translate) -> str:
    """A stop's recorded value as printed: the address as typed (kept whole in an Arabic
    line), languages and services (English labels of :mod:`geo.vocab`, joined with ", " by
    :mod:`geo.fieldwork.stops`) in the reader's words and list style."""
    if field_name == "address":
        return as_recorded(value)
    labels = [label.strip() for label in value.split(", ") if label.strip()]
    return format_list((as_recorded(tr(label)) for label in labels), pdf.language)


def _closing(pdf: _Sheet, tr: Translate) -> None:
    """Space for places found on the way, and the note on characters no font has."""
    pdf.write_line(
        tr(N_("Places we found on the way (name, address, who runs it, languages):")),
        size=10,
        bold=True,
    )
    _note_lines(pdf, 6)
    if pdf.missing:
        note = tr(
            N_(
                "Note: characters in these names that have no font here show as '?' ({n}). "
                "The CSV download has every name exactly."
            )
        )
        pdf.write_line(note.format(n=len(pdf.missing)), size=8, height=4)

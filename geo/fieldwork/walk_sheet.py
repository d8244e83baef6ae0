"""The printable walk sheet (PDF, fpdf2): route map, numbered stops, questions, note space.

Names of organizations come in every script. DejaVu Sans (Debian ``fonts-dejavu-core``)
covers Latin, Cyrillic, Greek, Arabic, Hebrew and more; a CJK font is used as a fallback when
one is installed (``fonts-noto-cjk``, ``fonts-droid-fallback`` or ``fonts-wqy-zenhei``).
Characters no installed font has are printed as '?', and the sheet says so: it never fails
on a name. Arabic letters are joined only when the optional ``uharfbuzz`` is installed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import shapely
from fontTools.ttLib import TTFont
from fpdf import FPDF

from geo.fieldwork.routes import Route

ILLUSTRATIVE_NOTE = "Illustrative data, not a real place"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
MAIN_FONTS = ("truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf")
FALLBACK_FONTS = (
    ("opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("truetype/wqy/wqy-zenhei.ttc", 0),
    ("truetype/arphic/uming.ttc", 0),
)
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


@lru_cache(maxsize=1)
def find_fonts() -> tuple[tuple[Path, Path] | None, tuple[tuple[Path, int], ...]]:
    """(regular, bold) DejaVu paths or None, and the CJK fallbacks installed here."""

    def first(rel: str) -> Path | None:
        return next((d / rel for d in FONT_DIRS if (d / rel).exists()), None)

    regular, bold = first(MAIN_FONTS[0]), first(MAIN_FONTS[1])
    main = (regular, bold or regular) if regular else None
    fallbacks = tuple((p, n) for rel, n in FALLBACK_FONTS if (p := first(rel)) is not None)
    return main, fallbacks


@lru_cache(maxsize=8)
def _coverage(path: Path, number: int) -> frozenset[int]:
    font = TTFont(str(path), fontNumber=number, lazy=True)
    return frozenset(font.getBestCmap() or {})


class _Sheet(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(True, margin=15)
        self.covered: frozenset[int] | None = None
        self.missing: set[str] = set()
        main, fallbacks = find_fonts()
        if main is None:
            self.family = "helvetica"
            self.covered = frozenset(range(32, 256))
            return
        self.family = "dejavu"
        self.add_font("dejavu", "", main[0])
        self.add_font("dejavu", "B", main[1])
        covered = set(_coverage(main[0], 0))
        names = []
        for i, (path, number) in enumerate(fallbacks):
            self.add_font(f"fallback{i}", "", path, collection_font_number=number)
            names.append(f"fallback{i}")
            covered |= _coverage(path, number)
        if names:
            self.set_fallback_fonts(names, exact_match=False)
        self.covered = frozenset(covered)
        try:
            import uharfbuzz  # noqa: F401  (optional: joins Arabic letters)

            self.set_text_shaping(True)
        except ImportError:
            pass

    def safe(self, text: object) -> str:
        """Text with characters no font can draw replaced by '?' (and remembered)."""
        out = []
        for char in str(text or ""):
            if ord(char) < 32 or self.covered is None or ord(char) in self.covered:
                out.append(char)
            else:
                self.missing.add(char)
                out.append("?")
        return "".join(out)

    def write_line(
        self, text: object, *, size: float = 10, bold: bool = False, height: float = 5
    ) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, height, self.safe(text), new_x="LMARGIN", new_y="NEXT")


def _project(route: Route, tracts: Sequence[shapely.Geometry]) -> tuple:
    """Equirectangular projection around the route, scaled into the map box (mm)."""
    points = [(route.start.lat, route.start.lon), *route.line()]
    lat0 = sum(p[0] for p in points) / len(points)
    k = math.cos(math.radians(lat0))
    xs = [lon * k for _, lon in points]
    ys = [lat for lat, _ in points]
    pad = max(max(xs) - min(xs), max(ys) - min(ys), 1e-4) * 0.12
    x_min, x_max, y_min, y_max = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
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
    _badge(pdf, *to_mm(route.start.lat, route.start.lon, left, top), "B", (34, 94, 168))
    for number, stop in enumerate(route.stops, start=1):
        _badge(pdf, *to_mm(stop.lat, stop.lon, left, top), str(number), (215, 48, 31))
    pdf.set_y(top + height + 3)


def _badge(pdf: _Sheet, x: float, y: float, text: str, rgb: tuple[int, int, int]) -> None:
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
    route: Route, info: SheetInfo, tracts: Sequence[shapely.Geometry] = ()
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

    Returns
    -------
    bytes
        A one- or multi-page A4 PDF.
    """
    pdf = _Sheet()
    pdf.set_title(pdf.safe(info.title))
    pdf.add_page()
    pdf.write_line(info.title, size=16, bold=True, height=8)
    when = f"{info.planned_on:%Y-%m-%d}" if info.planned_on else "date to be set"
    pdf.write_line(
        f"From and back to {info.branch} · {when}" + (f" · team: {info.team}" if info.team else "")
    )
    pdf.write_line(
        f"{len(route.stops)} stops · {route.total_distance_m / 1000:.2f} km · about "
        f"{route.total_walk_minutes:.0f} min walking at {route.speed_kmh:g} km/h "
        f"({route.method})" + (f" · area {info.area}" if info.area else ""),
        size=9,
    )
    if info.illustrative:
        pdf.set_text_color(180, 0, 0)
        pdf.write_line(ILLUSTRATIVE_NOTE, size=10, bold=True)
        pdf.set_text_color(0, 0, 0)
    _draw_map(pdf, route, tracts)
    for number, (stop, leg) in enumerate(zip(route.stops, route.legs, strict=False), start=1):
        if pdf.get_y() > pdf.h - 75:
            pdf.add_page()
        pdf.write_line(f"{number}. {stop.label}", size=12, bold=True, height=6)
        pdf.write_line(
            f"{leg.distance_m:,.0f} m from the previous stop, about {leg.walk_minutes:.0f} min",
            size=8,
            height=4,
        )
        for label, value in (
            ("Address", stop.address),
            ("Languages", stop.languages),
            ("Services", stop.services),
        ):
            if value:
                pdf.write_line(f"{label}: {value}", size=9, height=4.5)
        for question in info.questions:
            pdf.write_line(
                f"☐ {question}" if pdf.family == "dejavu" else f"- {question}", size=9, height=4.5
            )
        pdf.write_line(
            "Visited ☐   Who we met / what we learned:"
            if pdf.family == "dejavu"
            else "Visited [ ]   Who we met / what we learned:",
            size=9,
            height=4.5,
        )
        _note_lines(pdf, 3)
    pdf.write_line(
        "Places we found on the way (name, address, who runs it, languages):", size=10, bold=True
    )
    _note_lines(pdf, 6)
    if pdf.missing or pdf.family != "dejavu":
        pdf.write_line(_font_note(pdf), size=8, height=4)
    return bytes(pdf.output())


def _font_note(pdf: _Sheet) -> str:
    if pdf.family != "dejavu":
        return (
            "Note: no Unicode font (DejaVu Sans) is installed, so names outside Western "
            "European scripts show as '?'. Install fonts-dejavu-core; the CSV has them all."
        )
    return (
        f"Note: {len(pdf.missing)} character(s) in these names have no installed font and "
        "show as '?' (for Chinese, Japanese and Korean install fonts-noto-cjk). The CSV "
        "download has every name exactly."
    )

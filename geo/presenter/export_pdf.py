"""A story as a PDF handout: one page per slide with the map drawn in Python (GeoPandas and
matplotlib, no browser), the caption, the legend and the slide's figures with their MOE.
The legend is text, the same lines as the in-app slide's and the exported story's
(:func:`geo.presenter.slide_tables.build_slide_tables`: each class with its range and tract
count, the grey, faded and dashed tracts, the organizations and branches drawn), each beside
its swatch, so a handout printed in black and white still says what the map shows.

The words are set by fpdf2 in the Noto fonts of :mod:`geo.pdf.fonts`, with HarfBuzz text
shaping, so a caption in Arabic, Chinese, Bengali or Russian prints as typed (a character
no font has prints as "?", with a note on the page). The map is drawn where the slide was
saved: its centre and zoom when it has them, else the whole study area. The handout's own
words (legend, footer, notes) are in the ``language`` asked for; captions and figures as typed.
"""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
from fpdf import FPDF

from geo.census.study_area import StudyArea
from geo.i18n import DEFAULT, N_, format_date, translator
from geo.maps.gap_map import BRANCH_COLOUR, SITE_COLOUR
from geo.pdf.fonts import printable, use_fonts
from geo.presenter.slide_map import SlideFigures, area_stamp, legend_rows
from geo.view import View

MAP_MM = (180.0, 170.0)  # width, height of the map on an A4 landscape page
_M_PER_DEGREE = 111_320  # metres per degree of latitude (and of longitude at the equator)
_MAP_PX = (900, 850)  # the screen the slide's zoom is read for (Leaflet: 256 px tiles)


@dataclass(frozen=True, kw_only=True)
class HandoutPage:
    """One slide's page: its study area, outlines, figures, caption and view."""

    area: StudyArea
    outlines: gpd.GeoDataFrame
    figures: SlideFigures
    caption: str
    lines: tuple[str, ...]
    view: View
    legend: tuple[str, ...] = ()  # the text legend (title first); empty: the swatches' words


def _extent(page: HandoutPage) -> tuple[float, float, float, float] | None:
    """(minx, miny, maxx, maxy) the slide showed at its centre and zoom, if it has them."""
    view = page.view
    if view.centre is None or view.zoom is None:
        return None
    lat, lon = view.centre
    degrees = 360 / (256 * 2**view.zoom)  # per pixel of longitude at this zoom
    half_x = degrees * _MAP_PX[0] / 2
    half_y = degrees * _MAP_PX[1] / 2 * math.cos(math.radians(lat))
    return lon - half_x, lat - half_y, lon + half_x, lat + half_y


def draw_slide_map(page: HandoutPage) -> bytes:
    """The slide's map as a PNG: tracts shaded (unreliable faded), organizations, branches."""
    import matplotlib

    matplotlib.use("Agg")  # no display: handouts are built on servers
    from matplotlib import pyplot as plt

    outlines, figures = page.outlines, page.figures
    values = figures.values.reindex(outlines.index)
    colours = [figures.classes.colour_of(v) for v in values["estimate"]]
    faded = (values["reliability"] == "unreliable") & values["estimate"].notna()
    fig, ax = plt.subplots(figsize=(MAP_MM[0] / 25.4, MAP_MM[1] / 25.4), dpi=150)
    outlines.plot(ax=ax, color=colours, edgecolor="#555555", linewidth=0.2)
    if faded.any():
        outlines[faded.to_numpy()].plot(
            ax=ax, color="white", alpha=0.55, edgecolor="#555555", linewidth=0.4, linestyle="--"
        )
    orgs = figures.organizations
    ax.scatter(orgs["lon"], orgs["lat"], s=9, c=SITE_COLOUR, edgecolors="#222222", linewidths=0.3)
    branches = page.area.branches.dropna(subset=["lat", "lon"])
    _catchments(ax, branches, page.view.radius_m)
    ax.scatter(branches["lon"], branches["lat"], s=28, c=BRANCH_COLOUR, edgecolors="white")
    minx, miny, maxx, maxy = _extent(page) or outlines.total_bounds
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((miny + maxy) / 2))), adjustable="box")
    ax.set_axis_off()
    fig.subplots_adjust(0, 0, 1, 1)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _catchments(ax, branches, radius_m: float) -> None:
    """Each branch's catchment dashed, as on the slide (a circle of ``radius_m`` metres,
    drawn as an ellipse in degrees: a metre of longitude shrinks with the latitude)."""
    from matplotlib.patches import Ellipse

    for lat, lon in zip(branches["lat"], branches["lon"], strict=True):
        height = 2 * radius_m / _M_PER_DEGREE
        width = height / max(0.2, math.cos(math.radians(lat)))
        ring = Ellipse((lon, lat), width, height, fill=False, linestyle="--", linewidth=0.6)
        ring.set_edgecolor(BRANCH_COLOUR)
        ax.add_patch(ring)


def _rtl(text: str) -> bool:
    """Whether the text's first strong character reads right to left (Arabic, Hebrew...)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


class _Handout(FPDF):
    def __init__(self, title: str, language: str) -> None:
        super().__init__(orientation="L", format="A4")
        self.language = language
        self.tr = translator(language).gettext
        self.family = use_fonts(self)
        self.set_auto_page_break(False)
        self.set_title(title)
        self.set_creator("Welcome Atlas")
        self.missing: set[str] = set()

    def words(self, text: str, size: float, *, bold: bool = False, h: float = 0.0) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        shown, missing = printable(self, text)
        self.missing |= missing
        align = "R" if _rtl(shown) else "L"
        self.multi_cell(0, h or size * 0.5, shown, align=align, new_x="LMARGIN", new_y="NEXT")

    def legend(self, figures: SlideFigures, lines: tuple[str, ...] = ()) -> None:
        """Each swatch of the map with its line of the text legend (``lines``: title first,
        then one line per swatch, as :func:`legend_rows` orders them)."""
        rows = legend_rows(figures, self.tr, self.language)
        title, texts = (lines[0], lines[1:]) if lines else (figures.label, [r[1] for r in rows])
        self.words(title, 9, bold=True, h=4.4)
        self.ln(1)
        for (colour, _, mark), text in zip(rows, texts, strict=True):
            self.set_font(self.family, "", 8.5)
            shown, missing = printable(self, text)
            self.missing |= missing
            right = _rtl(shown)  # the swatch on the side the line starts from
            x = self.w - self.r_margin - 4 if right else self.l_margin
            dash = {"dash": 0.8, "gap": 0.6} if mark == "dashed" else {}
            with self.local_context(fill_color=colour, draw_color="#555555", dash_pattern=dash):
                if mark == "dot":
                    self.ellipse(x + 0.5, self.get_y() + 0.6, 3, 3, style="DF")
                else:
                    self.rect(x, self.get_y() + 0.6, 4, 3, style="DF")
            self.set_x(self.l_margin + (0 if right else 6))
            align = "R" if right else "L"
            self.multi_cell(self.epw - 6, 4.2, shown, align=align, new_x="LMARGIN", new_y="NEXT")
            self.ln(0.6)


def _page(pdf: _Handout, title: str, number: int, count: int, page: HandoutPage) -> None:
    pdf.add_page()
    pdf.image(io.BytesIO(draw_slide_map(page)), x=10, y=20, w=MAP_MM[0], h=MAP_MM[1])
    pdf.set_text_color("#555555")
    pdf.set_xy(10, 8)
    pdf.words(title, 11)
    pdf.set_text_color("#000000")
    pdf.set_left_margin(10 + MAP_MM[0] + 8)
    pdf.set_xy(pdf.l_margin, 20)
    pdf.words(page.caption or pdf.tr(N_("(no caption)")), 18, bold=True, h=8)
    pdf.ln(4)
    for line in page.lines:
        pdf.words(line, 10, h=5)
    pdf.ln(4)
    pdf.legend(page.figures, page.legend)
    pdf.set_left_margin(10)
    pdf.set_xy(10, 191)
    pdf.words(area_stamp(page.area, pdf.tr), 8)  # the area's name as recorded, its own direction
    footer = pdf.tr(N_("90% margins of error · {date} · Slide {number} of {count}"))
    # Babel writes Arabic dates with right-to-left marks, which no font draws: bidi does
    today = "".join(
        c for c in format_date(date.today(), pdf.language) if unicodedata.category(c) != "Cf"
    )
    pdf.words(footer.format(date=today, number=number, count=count), 8)
    pdf.set_text_color("#000000")


def export_story_pdf(title: str, pages: list[HandoutPage], *, language: str = DEFAULT) -> bytes:
    """One A4 landscape page per slide, the handout's own words in ``language``.

    Raises
    ------
    VendorAssetsMissing
        If the Noto fonts are not installed (``python -m geo vendor`` makes them).
    """
    pdf = _Handout(title, language)
    for number, page in enumerate(pages, start=1):
        _page(pdf, title, number, len(pages), page)
        if pdf.missing:
            pdf.set_xy(10, 186)
            pdf.words(pdf.tr(N_("Some characters could not be printed (shown as ?).")), 8)
            pdf.missing = set()
    return bytes(pdf.output())

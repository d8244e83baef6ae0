"""One-page "where to get help near this branch" handout, per language (PDF, fpdf2).

Library staff hand it to a newcomer at the desk: the organizations near a branch that
serve the newcomer's language, with their services, address, phone and opening hours,
and a small map (GeoPandas + matplotlib, drawn offline). The page's own words come in the
handout language when the app has a catalog for it (``translate``); names, addresses
and phone numbers are data and stay exactly as recorded, each kept in its own direction
(an Arabic handout runs right to left, "12 Elm St" inside it stays whole).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
from fpdf import FPDF
from shapely.geometry import Point

from geo.config import WGS84
from geo.crs import metric_crs
from geo.fieldwork.areas import haversine_m
from geo.i18n import DEFAULT, N_, format_list, format_number, has_catalog, is_rtl
from geo.pdf.fonts import printable, use_fonts
from geo.pdf.typed import as_recorded, clean
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES, split_list
from geo.weekdays import localize_hours

__all__ = ["HandoutInfo", "build_handout", "draw_help_map", "find_help"]

RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "prs", "ur", "ku", "he", "yi"})
FIELD_LINE = N_("{label}: {value}")  # "Téléphone : ...", "电话：..." as each language writes it
MAX_ON_PAGE = 7  # what fits on one page beside the map
_MARKER = "#d95f02"  # ColorBrewer Dark2, on white: contrast 3.4 for a mark (WCAG 1.4.11)
_BRANCH = "#1b9e77"


@dataclass(frozen=True, kw_only=True)
class HandoutInfo:
    """The branch, the language and how far to look."""

    branch_name: str
    branch_address: str
    branch_lat: float
    branch_lon: float
    language: str  # a code of geo.vocab.LANGUAGES
    radius_m: float = 3000.0
    illustrative: bool = False


def find_help(organizations: pd.DataFrame, info: HandoutInfo) -> pd.DataFrame:
    """Organizations serving ``info.language`` with a site within the radius, nearest first.

    ``organizations`` has one row per site (:func:`geo.db.sites.list_sites`: the site's
    address and hours) or per organization (``list_assets``); an organization with several
    offices is listed once, at its office nearest the branch. Adds ``distance_m``.
    """
    serves = organizations["languages"].map(lambda v: info.language in split_list(v))
    placed = organizations["lat"].notna() & organizations["lon"].notna()
    found = organizations[serves & placed].copy()
    found["distance_m"] = [
        haversine_m(info.branch_lat, info.branch_lon, lat, lon)
        for lat, lon in zip(found["lat"], found["lon"], strict=True)
    ]
    found = found[found["distance_m"] <= info.radius_m]
    found = found.sort_values(["distance_m", "name"], kind="stable")
    if "organization_id" in found:
        found = found.drop_duplicates("organization_id")
    return found.reset_index(drop=True)


def _frame(ax: Any, shown: gpd.GeoSeries, radius_m: float) -> None:
    """A square view around ``shown`` (metric CRS) with a margin."""
    ax.set_aspect("equal", adjustable="datalim")
    x0, y0, x1, y1 = shown.buffer(max(150.0, radius_m * 0.05)).total_bounds
    half = max(x1 - x0, y1 - y0) / 2 * 1.1
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    ax.set_xlim(cx - half, cx + half)
    ax.set_ylim(cy - half, cy + half)


def draw_help_map(
    info: HandoutInfo, found: pd.DataFrame, context: gpd.GeoDataFrame | None = None
) -> bytes:
    """A small PNG map: the branch (square), numbered organizations, the search radius."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot as plt

    branch = gpd.GeoSeries([Point(info.branch_lon, info.branch_lat)], crs=WGS84)
    crs = metric_crs(branch)
    centre = branch.to_crs(crs)
    ring = centre.buffer(info.radius_m)
    points = gpd.GeoSeries(gpd.points_from_xy(found["lon"], found["lat"]), crs=WGS84).to_crs(crs)
    fig, ax = plt.subplots(figsize=(3.2, 3.2), dpi=200)
    if context is not None and not context.empty:
        clipped = context.to_crs(crs).clip(ring.buffer(info.radius_m * 0.1))
        clipped.plot(ax=ax, color="#e5e5e5", linewidth=0.7, edgecolor="#969696")
    ring.boundary.plot(ax=ax, color="#737373", linewidth=0.8, linestyle="--")
    centre.plot(ax=ax, color=_BRANCH, marker="s", markersize=60, zorder=3)
    if not points.empty:
        points.plot(ax=ax, color=_MARKER, markersize=70, zorder=3)
    for number, point in enumerate(points, start=1):
        ax.annotate(
            str(number), (point.x, point.y), ha="center", va="center", fontsize=6,
            color="white", fontweight="bold", zorder=4,
        )  # fmt: skip
    ax.set_axis_off()
    # Frame the branch and the listed organizations, not the whole radius.
    _frame(ax, pd.concat([centre, points]) if not points.empty else centre, info.radius_m)
    out = io.BytesIO()
    fig.subplots_adjust(0, 0, 1, 1)
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _services(value: object, translate: Callable[[str], str], code: str) -> str:
    labels = (translate(SERVICE_CATEGORIES.get(k, k)) for k in split_list(value))
    return format_list(labels, code)


def _hours(value: object, code: str) -> str:
    """The hours with the days in the sheet's language (``lun–vie 09:00-17:00``); OSM's
    English syntax kept whole, as recorded."""
    text = clean(value)
    return as_recorded(text) if not text or code == DEFAULT else localize_hours(text, code)


class _Handout(FPDF):
    def __init__(self, rtl: bool, words: str) -> None:
        super().__init__(format="Letter")
        self.family = use_fonts(self)
        self.align = "R" if rtl else "L"
        self.words = words  # the language of the sheet's own words
        self.set_auto_page_break(False)
        if is_rtl(words):  # Arabic words: every line from the right, "1." before the name
            self.set_text_shaping(True, direction="rtl")

    def say(self, text: object, size: float = 10, bold: bool = False, h: float = 5) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        text, _ = printable(self, text)
        self.multi_cell(0, h, text, align=self.align, new_x="LMARGIN", new_y="NEXT")


def _entry(pdf: _Handout, number: int, row: Mapping, _: Callable[[str], str], code: str) -> None:
    pdf.say(f"{number}. {as_recorded(row['name'])}", size=11, bold=True, h=5.5)
    # recorded values isolated: in an Arabic line "(999) 555-0100" would be drawn
    # "0100-555 (999)"; a missing one (NaN in the table) is left out, never printed "nan"
    phone, hours = as_recorded(row.get("phone")), _hours(row.get("hours"), code)
    km = format_number(row["distance_m"] / 1000, pdf.words, decimals=1)
    lines = [
        _services(row.get("category"), _, code),
        as_recorded(row.get("address")),
        _(FIELD_LINE).format(label=_("Phone"), value=phone) if phone else "",
        _(FIELD_LINE).format(label=_("Opening hours"), value=hours) if hours else "",
        _("About {km} km from the library").format(km=km),
    ]
    for line in filter(None, lines):
        pdf.say(line, size=9, h=4.3)
    pdf.ln(1.5)


def build_handout(
    info: HandoutInfo,
    found: pd.DataFrame,
    *,
    translate: Callable[[str], str] | None = None,
    context: gpd.GeoDataFrame | None = None,
) -> bytes:
    """The one-page handout as PDF bytes.

    Parameters
    ----------
    info : HandoutInfo
        Branch, language, radius, and whether the data is illustrative (then it says so).
    found : pandas.DataFrame
        Output of :func:`find_help`; the nearest :data:`MAX_ON_PAGE` are listed and
        numbered as on the map, and the rest counted.
    translate : callable, optional
        The handout language's gettext; English words when None.
    context : geopandas.GeoDataFrame, optional
        Roads, parks or tract outlines drawn faintly under the map.
    """
    _ = translate or (lambda text: text)
    # services listed as the sheet's words are written: English where the app has no catalog
    words = info.language if translate and has_catalog(info.language) else DEFAULT
    pdf = _Handout(rtl=info.language in RTL_LANGUAGES, words=words)
    pdf.add_page()
    language = LANGUAGES.get(info.language, info.language)
    branch = as_recorded(info.branch_name)
    pdf.say(_("Where to get help near {branch}").format(branch=branch), 16, True, 8)
    pdf.say(_("Organizations that work in {language}").format(language=_(language)), 11)
    pdf.say(as_recorded(info.branch_address), size=9)
    if info.illustrative:
        pdf.set_text_color(170, 0, 0)
        pdf.say(_("Illustrative data, not a real place"), size=9, bold=True)
        pdf.set_text_color(0, 0, 0)
    shown = found.head(MAX_ON_PAGE)
    top, rtl = pdf.get_y() + 2, pdf.align == "R"
    map_x = 10 if rtl else pdf.w - 10 - 75  # the map on the side where reading ends
    pdf.image(io.BytesIO(draw_help_map(info, shown, context)), x=map_x, y=top, w=75)
    pdf.set_y(top)
    pdf.set_left_margin(10 + 75 + 5) if rtl else pdf.set_right_margin(10 + 75 + 5)
    if shown.empty:
        pdf.say(_("No organization in the directory serves this language near the branch."))
    listed = 0
    for number, row in enumerate(shown.to_dict("records"), start=1):
        if pdf.get_y() > pdf.h - 50:  # keep it to one page; the map's extra pins stay numbered
            break
        _entry(pdf, number, row, _, words)
        listed = number
    if len(found) > listed:
        more = len(found) - listed
        pdf.say(_("{count} more in the library's directory.").format(count=more), 9, True)
    pdf.set_left_margin(10)
    pdf.set_right_margin(10)
    pdf.set_y(max(pdf.get_y(), top + 80))
    km = info.radius_m / 1000
    radius = format_number(km, words, decimals=0 if km.is_integer() else 1)
    pdf.say(_("Within {km} km of the library. Ask staff to call ahead.").format(km=radius), 8)
    return bytes(pdf.output())

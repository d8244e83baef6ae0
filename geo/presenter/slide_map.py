"""The map of one slide: the view's tract indicator, branches and matching organizations.

Built for showing in a room and for export: geometry is embedded (an exported story has no
server to fetch it from) and only public fields reach the map (organization name, services,
languages; never contact persons or internal notes). The words are ``N_`` templates passed
through ``translate`` (the interface language's gettext) and the numbers are written as the
language ``code`` writes them, so a slide and an export speak the language of whoever shows
or made it; captions and names stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.census.area_words import say_study_area, say_vintage
from geo.census.indicators import INDICATORS, IndicatorOptions, compute_indicator
from geo.census.moe import RELIABILITY_LABELS
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.filters import filter_organizations
from geo.i18n import DEFAULT, N_
from geo.maps.frame_title import name_map
from geo.maps.gap_map import (
    BRANCH_COLOUR,
    SITE_COLOUR,
    HtmlBox,
    build_branch_layers,
    build_site_layer,
    build_value_layer,
)
from geo.maps.layer_tables import class_labels
from geo.maps.layers import NO_DATA_COLOUR, SCHEMES, Classes, classify, escape, format_value
from geo.maps.webfonts import MAP_FONT
from geo.messages import reason, say
from geo.view import View

Translate = Callable[[str], str]
ILLUSTRATIVE = N_("Illustrative data, not a real place")


class PageKeys(MacroElement):
    """Page Up / Page Down pressed inside the map are handed to the page around it (the
    presenter's Previous / Next); the arrow keys stay with Leaflet's panning."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "document.addEventListener('keydown', function (e) {"
        " if (e.key !== 'PageDown' && e.key !== 'PageUp') return;"
        " e.preventDefault();"
        " try { window.top.document.dispatchEvent(new KeyboardEvent('keydown', {key: e.key})); }"
        " catch (err) { window.parent.postMessage({deck: e.key === 'PageDown' ? 1 : -1}, '*'); }"
        "});"
        "{% endmacro %}"
    )


PUBLIC_COLUMNS = ("organization_id", "name", "category", "languages", "lat", "lon")


@dataclass(frozen=True, kw_only=True)
class SlideFigures:
    """What a slide shows besides the map: the indicator, its classes and tract figures."""

    label: str
    kind: str
    classes: Classes
    values: pd.DataFrame  # estimate, moe, reliability by GEOID (empty when not available)
    organizations: pd.DataFrame  # public columns only
    notice: str = ""


def compute_slide(
    area: StudyArea,
    organizations: pd.DataFrame,
    view: View,
    translate: Translate = str,
    code: str | None = None,
) -> SlideFigures:
    """The indicator values, class breaks and public organizations of a slide's view; the
    indicator's label (and why it is not available) in the language of ``translate``/``code``."""
    indicator = INDICATORS[view.indicator]
    label = translate(indicator.label)
    notice = ""
    try:
        values = compute_indicator(
            area.tables, view.indicator, IndicatorOptions(countries=view.filters.countries)
        )
    except DataNotAvailable as err:
        values = pd.DataFrame(columns=["estimate", "moe", "reliability"])
        why = say(reason(err), code or DEFAULT)  # a Message is said in the reader's language
        notice = translate(N_("{label}: {figure}")).format(label=label, figure=why)
    orgs = organizations.rename(columns={"org_id": "organization_id"})
    matching = filter_organizations(orgs, view.filters)[list(PUBLIC_COLUMNS)]
    minx, miny, maxx, maxy = area.tracts.total_bounds
    inside = matching["lat"].between(miny - 0.02, maxy + 0.02) & matching["lon"].between(
        minx - 0.02, maxx + 0.02
    )
    return SlideFigures(
        label=label,
        kind=indicator.kind,
        classes=classify(values["estimate"], view.scheme),
        values=values,
        organizations=matching[inside],
        notice=notice,
    )


def build_slide_map(
    area: StudyArea,
    outlines: gpd.GeoDataFrame,
    figures: SlideFigures,
    view: View,
    *,
    tiles: str = "",
    translate: Translate = str,
    code: str | None = None,
) -> folium.Map:
    """The slide's map, centred and zoomed as saved (or fitted to the study area); its
    tooltips, layer names and legend in the language of ``translate``, numbers as ``code``
    writes them (English by default)."""
    minx, miny, maxx, maxy = outlines.total_bounds
    centre = view.centre or ((miny + maxy) / 2, (minx + maxx) / 2)
    m = folium.Map(
        location=list(centre),
        zoom_start=12,
        tiles=tiles or None,
        attr=None if tiles in ("", "OpenStreetMap") else "Basemap tiles",
        maxZoom=18,
        control_scale=True,
        zoom_snap=0.25,  # the saved zoom may be a quarter level (geo.view)
    )
    if view.zoom is not None:
        m.options["zoom"] = view.zoom
    if view.zoom is None:
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    tr = translate
    build_value_layer(
        outlines,
        figures.values,
        figures.classes,
        figures.label,
        kind=figures.kind,
        translate=tr,
        code=code,
    ).add_to(m)
    for layer in build_branch_layers(area.branches, view.radius_m, tr, code):
        layer.add_to(m)
    build_site_layer(figures.organizations, tr).add_to(m)
    HtmlBox(legend_html(figures, say_vintage(area.vintage, tr), tr, code)).add_to(m)
    PageKeys().add_to(m)
    return name_map(m, tr(N_("Presenter slide: map of tracts, organizations and branches")))


def figure_lines(
    area: StudyArea,
    figures: SlideFigures,
    top: int = 3,
    translate: Translate = str,
    code: str | None = None,
) -> tuple[str, ...]:
    """The slide's figures in words: the highest reliable tracts, each ± its 90% MOE
    (numbers as ``code`` writes them)."""
    tr = translate
    if figures.values.empty:
        return (figures.notice,) if figures.notice else ()
    values = figures.values.dropna(subset=["estimate"])
    reliable = values[values["reliability"].isin(["high", "caution"])]
    best = reliable.nlargest(top, "estimate")
    names = area.tracts["NAME"]
    line = tr(N_("{tract}: {estimate} ± {moe} ({reliability})"))
    lines = [
        line.format(
            tract=names.get(geoid, geoid),
            estimate=format_value(row.estimate, figures.kind, code),
            moe=format_value(row.moe, figures.kind, code),
            reliability=tr(RELIABILITY_LABELS[row.reliability]),
        )
        for geoid, row in best.iterrows()
    ]
    unreliable = int((values["reliability"] == "unreliable").sum())
    faded = tr(N_("Unreliable tract figures (faded on the map): {unreliable} of {tracts}."))
    count = (lambda n: format_value(n, "count", code)) if code else str
    lines.append(faded.format(unreliable=count(unreliable), tracts=count(len(values))))
    return (f"{figures.label} · {say_vintage(area.vintage, tr)}", *lines)


def area_stamp(area: StudyArea, translate: Translate = str) -> str:
    """The study area, its census vintage and, for made-up data, that it is not a real place."""
    labelled = "not a real place" in area.label.casefold()  # the demo city says so already
    note = f" · {translate(ILLUSTRATIVE)}" if area.illustrative and not labelled else ""
    label, vintage = say_study_area(area.label, translate), say_vintage(area.vintage, translate)
    return f"{label} · {vintage}{note}"


def legend_rows(
    figures: SlideFigures, translate: Translate = str, code: str | None = None
) -> list[tuple[str, str, str]]:
    """(colour, words, mark) for each class and mark on the slide's map; ``mark`` is
    ``box``, ``dashed`` (unreliable, faded) or ``dot`` (organizations and branches).

    The classes read as the slide's tract table and text legend write them
    (:func:`geo.maps.layer_tables.class_labels`), numbers as ``code`` writes them.
    """
    labels = class_labels(figures.classes, figures.kind, code)
    rows = [(c, text, "box") for c, text in zip(figures.classes.colours, labels, strict=True)]
    return [
        *rows,
        (NO_DATA_COLOUR, translate(N_("not available")), "box"),
        ("#ffffff", translate(N_("unreliable (faded, dashed)")), "dashed"),
        (SITE_COLOUR, translate(N_("organization")), "dot"),
        (BRANCH_COLOUR, translate(N_("library branch and catchment")), "dot"),
    ]


_MARKS = {"box": "", "dashed": "opacity:.6;border-style:dashed", "dot": "border-radius:50%"}


def legend_html(
    figures: SlideFigures, vintage: str, translate: Translate = str, code: str | None = None
) -> str:
    """The slide map's legend as a fixed box of plain HTML (no script, nothing to download),
    a named region for screen readers; the swatches are decoration, their words are text."""
    scheme = translate(SCHEMES.get(figures.classes.scheme, figures.classes.scheme))
    rows = "<br>".join(
        f'<span aria-hidden="true" style="display:inline-block;width:12px;height:12px;'
        f"background:{colour};border:1px solid #777;vertical-align:middle;{_MARKS[mark]}"
        f'"></span> {escape(text)}'
        for colour, text, mark in legend_rows(figures, translate, code)
    )
    name = escape(translate(N_("Legend")))
    return (
        f'<div class="slide-legend" role="region" aria-label="{name}" '
        'style="position:fixed;right:10px;bottom:24px;z-index:1000;'
        f"background:rgba(255,255,255,.93);padding:6px 8px;font:12px/1.45 {MAP_FONT};"
        'border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.3);max-width:260px" dir="auto">'
        f"<b>{escape(figures.label)}</b><br><small>{escape(scheme)} · {escape(vintage)}</small>"
        f"<br>{rows}</div>"
    )

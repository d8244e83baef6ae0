"""The map of one slide: the view's tract indicator, branches and matching organizations.

Built for showing in a room and for export: geometry is embedded (an exported story has no
server to fetch it from) and only public fields reach the map (organization name, services,
languages; never contact persons or internal notes).
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.census.indicators import INDICATORS, IndicatorOptions, compute_indicator
from geo.census.moe import RELIABILITY_LABELS
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.filters import filter_organizations
from geo.maps.gap_map import (
    HtmlBox,
    build_branch_layers,
    build_site_layer,
    build_value_layer,
    legend_html,
)
from geo.maps.layers import Classes, classify, format_value
from geo.view import View


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


def compute_slide(area: StudyArea, organizations: pd.DataFrame, view: View) -> SlideFigures:
    """The indicator values, class breaks and public organizations of a slide's view."""
    indicator = INDICATORS[view.indicator]
    notice = ""
    try:
        values = compute_indicator(
            area.tables, view.indicator, IndicatorOptions(countries=view.filters.countries)
        )
    except DataNotAvailable as err:
        values = pd.DataFrame(columns=["estimate", "moe", "reliability"])
        notice = f"{indicator.label}: {err}"
    orgs = organizations.rename(columns={"org_id": "organization_id"})
    matching = filter_organizations(orgs, view.filters)[list(PUBLIC_COLUMNS)]
    minx, miny, maxx, maxy = area.tracts.total_bounds
    inside = matching["lat"].between(miny - 0.02, maxy + 0.02) & matching["lon"].between(
        minx - 0.02, maxx + 0.02
    )
    return SlideFigures(
        label=indicator.label,
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
) -> folium.Map:
    """The slide's map, centred and zoomed as saved (or fitted to the study area)."""
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
    build_value_layer(
        outlines, figures.values, figures.classes, figures.label, kind=figures.kind
    ).add_to(m)
    for layer in build_branch_layers(area.branches, view.radius_m):
        layer.add_to(m)
    build_site_layer(figures.organizations).add_to(m)
    legend = legend_html(
        figures.classes, figures.label, area.vintage, None, kind=figures.kind, sites="organization"
    )
    HtmlBox(legend).add_to(m)
    PageKeys().add_to(m)
    return m


def figure_lines(area: StudyArea, figures: SlideFigures, top: int = 3) -> tuple[str, ...]:
    """The slide's figures in words: the highest reliable tracts, each ± its 90% MOE."""
    if figures.values.empty:
        return (figures.notice,) if figures.notice else ()
    values = figures.values.dropna(subset=["estimate"])
    reliable = values[values["reliability"].isin(["high", "caution"])]
    best = reliable.nlargest(top, "estimate")
    names = area.tracts["NAME"]
    lines = [
        f"{names.get(geoid, geoid)}: {format_value(row.estimate, figures.kind)} "
        f"± {format_value(row.moe, figures.kind)} ({RELIABILITY_LABELS[row.reliability]})"
        for geoid, row in best.iterrows()
    ]
    unreliable = int((values["reliability"] == "unreliable").sum())
    lines.append(f"{unreliable} of {len(values)} tract figures are unreliable (faded on the map).")
    return (f"{figures.label} · {area.vintage}", *lines)

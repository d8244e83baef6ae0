"""The asset map of the home page: tracts, branches, organizations and base layers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import pandas as pd

from geo.census.indicators import INDICATORS, IndicatorOptions, compute_indicator
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.filters import (
    Filters,
    compute_acculturation,
    filter_organizations,
    select_tracts_meeting_thresholds,
    unavailable_thresholds,
)
from geo.maps.layers import (
    build_branch_layers,
    build_highlight_layer,
    build_legend,
    build_organization_layer,
    build_tract_layer,
    classify,
    escape,
)

BASEMAP_STYLES = {
    "river": {"color": "#4292c6", "fillColor": "#9ecae1", "weight": 1, "fillOpacity": 0.85},
    "park": {"color": "#41ab5d", "fillColor": "#a1d99b", "weight": 1, "fillOpacity": 0.55},
    "road": {"color": "#969696", "weight": 3, "opacity": 0.8},
}


@dataclass(frozen=True, kw_only=True)
class MapOptions:
    """How the user wants the map drawn."""

    indicator: str = "foreign_born_share"
    scheme: str = "quantiles"
    catchment_radius_m: float = 1000.0
    language_group: str | None = None
    tiles: str = ""


@dataclass
class MapView:
    """A built map with the figures shown above it and any notices for the user."""

    map: folium.Map
    values: pd.DataFrame | None
    highlighted: pd.Index
    organizations: pd.DataFrame
    headline: dict[str, int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def build_base_layers(basemap: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """River, parks, roads and neighbourhood names of an area that has no internet tiles."""
    group = folium.FeatureGroup(name="Base map (river, parks, roads, names)")
    for kind in ("river", "park", "road"):
        part = basemap[basemap["kind"] == kind]
        if len(part):
            folium.GeoJson(
                part[["name", "geometry"]].__geo_interface__,
                interactive=False,
                style_function=lambda f, s=BASEMAP_STYLES[kind]: s,
            ).add_to(group)
    for _, place in basemap[basemap["kind"] == "neighbourhood"].iterrows():
        label = (
            f'<div style="font:italic 600 12px sans-serif;color:#444;white-space:nowrap;'
            f'text-shadow:0 0 3px #fff,0 0 3px #fff">{escape(str(place["name"]))}</div>'
        )
        folium.Marker(
            [place.geometry.y, place.geometry.x],
            interactive=False,
            icon=folium.DivIcon(html=label, icon_size=(0, 0)),
        ).add_to(group)
    return group


def build_asset_map(
    area: StudyArea,
    outlines: gpd.GeoDataFrame,
    organizations: pd.DataFrame,
    filters: Filters,
    options: MapOptions,
) -> MapView:
    """Build the home-page map and its headline figures for the current filters.

    Parameters
    ----------
    outlines
        Simplified tract polygons (``geo.maps.layers.simplify_tracts``), indexed by GEOID.
    organizations
        One row per organization (``org_id, name, category, languages, lat, lon`` ...).
    """
    indicator = INDICATORS[options.indicator]
    notices: list[str] = []
    try:
        values = compute_indicator(
            area.tables,
            indicator.key,
            IndicatorOptions(countries=filters.countries, language_group=options.language_group),
        )
    except DataNotAvailable as err:
        values = None
        notices.append(f"{indicator.label}: {err}")
    acculturation = compute_acculturation(area.tables)
    highlighted = select_tracts_meeting_thresholds(acculturation, filters)
    notices += [
        f"No data for the threshold on {i.replace('_', ' ')} in this study area."
        for i in unavailable_thresholds(acculturation, filters)
    ]
    matching = filter_organizations(_inside(organizations, outlines), filters)

    m = _base_map(outlines, options.tiles)
    shown = values if values is not None else pd.DataFrame(columns=["estimate"])
    classes = classify(shown["estimate"], options.scheme)
    build_tract_layer(
        outlines,
        values if values is not None else _empty(outlines),
        classes,
        label=indicator.label,
        kind=indicator.kind,
    ).add_to(m)
    if area.basemap is not None and not options.tiles:
        build_base_layers(area.basemap).add_to(m)  # above the tracts, so the river shows
    if filters.thresholds:
        build_highlight_layer(outlines, highlighted).add_to(m)
    for layer in build_branch_layers(area.branches, options.catchment_radius_m):
        layer.add_to(m)
    build_organization_layer(matching).add_to(m)
    build_legend(
        classes,
        label=indicator.label,
        kind=indicator.kind,
        vintage=area.vintage,
        show_highlight=bool(filters.thresholds),
    ).add_to(m)
    folium.LayerControl(collapsed=True, position="topleft").add_to(m)
    return MapView(
        map=m,
        values=values,
        highlighted=highlighted,
        organizations=matching,
        headline=_headline(area, highlighted, matching),
        notices=notices,
    )


def _inside(organizations: pd.DataFrame, outlines: gpd.GeoDataFrame) -> pd.DataFrame:
    """Organizations within the study area's extent (the shared database holds every area's)."""
    minx, miny, maxx, maxy = outlines.total_bounds
    pad = 0.02  # degrees, about 2 km: keep places just across the boundary
    inside = organizations["lat"].between(miny - pad, maxy + pad) & organizations["lon"].between(
        minx - pad, maxx + pad
    )
    return organizations[inside]


def _empty(outlines: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"estimate": float("nan"), "moe": float("nan"), "reliability": "unreliable"},
        index=outlines.index,
    )


def _base_map(outlines: gpd.GeoDataFrame, tiles: str) -> folium.Map:
    minx, miny, maxx, maxy = outlines.total_bounds
    tile_arg: str | None = tiles or None
    attr = None if tiles in ("", "OpenStreetMap") else "Basemap tiles"
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=12,
        tiles=tile_arg,
        attr=attr,
        maxZoom=18,
        control_scale=True,
    )
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def _headline(area: StudyArea, highlighted: pd.Index, matching: pd.DataFrame) -> dict[str, int]:
    foreign_born = 0
    if "B05006" in area.tables and len(highlighted):
        t = area.tables["B05006"]
        foreign_born = int(t.estimate(t.find("Total")).reindex(highlighted).fillna(0).sum())
    return {
        "tracts_highlighted": len(highlighted),
        "foreign_born_in_highlighted": foreign_born,
        "organizations_matching": len(matching),
        "branches": len(area.branches),
    }


def identify_click(
    tooltip: str | None, area: StudyArea, organizations: pd.DataFrame
) -> tuple[str, str] | None:
    """What a map click hit, from its tooltip text: ``("tract"|"branch"|"organization", id)``.

    Every tooltip of the asset map carries its record's id in square brackets.
    """
    if not tooltip:
        return None
    found = re.search(r"\[([^\[\]]+)\]", tooltip)
    if not found:
        return None
    key = found.group(1)
    if key in area.tracts.index:
        return ("tract", key)
    if key in set(area.branches["branch_id"]):
        return ("branch", key)
    if key in set(organizations["org_id"].astype(str)):
        return ("organization", key)
    return None

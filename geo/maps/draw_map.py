"""The map users draw an area on (community profile, walkabout), and reading what they drew."""

from __future__ import annotations

from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.analysis.catchments import build_ring

OUTLINE_TRACTS_BELOW = 400  # above this, only the study area's box: the drawing map stays light


def build_outline_map(tracts: gpd.GeoDataFrame, *, fill_opacity: float = 0.0) -> folium.Map:
    """A light map of the study area: its tracts' outlines (big areas: only their box)."""
    minx, miny, maxx, maxy = tracts.total_bounds
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2], tiles=None, maxZoom=18, zoom_start=11
    )
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    outline = (
        tracts[["geometry"]].__geo_interface__
        if len(tracts) < OUTLINE_TRACTS_BELOW
        else shapely.geometry.mapping(shapely.box(minx, miny, maxx, maxy))
    )
    style = {"color": "#777", "weight": 0.5, "fill": fill_opacity > 0, "fillOpacity": fill_opacity}
    folium.GeoJson(outline, interactive=False, style_function=lambda f: style).add_to(m)
    return m


def build_point_layer(lat: float | None, lon: float | None) -> folium.FeatureGroup:
    """The point chosen so far (for a map that places something by a click)."""
    chosen = folium.FeatureGroup(name="Chosen location")
    if lat is not None and lon is not None:
        folium.Marker([lat, lon], tooltip="The location to save").add_to(chosen)
    return chosen


def build_draw_map(tracts: gpd.GeoDataFrame) -> folium.Map:
    """A map with drawing tools (polygon, rectangle, circle) over the study area's outline.

    Big study areas show only their bounding box, so the map sent to the browser stays small.
    """
    m = build_outline_map(tracts)
    folium.plugins.Draw(
        export=False, draw_options={"polyline": False, "marker": False, "circlemarker": False}
    ).add_to(m)
    return m


def read_drawing(drawing: dict[str, Any] | None) -> BaseGeometry | None:
    """The area a user drew (GeoJSON from Leaflet.draw); a circle becomes a ring polygon.

    Returns None for nothing drawn or a shape that is not an area.
    """
    if not drawing or not drawing.get("geometry"):
        return None
    geom = shape(drawing["geometry"])
    radius = (drawing.get("properties") or {}).get("radius")
    if geom.geom_type == "Point" and radius:
        return build_ring(geom.y, geom.x, float(radius))
    return geom if geom.geom_type in ("Polygon", "MultiPolygon") else None

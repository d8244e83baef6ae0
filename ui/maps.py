"""Show folium maps with Leaflet served by the app itself (works with no internet)."""

from __future__ import annotations

from typing import Any

import folium
import folium.plugins
import shapely
import streamlit as st
from shapely.geometry import shape
from streamlit_folium import st_folium

from geo.config import PROJECT_ROOT
from geo.errors import VendorAssetsMissing
from geo.maps.vendor import install_vendor_assets, localize_map, vendor_assets_installed

STATIC_DIR = PROJECT_ROOT / "static"


@st.cache_resource
def _ensure_vendor_assets() -> None:
    if not vendor_assets_installed(STATIC_DIR):
        install_vendor_assets(PROJECT_ROOT / "node_modules", STATIC_DIR)


def show_map(
    m: folium.Map, *, key: str, height: int = 600, returned_objects: list[str] | None = None
) -> dict[str, Any]:
    """Render ``m`` offline; only ``returned_objects`` interactions rerun the page."""
    try:
        _ensure_vendor_assets()
    except VendorAssetsMissing as err:
        st.error(str(err))
        st.stop()
    localize_map(m)
    return (
        st_folium(
            m,
            key=key,
            height=height,
            use_container_width=True,
            returned_objects=returned_objects or [],
        )
        or {}
    )


def draw_area(tracts, *, key: str, height: int = 420):
    """A map to draw a polygon, rectangle or circle on; returns the shape drawn (or None).

    Big study areas show only their outline, so the drawing map stays light.
    """
    from geo.analysis.catchments import build_ring

    minx, miny, maxx, maxy = tracts.total_bounds
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2], tiles=None, maxZoom=18, zoom_start=11
    )
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    outline = (
        tracts[["geometry"]].__geo_interface__
        if len(tracts) < 400
        else shapely.geometry.mapping(shapely.box(minx, miny, maxx, maxy))
    )
    folium.GeoJson(
        outline,
        interactive=False,
        style_function=lambda f: {"color": "#777", "weight": 0.5, "fill": False},
    ).add_to(m)
    folium.plugins.Draw(
        export=False, draw_options={"polyline": False, "marker": False, "circlemarker": False}
    ).add_to(m)
    st.caption("Draw a polygon, rectangle or circle with the tools on the map's left.")
    drawing = show_map(m, key=key, height=height, returned_objects=["last_active_drawing"]).get(
        "last_active_drawing"
    )
    if not drawing or not drawing.get("geometry"):
        return None
    geom = shape(drawing["geometry"])
    radius = (drawing.get("properties") or {}).get("radius")
    if geom.geom_type == "Point" and radius:
        return build_ring(geom.y, geom.x, float(radius))
    return geom if geom.geom_type in ("Polygon", "MultiPolygon") else None

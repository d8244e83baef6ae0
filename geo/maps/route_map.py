"""The walkabout map: the area, the route line and numbered stops (folium, works offline)."""

from __future__ import annotations

from html import escape

import folium
import geopandas as gpd
import shapely

from geo.fieldwork.routes import Route, Stop

ROUTE_COLOUR = "#d7301f"
_NUMBER_STYLE = (
    "width:24px;height:24px;border-radius:12px;background:#d7301f;color:#fff;"
    "border:2px solid #fff;font:700 12px/20px sans-serif;text-align:center;"
    "box-shadow:0 0 3px #333"
)


def _stop_tip(number: int, stop: Stop) -> str:
    parts = [f"{number}. {stop.label}", stop.address, stop.languages, stop.services]
    return "<br>".join(escape(p) for p in parts if p)


def build_numbered_marker(number: int, stop: Stop) -> folium.Marker:
    """A stop drawn as a round badge with its number (text is HTML-escaped)."""
    html = f'<div style="{_NUMBER_STYLE}">{number}</div>'
    return folium.Marker(
        [stop.lat, stop.lon],
        tooltip=_stop_tip(number, stop),
        icon=folium.DivIcon(html=html, icon_size=(24, 24), icon_anchor=(12, 12)),
    )


def build_route_map(
    route: Route | None,
    start: Stop,
    *,
    tracts: gpd.GeoDataFrame | None = None,
    area_shape: shapely.Geometry | None = None,
    radius_m: float | None = None,
    candidates: list[Stop] | None = None,
) -> folium.Map:
    """Build the walkabout map.

    Parameters
    ----------
    route : Route or None
        The planned walk; None draws only the branch, the area and the candidates.
    start : Stop
        The branch.
    tracts : geopandas.GeoDataFrame, optional
        Tract outlines drawn faintly for orientation.
    area_shape : shapely geometry, optional
        Polygon or tracts area (WGS84); drawn dashed.
    radius_m : float, optional
        Catchment ring radius around the branch; drawn dashed.
    candidates : list of Stop, optional
        Chosen stops before a route is planned (small grey dots).

    Returns
    -------
    folium.Map
    """
    m = folium.Map(
        location=[start.lat, start.lon], zoom_start=15, tiles=None, maxZoom=18, control_scale=True
    )
    if tracts is not None and len(tracts):
        folium.GeoJson(
            tracts[["geometry"]].__geo_interface__,
            name="Tracts",
            interactive=False,
            style_function=lambda f: {"color": "#999", "weight": 0.6, "fillOpacity": 0.03},
        ).add_to(m)
    dashed = {"color": "#2b8cbe", "weight": 2, "dashArray": "6 4", "fillOpacity": 0.04}
    if radius_m:
        folium.Circle(
            [start.lat, start.lon],
            radius=radius_m,
            interactive=False,
            color=dashed["color"],
            weight=2,
            dash_array="6 4",
            fill_opacity=0.04,
        ).add_to(m)
    if area_shape is not None:
        folium.GeoJson(
            shapely.geometry.mapping(area_shape),
            name="Walk area",
            interactive=False,
            style_function=lambda f: dashed,
        ).add_to(m)
    folium.Marker(
        [start.lat, start.lon],
        tooltip=escape(f"Start and end: {start.label}"),
        icon=folium.DivIcon(
            html=f'<div style="{_NUMBER_STYLE};background:#225ea8">B</div>',
            icon_size=(24, 24),
            icon_anchor=(12, 12),
        ),
    ).add_to(m)
    for stop in candidates or []:
        folium.CircleMarker(
            [stop.lat, stop.lon], radius=5, color="#555", fill=True, tooltip=escape(stop.label)
        ).add_to(m)
    if route is not None:
        folium.PolyLine(route.line(), color=ROUTE_COLOUR, weight=4, opacity=0.8).add_to(m)
        for number, stop in enumerate(route.stops, start=1):
            build_numbered_marker(number, stop).add_to(m)
        lats = [s.lat for s in (start, *route.stops)]
        lons = [s.lon for s in (start, *route.stops)]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    return m

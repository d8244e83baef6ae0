"""The walkabout map: the area, the stops to pick from, the route and numbered stops (offline)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape
from typing import TypeVar

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.fieldwork.routes import Route, Stop
from geo.i18n import N_
from geo.maps.frame_title import name_map
from geo.maps.layer_tables import translated_list
from geo.maps.webfonts import MAP_FONT

ROUTE_COLOUR = "#d7301f"
PathT = TypeVar("PathT", folium.PolyLine, folium.Circle)
Translate = Callable[[str], str]
MAP_TITLE = N_("Walkabout map: the branch, the walk area, the walk and its stops")
_NUMBER_STYLE = (
    "width:24px;height:24px;border-radius:12px;background:#d7301f;color:#fff;"
    f"border:2px solid #fff;font:700 12px/20px {MAP_FONT};text-align:center;"
    "box-shadow:0 0 3px #333"
)
# Text for screen readers only: Leaflet makes each marker a focusable button, named by
# its content; the badge's digit alone ("2") would not say what it is.
_SCREEN_READER_ONLY = (
    "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)


class _Pressable(MacroElement):
    """Makes its parent stop a button: Tab reaches it, Enter or Space press it as a click
    does (pick or drop); named ``label`` for screen readers if given (set as text).

    Only Chromium lets Tab reach an SVG circle (for its tooltip's focus listener), and a
    key on it clicks nothing by itself: the click is fired on the layer, as Leaflet fires a
    mouse click, so streamlit-folium reports it the same way.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (layer) {"
        " var press = function (e) {"
        "  if (e.key !== 'Enter' && e.key !== ' ') return;"
        "  L.DomEvent.stop(e);"
        "  layer.fire('click', {latlng: layer.getLatLng(), originalEvent: e}, true); };"
        " var ready = function () {"
        "  var el = layer.getElement && layer.getElement(); if (!el) return;"
        "  el.setAttribute('role', 'button'); el.setAttribute('tabindex', '0');"
        "{% if this.label is not none %}"
        "  el.setAttribute('aria-label', {{ this.label|tojson }});"
        "{% endif %}"
        "  if (!el._atlasPress) { el._atlasPress = true; L.DomEvent.on(el, 'keydown', press); }"
        " };"
        " ready(); layer.on('add', ready); })({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, label: str | None = None) -> None:
        super().__init__()
        self._name = "Pressable"
        self.label = label


def _badge(mark: str, name: str, style: str = "") -> str:
    """A round badge showing ``mark``, named ``name`` (escaped) for screen readers."""
    return (
        f'<div aria-hidden="true" style="{_NUMBER_STYLE}{style}">{escape(mark)}</div>'
        f'<span style="{_SCREEN_READER_ONLY}">{escape(name)}</span>'
    )


def _stop_tip(number: int, stop: Stop, translate: Translate, locale: str | None) -> str:
    words = [str(translated_list(v, translate, locale)) for v in (stop.languages, stop.services)]
    parts = [f"{number}. {stop.label}", stop.address, *words]
    drop = escape(translate(N_("click to drop")))
    return "<br>".join(escape(p) for p in parts if p) + f"<br><i>{drop}</i>"


def build_numbered_marker(
    number: int, stop: Stop, translate: Translate = str, locale: str | None = None
) -> folium.Marker:
    """A stop drawn as a round badge with its number (text is HTML-escaped); its tooltip
    lists the stop's languages and services in words, as ``locale`` lists them."""
    html = _badge(
        str(number), translate(N_("Stop {number}: {name}")).format(number=number, name=stop.label)
    )
    return folium.Marker(
        [stop.lat, stop.lon],
        tooltip=_stop_tip(number, stop, translate, locale),
        icon=folium.DivIcon(html=html, icon_size=(24, 24), icon_anchor=(12, 12)),
    )


def _inert(path: PathT) -> PathT:
    """Let clicks pass through to the map (folium drops ``interactive=False`` for paths).

    A click inside the ring or on the line must not count as a click on a stop.
    """
    path.options["interactive"] = False
    return path


def _area_bounds(
    start: Stop, area_shape: shapely.Geometry | None, radius_m: float | None
) -> list[list[float]]:
    """[[south, west], [north, east]] of the walk's area (the branch alone if none)."""
    if area_shape is not None and not area_shape.is_empty:
        west, south, east, north = area_shape.bounds
        return [[south, west], [north, east]]
    dlat = (radius_m or 500.0) / 111_195.0
    dlon = dlat / max(math.cos(math.radians(start.lat)), 0.01)
    return [[start.lat - dlat, start.lon - dlon], [start.lat + dlat, start.lon + dlon]]


def build_route_map(
    start: Stop,
    *,
    tracts: gpd.GeoDataFrame | None = None,
    area_shape: shapely.Geometry | None = None,
    radius_m: float | None = None,
    translate: Translate = str,
) -> folium.Map:
    """Build the walkabout map's fixed part: nearby tracts, the area and the branch.

    The stops and the route go on :func:`build_stop_layer`, which streamlit-folium swaps
    without reloading the map, so picking a stop keeps the view where the team left it.

    Parameters
    ----------
    start : Stop
        The branch.
    tracts : geopandas.GeoDataFrame, optional
        Tract outlines drawn faintly for orientation (only those near the area are kept).
    area_shape : shapely geometry, optional
        Polygon or tracts area (WGS84); drawn dashed.
    radius_m : float, optional
        Catchment ring radius around the branch; drawn dashed.
    translate : callable, optional
        The interface language's ``gettext`` (English by default); names stay as recorded.

    Returns
    -------
    folium.Map
        Fitted to the area.
    """
    m = folium.Map(
        location=[start.lat, start.lon],
        zoom_start=15,
        tiles=None,
        maxZoom=18,
        control_scale=True,
        zoom_snap=0.25,  # fit the area snugly, not to the next whole zoom level
    )
    tr = translate
    (south, west), (north, east) = bounds = _area_bounds(start, area_shape, radius_m)
    if tracts is not None and len(tracts):
        pad_lat, pad_lon = (north - south) / 2, (east - west) / 2
        near = tracts.cx[west - pad_lon : east + pad_lon, south - pad_lat : north + pad_lat]
        folium.GeoJson(
            near[["geometry"]].__geo_interface__,
            name=tr(N_("Tracts")),
            interactive=False,
            style_function=lambda f: {"color": "#999", "weight": 0.6, "fillOpacity": 0.03},
        ).add_to(m)
    _add_area(m, start, area_shape, radius_m, tr(N_("Walk area")))
    name = tr(N_("Library branch, start and end: {name}")).format(name=start.label)
    folium.Marker(
        [start.lat, start.lon],
        tooltip=escape(tr(N_("Start and end: {name}")).format(name=start.label)),
        icon=folium.DivIcon(
            html=_badge("B", name, ";background:#225ea8"),
            icon_size=(24, 24),
            icon_anchor=(12, 12),
        ),
    ).add_to(m)
    m.fit_bounds(bounds, padding=(10, 10))
    return name_map(m, tr(MAP_TITLE))


_DASHED: dict[str, str | float] = {
    "color": "#2b8cbe",
    "weight": 2,
    "dashArray": "6 4",
    "fillOpacity": 0.04,
}


def _add_area(
    m: folium.Map,
    start: Stop,
    area_shape: shapely.Geometry | None,
    radius_m: float | None,
    name: str = "Walk area",
) -> None:
    """The walk's area, dashed: a catchment ring around the branch and/or a shape."""
    if radius_m:
        _inert(
            folium.Circle(
                [start.lat, start.lon],
                radius=radius_m,
                color=_DASHED["color"],
                weight=2,
                dash_array="6 4",
                fill_opacity=0.04,
            )
        ).add_to(m)
    if area_shape is not None:
        folium.GeoJson(
            shapely.geometry.mapping(area_shape),
            name=name,
            interactive=False,
            style_function=lambda f: _DASHED,
        ).add_to(m)


def build_stop_layer(
    route: Route | None,
    offered: Sequence[Stop],
    picked: Sequence[Stop],
    translate: Translate = str,
    locale: str | None = None,
) -> folium.FeatureGroup:
    """The stops on the walkabout map: offered ones as grey dots, the walk numbered.

    Parameters
    ----------
    route : Route or None
        The planned walk (numbered badges in walking order and the line); None when no
        route could be planned, then the picked stops are drawn as red dots.
    offered : sequence of Stop
        Every stop the team may pick (inside the area); a click on one picks it.
    picked : sequence of Stop
        The stops chosen so far; a click on one drops it.
    translate : callable, optional
        The interface language's ``gettext`` (English by default); names stay as recorded.
    locale : str, optional
        The interface language's code: a numbered stop's languages and services are
        listed as it lists them.

    Returns
    -------
    folium.FeatureGroup
        Every tooltip is HTML-escaped.
    """
    tr = translate
    add, drop = escape(tr(N_("click to add to the walk"))), escape(tr(N_("click to drop")))
    layer = folium.FeatureGroup(name=tr(N_("Stops")))
    chosen = {(s.lat, s.lon, s.label) for s in picked}
    for stop in offered:
        if (stop.lat, stop.lon, stop.label) in chosen:
            continue
        dot = folium.CircleMarker(
            [stop.lat, stop.lon],
            radius=7,
            color="#555",
            weight=2,
            fill=True,
            fill_color="#fff",
            fill_opacity=0.9,
            tooltip=f"{escape(stop.label)}<br><i>{add}</i>",
        ).add_to(layer)
        _Pressable(tr(N_("Organization you can add: {name}")).format(name=stop.label)).add_to(dot)
    if route is None:
        for stop in picked:
            dot = folium.CircleMarker(
                [stop.lat, stop.lon], radius=7, color=ROUTE_COLOUR, fill=True,
                tooltip=f"{escape(stop.label)}<br><i>{drop}</i>",
            ).add_to(layer)  # fmt: skip
            _Pressable(tr(N_("Picked stop: {name}")).format(name=stop.label)).add_to(dot)
        return layer
    _inert(folium.PolyLine(route.line(), color=ROUTE_COLOUR, weight=4, opacity=0.8)).add_to(layer)
    for number, stop in enumerate(route.stops, start=1):
        badge = build_numbered_marker(number, stop, tr, locale).add_to(layer)
        _Pressable().add_to(badge)  # named by its badge's text
    return layer

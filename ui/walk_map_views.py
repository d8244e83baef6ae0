"""The planner's map (stops to pick, the numbered route; clicks pick or drop) and its totals.

The stops travel as a layer streamlit-folium swaps in place, so a pick keeps the map's view.
"""

from __future__ import annotations

import streamlit as st

from geo.errors import GeoError
from geo.fieldwork.areas import AreaDefinition, build_area_shape
from geo.fieldwork.routes import Route, Stop
from geo.fieldwork.stops import nearest_stop
from geo.maps.route_map import build_route_map, build_stop_layer
from ui import map_tables, maps, resources
from ui.i18n import _, current, number

PICKED = "walkabout.stops"
CLICKED = "walkabout.clicked_points"
MAP_KEY = "walkabout.map"
MAP_SEEN = "walkabout.map_seen"
# A click on a round marker lands within a few pixels of it; 150 m covers zoom 13 and up.
CLICK_TOLERANCE_M = 150.0
MAP_EVENTS = ["last_object_clicked", "last_object_clicked_count", "last_clicked"]


def show_route_map(
    route: Route | None,
    start: Stop,
    area: AreaDefinition,
    offered: dict[str, Stop],
    stops: list[Stop],
) -> None:
    """The area with the stops to pick from and the numbered route; clicks pick or drop."""
    tracts = resources.tract_outlines()
    try:
        shape = build_area_shape(area, tracts)
    except GeoError:
        shape = None
    base = build_route_map(
        start,
        tracts=tracts,
        area_shape=shape,
        radius_m=area.radius_m if area.kind == "catchment" else None,
        translate=_,
    )
    st.caption(_("Click a grey dot to add it to the walk, a numbered stop to drop it."))
    maps.show_map(
        base,
        key=MAP_KEY,
        height=520,
        returned_objects=MAP_EVENTS,
        layers=[build_stop_layer(route, list(offered.values()), stops, _, current())],
        on_change=lambda: handle_map_click(start, offered, (start, area)),
    )
    map_tables.show_walk_tables(route, start, list(offered.values()), stops)


def handle_map_click(start: Stop, offered: dict[str, Stop], identity: object) -> None:
    """Turn the map's last click into a pick, a drop or a new free point.

    Runs as the map's ``on_change`` callback, before the planner reruns, so the list and
    the map drawn next already show the change. ``identity`` names the map instance: a
    new branch or area makes a new map whose click counter starts again at zero.
    """
    value = st.session_state.get(MAP_KEY) or {}
    seen_identity, seen = st.session_state.get(MAP_SEEN, (None, {}))
    if seen_identity != identity:
        seen = {}
    st.session_state[MAP_SEEN] = (identity, value)
    clicked_object = value.get("last_object_clicked")
    if clicked_object and value.get("last_object_clicked_count") != seen.get(
        "last_object_clicked_count"
    ):
        _toggle_stop(start, offered, float(clicked_object["lat"]), float(clicked_object["lng"]))
    elif (point := value.get("last_clicked")) and point != seen.get("last_clicked"):
        points = st.session_state.setdefault(CLICKED, [])
        label = _("Clicked point {n}").format(n=len(points) + 1)
        points.append(Stop(label=label, lat=float(point["lat"]), lon=float(point["lng"])))


def _toggle_stop(start: Stop, offered: dict[str, Stop], lat: float, lon: float) -> None:
    clicked_points = st.session_state.get(CLICKED, [])
    stop = nearest_stop(
        lat, lon, [start, *offered.values(), *clicked_points], within_m=CLICK_TOLERANCE_M
    )
    if stop is None or stop is start:
        return
    if stop.organization_id is None:
        st.session_state[CLICKED] = [p for p in clicked_points if p is not stop]
        return
    picked = list(st.session_state.get(PICKED, []))
    key = stop.key
    st.session_state[PICKED] = [i for i in picked if i != key] if key in picked else [*picked, key]


def route_summary(route: Route) -> None:
    """Totals and notes (the legs are in the walk's table beside the map)."""
    c1, c2, c3 = st.columns(3)
    c1.metric(_("Stops"), len(route.stops))
    c2.metric(_("Distance"), _("{km} km").format(km=number(route.total_distance_m / 1000, 2)))
    c3.metric(
        _("Walking time"), _("{minutes} min").format(minutes=number(route.total_walk_minutes))
    )
    for note in route.notes:
        st.caption(_(note))

"""The walkabout planner: branch, area, stops picked from a list or on the map, the route.

Everything that depends on the stops runs in one ``st.fragment``: a pick reruns the
planner only, not the sidebar or the other tab, and the map keeps its view because the
stops travel as a layer streamlit-folium swaps in place (see :func:`show_route_map`).
"""

from __future__ import annotations

from datetime import date, datetime, time

import streamlit as st

from geo.errors import GeoError, RouteNotFeasible
from geo.fieldwork.areas import (
    AREA_KINDS,
    AreaDefinition,
    build_area_shape,
    check_stops_in_area,
    haversine_m,
    parse_polygon_text,
    stops_in_area,
)
from geo.fieldwork.routes import Route, Stop, plan_walkabout
from geo.fieldwork.stops import (
    branch_stop,
    nearest_stop,
    parse_free_points,
    stops_from_sites,
)
from geo.fieldwork.timing import DEFAULT_MINUTES_AT_STOP, plan_visits
from geo.filters import Filters, filter_organizations
from geo.maps.route_map import build_route_map, build_stop_layer
from ui import errors, fieldwork_common, maps, resources, text, walk_export_views

PICKED = "walkabout.stops"
CLICKED = "walkabout.clicked_points"
MAP_KEY = "walkabout.map"
MAP_SEEN = "walkabout.map_seen"
OFFER_CACHE = "walkabout.offer_cache"
# A click on a round marker lands within a few pixels of it; 150 m covers zoom 13 and up.
CLICK_TOLERANCE_M = 150.0
MAP_EVENTS = ["last_object_clicked", "last_object_clicked_count", "last_clicked"]


@st.fragment
def planner(filters: Filters) -> None:
    """The 'Plan a walk' tab: choices on the left, the map on the right, then the walk."""
    left, right = st.columns([2, 3])
    with left:
        start = choose_branch()
        area = choose_area()
    if start is None or area is None:
        return
    offered = offer_stops(start, area, filters)
    with left:
        stops = choose_stops(offered)
        speed = st.slider("Walking speed (km/h)", 2.0, 6.0, 4.8, 0.1, key="walkabout.speed")
        starts_at, minutes_at_stop = choose_when()
        route = plan(start, stops, area, speed)
        show_stop_list(start, route, stops, starts_at, minutes_at_stop)
    with right:
        show_route_map(route, start, area, offered, stops)
    if route is not None:
        route_summary(route)
        walk_export_views.exports_and_save(
            route, area, st.session_state["walkabout.branch"], starts_at, minutes_at_stop
        )


def choose_when() -> tuple[datetime, int]:
    """The walk's date and start time (local time of the study area), time at each stop."""
    c1, c2, c3 = st.columns(3)
    day = c1.date_input("Date", date.today(), key="walkabout.date")
    start = c2.time_input("Leaving the branch at", time(10, 0), key="walkabout.start_time")
    minutes = c3.number_input(
        "Minutes at each stop",
        0,
        120,
        DEFAULT_MINUTES_AT_STOP,
        5,
        key="walkabout.minutes_at_stop",
        help="Used to estimate when you reach each stop and whether it is open then.",
    )
    return datetime.combine(day, start), int(minutes)


def choose_branch() -> Stop | None:
    """Branch picker; returns the start of the walk."""
    branches = resources.branches()
    names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    chosen = st.selectbox(
        "Branch (start and end)", list(names), format_func=names.__getitem__, key="walkabout.branch"
    )
    try:
        return branch_stop(branches.set_index("branch_id", drop=False).loc[chosen])
    except GeoError as err:
        errors.show_error(err)
        return None


def choose_area() -> AreaDefinition | None:
    """Catchment ring, chosen tracts or a drawn (or typed) polygon."""
    kind = st.radio(
        "Area",
        list(AREA_KINDS),
        format_func=AREA_KINDS.__getitem__,
        horizontal=True,
        key="walkabout.area_kind",
    )
    if kind == "catchment":
        radius = st.slider("Catchment radius (m)", 250, 3000, 1000, 250, key="walkabout.radius")
        return AreaDefinition(kind=kind, radius_m=float(radius))
    if kind == "tracts":
        tracts = resources.current_area().tracts
        names = dict(zip(tracts.index, tracts["NAME"], strict=True))
        geoids = st.multiselect(
            "Tracts", list(names), format_func=names.__getitem__, key="walkabout.tracts"
        )
        if not geoids:
            st.info("Choose at least one tract for the walk's area.")
            return None
        return AreaDefinition(kind=kind, geoids=tuple(geoids))
    drawn = maps.draw_area(resources.current_area().tracts, key="walkabout.draw", height=360)
    if drawn is not None:
        if drawn.geom_type == "MultiPolygon":
            drawn = max(drawn.geoms, key=lambda part: part.area)
        ring = tuple((lat, lon) for lon, lat in drawn.exterior.coords)
        return AreaDefinition(kind=kind, polygon=ring)
    typed = st.text_area("…or type the corners, one 'lat, lon' per line", key="walkabout.polygon")
    try:
        return AreaDefinition(kind=kind, polygon=parse_polygon_text(typed))
    except GeoError as err:
        errors.show_error(err, level="info")
        return None


def offer_stops(start: Stop, area: AreaDefinition, filters: Filters) -> dict[str, Stop]:
    """Sites of organizations matching the sidebar filters inside the area, nearest first.

    Keyed by :attr:`Stop.key` (organization and site): an organization with a site inside
    the area is offered at that site.
    """
    cached_filters, located = st.session_state.get(OFFER_CACHE, (None, []))
    if cached_filters is not filters:
        # A full run passes a new Filters object: read the directory afresh. A pick reruns
        # only this fragment with the same object, and needs no database read.
        located = stops_from_sites(filter_organizations(resources.sites(), filters))
        st.session_state[OFFER_CACHE] = (filters, located)
    try:
        inside = stops_in_area(start, located, area, resources.tract_outlines())
    except GeoError as err:
        errors.show_error(err)
        return {}
    return {stop.key: stop for stop, _ in inside}


def choose_stops(offered: dict[str, Stop]) -> list[Stop]:
    """Organizations picked from the list (or on the map), plus typed and clicked points."""
    picked = st.session_state.get(PICKED, [])
    kept = [i for i in picked if i in offered]
    if len(kept) < len(picked):
        st.caption(f"{len(picked) - len(kept)} picked stop(s) left out: not in this area.")
    st.session_state[PICKED] = kept
    chosen = st.multiselect(
        f"Organizations to visit ({len(offered)} in the area, nearest first)",
        list(offered),
        format_func=lambda i: offered[i].label,
        key=PICKED,
        placeholder="Pick here or click a grey dot on the map",
        select_all=False,  # a walk is a handful of stops, not every place in a ring
        help="Only organizations inside the area that match the sidebar filters are offered.",
    )
    typed = st.text_area(
        "Free points, one 'lat, lon, label' per line",
        key="walkabout.points",
        help="Or click an empty spot on the map to add a point; click it again to drop it.",
    )
    try:
        points = parse_free_points(typed)
    except GeoError as err:
        errors.show_error(err)
        points = []
    clicked = st.session_state.get(CLICKED, [])
    if clicked and st.button(f"Clear {len(clicked)} clicked point(s)", key="walkabout.clear"):
        st.session_state[CLICKED] = clicked = []
    return [offered[i] for i in chosen] + points + clicked


def plan(start: Stop, stops: list[Stop], area: AreaDefinition, speed: float) -> Route | None:
    """Plan the route, or say plainly why not (no stops, typed points outside the area)."""
    tracts = resources.tract_outlines()
    try:
        return plan_walkabout(
            start,
            stops,
            speed_kmh=speed,
            street_graph=resources.settings().street_graph or None,
            check=lambda s, st_: check_stops_in_area(s, st_, area, tracts),
        )
    except RouteNotFeasible as err:
        errors.show_error(err, level="info")
    except GeoError as err:
        errors.show_error(err)
    return None


def show_stop_list(
    start: Stop,
    route: Route | None,
    stops: list[Stop],
    starts_at: datetime,
    minutes_at_stop: int,
) -> None:
    """The chosen stops as a numbered list, in walking order (the map's numbers).

    Once there is a route, each organization's line says whether it is open when the
    walk reaches it (its opening hours, the walk's date and start time).
    """
    ordered = list(route.stops) if route is not None else stops
    if not ordered:
        return
    st.markdown("**The walk, in walking order**" if route else "**Chosen stops**")
    opening = (
        [
            v.opening_line()
            for v in plan_visits(
                route,
                starts_at,
                opening=fieldwork_common.open_at,
                minutes_at_stop=minutes_at_stop,
            )
        ]
        if route is not None
        else [""] * len(ordered)
    )
    lines = []
    for number, (stop, when) in enumerate(zip(ordered, opening, strict=True), start=1):
        metres = haversine_m(start.lat, start.lon, stop.lat, stop.lon)
        where = f" · {text.literal(stop.address)}" if stop.address else ""
        hours = f"  \n   {text.literal(when)}" if when else ""
        lines.append(f"{number}. {text.literal(stop.label)} · {metres:,.0f} m{where}{hours}")
    st.markdown("\n".join(lines))


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
    )
    st.caption("Click a grey dot to add it to the walk, a numbered stop to drop it.")
    maps.show_map(
        base,
        key=MAP_KEY,
        height=520,
        returned_objects=MAP_EVENTS,
        layers=[build_stop_layer(route, list(offered.values()), stops)],
        on_change=lambda: handle_map_click(start, offered, (start, area)),
    )


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
        label = f"Clicked point {len(points) + 1}"
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
    """Totals, legs and notes."""
    from geo.fieldwork.exports import build_leg_table

    c1, c2, c3 = st.columns(3)
    c1.metric("Stops", len(route.stops))
    c2.metric("Distance", f"{route.total_distance_m / 1000:.2f} km")
    c3.metric("Walking time", f"{route.total_walk_minutes:.0f} min")
    for note in route.notes:
        st.caption(note)
    st.dataframe(build_leg_table(route), hide_index=True, width="stretch")

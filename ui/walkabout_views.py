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
    check_stops_in_area,
    haversine_m,
    parse_polygon_text,
    stops_in_area,
)
from geo.fieldwork.routes import NO_STOPS, Route, Stop, plan_walkabout
from geo.fieldwork.stops import (
    branch_stop,
    parse_free_points,
    stops_from_sites,
)
from geo.fieldwork.timing import DEFAULT_MINUTES_AT_STOP, plan_visits
from geo.filters import Filters, filter_organizations
from ui import (
    errors,
    fieldwork_common,
    maps,
    resources,
    text,
    walk_export_views,
    walk_map_views,
)
from ui.i18n import _, date_format, follows_language, n_
from ui.i18n import number as number_text
from ui.walk_map_views import CLICKED, PICKED


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
        speed = st.slider(_("Walking speed (km/h)"), 2.0, 6.0, 4.8, 0.1, key="walkabout.speed")
        starts_at, minutes_at_stop = choose_when()
        route = plan(start, stops, area, speed)
        show_stop_list(start, route, stops, starts_at, minutes_at_stop)
    with right:
        walk_map_views.show_route_map(route, start, area, offered, stops)
    if route is not None:
        walk_map_views.route_summary(route)
        walk_export_views.exports_and_save(
            route, area, st.session_state["walkabout.branch"], starts_at, minutes_at_stop
        )


def choose_when() -> tuple[datetime, int]:
    """The walk's date and start time (local time of the study area), time at each stop."""
    c1, c2, c3 = st.columns(3)
    day = c1.date_input(
        _("Date"), date.today(), key=follows_language("walkabout.date"), format=date_format()
    )
    start = c2.time_input(_("Leaving the branch at"), time(10, 0), key="walkabout.start_time")
    minutes = c3.number_input(
        _("Minutes at each stop"),
        0,
        120,
        DEFAULT_MINUTES_AT_STOP,
        5,
        key="walkabout.minutes_at_stop",
        help=_("Used to estimate when you reach each stop and whether it is open then."),
    )
    return datetime.combine(day, start), int(minutes)


def choose_branch() -> Stop | None:
    """Branch picker; returns the start of the walk."""
    branches = resources.branches()
    names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    chosen = st.selectbox(
        _("Branch (start and end)"),
        list(names),
        format_func=names.__getitem__,
        key="walkabout.branch",
    )
    try:
        return branch_stop(branches.set_index("branch_id", drop=False).loc[chosen])
    except GeoError as err:
        errors.show_error(err)
        return None


def choose_area() -> AreaDefinition | None:
    """Catchment ring, chosen tracts or a drawn (or typed) polygon."""
    # Labels translated now: a format_func may be called outside the run (AppTest does).
    kinds = {k: _(label) for k, label in AREA_KINDS.items()}
    kind = st.radio(
        _("Area"),
        list(kinds),
        format_func=kinds.__getitem__,
        horizontal=True,
        key=follows_language("walkabout.area_kind"),
    )
    if kind == "catchment":
        radius = st.slider(_("Catchment radius (m)"), 250, 3000, 1000, 250, key="walkabout.radius")
        return AreaDefinition(kind=kind, radius_m=float(radius))
    if kind == "tracts":
        tracts = resources.current_area().tracts
        names = dict(zip(tracts.index, tracts["NAME"], strict=True))
        geoids = st.multiselect(
            _("Tracts"),
            list(names),
            format_func=names.__getitem__,
            key="walkabout.tracts",
            placeholder=_("Choose options"),
        )
        if not geoids:
            st.info(_("Choose at least one tract for the walk's area."))
            return None
        return AreaDefinition(kind=kind, geoids=tuple(geoids))
    drawn = maps.draw_area(resources.current_area().tracts, key="walkabout.draw", height=360)
    if drawn is not None:
        if drawn.geom_type == "MultiPolygon":
            drawn = max(drawn.geoms, key=lambda part: part.area)
        ring = tuple((lat, lon) for lon, lat in drawn.exterior.coords)
        return AreaDefinition(kind=kind, polygon=ring)
    typed = st.text_area(
        _("…or type the corners, one 'lat, lon' per line"), key="walkabout.polygon"
    )
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
    located = _located_stops(resources.data_stamp(), repr(filters), filters)
    try:
        inside = stops_in_area(start, located, area, resources.tract_outlines())
    except GeoError as err:
        errors.show_error(err)
        return {}
    return {stop.key: stop for stop, _ in inside}


@st.cache_resource(max_entries=16, show_spinner=False)
def _located_stops(stamp: str, key: str, _filters: Filters) -> list[Stop]:
    """Stops at the sites the filters keep, once per database version and filters (``key``
    is their repr); shared by every session, so read-only."""
    return stops_from_sites(filter_organizations(resources.sites(), _filters))


def choose_stops(offered: dict[str, Stop]) -> list[Stop]:
    """Organizations picked from the list (or on the map), plus typed and clicked points."""
    picked = st.session_state.get(PICKED, [])
    kept = [i for i in picked if i in offered]
    if len(kept) < len(picked):
        left_out = len(picked) - len(kept)
        said = n_(
            "{n} picked stop left out: not in this area.",
            "{n} picked stops left out: not in this area.",
            left_out,
        )
        st.caption(said.format(n=left_out))
    st.session_state[PICKED] = kept
    chosen = st.multiselect(
        _("Organizations to visit ({n} in the area, nearest first)").format(n=len(offered)),
        list(offered),
        format_func=lambda i: offered[i].label,
        key=PICKED,
        placeholder=_("Pick here or click a grey dot on the map"),
        select_all=False,  # a walk is a handful of stops, not every place in a ring
        help=_("Only organizations inside the area that match the sidebar filters are offered."),
    )
    typed = st.text_area(
        _("Free points, one 'lat, lon, label' per line"),
        key="walkabout.points",
        help=_("Or click an empty spot on the map to add a point; click it again to drop it."),
    )
    try:
        points = parse_free_points(typed)
    except GeoError as err:
        errors.show_error(err)
        points = []
    clicked = st.session_state.get(CLICKED, [])
    clear = n_("Clear {n} clicked point", "Clear {n} clicked points", len(clicked))
    if clicked and st.button(clear.format(n=len(clicked)), key="walkabout.clear"):
        st.session_state[CLICKED] = clicked = []
    return [offered[i] for i in chosen] + points + clicked


def plan(start: Stop, stops: list[Stop], area: AreaDefinition, speed: float) -> Route | None:
    """Plan the route, or say plainly why not (no stops, typed points outside the area)."""
    if not stops:
        st.info(_(NO_STOPS))
        return None
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
    st.markdown("**" + (_("The walk, in walking order") if route else _("Chosen stops")) + "**")
    opening = (
        [
            v.opening_line(_)
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
    for n, (stop, when) in enumerate(zip(ordered, opening, strict=True), start=1):
        metres = haversine_m(start.lat, start.lon, stop.lat, stop.lon)
        where = f" · {text.literal(stop.address)}" if stop.address else ""
        hours = f"  \n   {text.literal(when)}" if when else ""
        # Isolated (FSI ... PDI): in a right-to-left language "108 م" must not pull the
        # address's house number into its run ("108 748 · م Harbor Avenue").
        distance = "\u2068" + _("{metres} m").format(metres=number_text(metres)) + "\u2069"
        lines.append(f"{n}. {text.literal(stop.label)} · {distance}{where}{hours}")
    st.markdown("\n".join(lines))

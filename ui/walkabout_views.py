"""The walkabout planner's panels: choose branch, area and stops; route; exports; save."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from geo.db.walkabouts import save_walkabout
from geo.errors import GeoError, RouteNotFeasible
from geo.fieldwork.areas import AREA_KINDS, AreaDefinition, build_area_shape, check_stops_in_area
from geo.fieldwork.engagement import TEAMS
from geo.fieldwork.exports import build_leg_table, build_stop_table, to_csv_bytes
from geo.fieldwork.gpx import export_gpx
from geo.fieldwork.routes import Route, Stop, plan_walkabout
from geo.fieldwork.stops import branch_stop, parse_free_points, stops_from_organizations
from geo.fieldwork.walk_sheet import SheetInfo, build_walk_sheet
from geo.filters import filter_organizations
from geo.maps.route_map import build_route_map
from ui import errors, fieldwork_common, maps, resources

CLICKED = "walkabout.clicked_points"
FLASH = "walkabout.flash"


def choose_branch() -> Stop | None:
    """Branch picker; returns the start of the walk."""
    branches = resources.branches()
    names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    chosen = st.selectbox(
        "Branch (start and end)", list(names), format_func=names.get, key="walkabout.branch"
    )
    try:
        return branch_stop(branches.set_index("branch_id", drop=False).loc[chosen])
    except GeoError as err:
        errors.show_error(err)
        return None


def choose_area() -> AreaDefinition | None:
    """Catchment ring, chosen tracts or a typed polygon."""
    kind = st.radio(
        "Area",
        list(AREA_KINDS),
        format_func=AREA_KINDS.get,
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
            "Tracts", list(names), format_func=names.get, key="walkabout.tracts"
        )
        return AreaDefinition(kind=kind, geoids=tuple(geoids))
    drawn = maps.draw_area(resources.current_area().tracts, key="walkabout.draw", height=360)
    if drawn is not None:
        if drawn.geom_type == "MultiPolygon":
            drawn = max(drawn.geoms, key=lambda part: part.area)
        ring = tuple((lat, lon) for lon, lat in drawn.exterior.coords)
        return AreaDefinition(kind=kind, polygon=ring)
    text = st.text_area("…or type the corners, one 'lat, lon' per line", key="walkabout.polygon")
    try:
        from geo.fieldwork.areas import parse_polygon_text

        return AreaDefinition(kind=kind, polygon=parse_polygon_text(text))
    except GeoError as err:
        st.info(str(err))
        return None


def choose_stops(filters) -> list[Stop]:
    """Organizations matching the sidebar filters, plus typed and clicked free points."""
    organizations = filter_organizations(resources.organizations(), filters)
    candidates = {s.organization_id: s for s in stops_from_organizations(organizations)}
    chosen = st.multiselect(
        f"Organizations to visit ({len(candidates)} match the sidebar filters)",
        list(candidates),
        format_func=lambda i: candidates[i].label,
        key="walkabout.stops",
    )
    typed = st.text_area(
        "Free points, one 'lat, lon, label' per line",
        key="walkabout.points",
        help="Or click the map to add a point.",
    )
    try:
        points = parse_free_points(typed)
    except GeoError as err:
        errors.show_error(err)
        points = []
    clicked = st.session_state.get(CLICKED, [])
    if clicked and st.button(f"Clear {len(clicked)} clicked point(s)", key="walkabout.clear"):
        st.session_state[CLICKED] = []
        st.rerun()
    return [candidates[i] for i in chosen if i in candidates] + points + clicked


def plan(start: Stop, stops: list[Stop], area: AreaDefinition, speed: float) -> Route | None:
    """Plan the route, or say plainly why not (no stops, stops outside the area)."""
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
        st.info(str(err))
        return None
    except GeoError as err:
        errors.show_error(err)
        return None


def show_route_map(
    route: Route | None, start: Stop, area: AreaDefinition | None, stops: list[Stop]
) -> None:
    """The map with the area and the numbered route; a click adds a free point."""
    tracts = resources.tract_outlines()
    shape = None
    if area is not None and area.kind != "catchment":
        try:
            shape = build_area_shape(area, tracts)
        except GeoError:
            shape = None
    m = build_route_map(
        route,
        start,
        tracts=tracts,
        area_shape=shape,
        radius_m=area.radius_m if area and area.kind == "catchment" else None,
        candidates=None if route else stops,
    )
    clicked = maps.show_map(
        m, key="walkabout.map", height=520, returned_objects=["last_clicked"]
    ).get("last_clicked")
    add_clicked_point(clicked)


def add_clicked_point(clicked: dict | None) -> None:
    """Add a map click as a free point (once per distinct click)."""
    if not clicked or clicked == st.session_state.get("walkabout.last_click"):
        return
    st.session_state["walkabout.last_click"] = clicked
    points = st.session_state.setdefault(CLICKED, [])
    points.append(
        Stop(
            label=f"Clicked point {len(points) + 1}",
            lat=float(clicked["lat"]),
            lon=float(clicked["lng"]),
        )
    )
    st.rerun()


def route_summary(route: Route) -> None:
    """Totals, legs and notes."""
    c1, c2, c3 = st.columns(3)
    c1.metric("Stops", len(route.stops))
    c2.metric("Distance", f"{route.total_distance_m / 1000:.2f} km")
    c3.metric("Walking time", f"{route.total_walk_minutes:.0f} min")
    for note in route.notes:
        st.caption(note)
    st.dataframe(build_leg_table(route), hide_index=True, width="stretch")


def _sheet_tracts(route: Route) -> list:
    outlines = resources.tract_outlines()
    lats = [s.lat for s in (route.start, *route.stops)]
    lons = [s.lon for s in (route.start, *route.stops)]
    near = outlines.cx[min(lons) - 0.01 : max(lons) + 0.01, min(lats) - 0.01 : max(lats) + 0.01]
    return list(near.geometry)


def exports_and_save(route: Route, area: AreaDefinition, branch_id: str) -> None:
    """Walk details, the three downloads and the save button."""
    fieldwork_common.flash(FLASH)
    c1, c2, c3 = st.columns(3)
    title = c1.text_input("Title of the walk", "Neighbourhood walkabout", key="walkabout.title")
    planned_on = c2.date_input("Date", date.today(), key="walkabout.date")
    team = c3.selectbox("Team", ["", *TEAMS], key="walkabout.team")
    questions = st.text_area(
        "Questions to ask at every stop (one per line)",
        "What do newcomers ask you for?\nWho else should we meet?",
        key="walkabout.questions",
    ).splitlines()
    info = SheetInfo(
        title=title,
        branch=route.start.label,
        planned_on=planned_on,
        team=team,
        questions=[q for q in questions if q.strip()],
        area=area.describe(),
        illustrative=resources.current_area().illustrative,
    )
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button(
        "Walk sheet (PDF)",
        build_walk_sheet(route, info, _sheet_tracts(route)),
        "walk-sheet.pdf",
        "application/pdf",
        key="walkabout.pdf",
    )
    d2.download_button(
        "Route for phones (GPX)",
        export_gpx(route, name=title),
        "walk.gpx",
        "application/gpx+xml",
        key="walkabout.gpx",
    )
    d3.download_button(
        "Stop list (CSV)",
        to_csv_bytes(build_stop_table(route)),
        "stops.csv",
        "text/csv",
        key="walkabout.csv",
    )
    if d4.button("Save this walk", type="primary", key="walkabout.save"):
        fieldwork_common.write(
            lambda s, user: save_walkabout(
                s,
                title=title,
                branch_id=branch_id,
                area=area.to_json(),
                stops=list(route.stops),
                user=user,
                planned_on=planned_on,
                team=team,
                questions=questions,
                speed_kmh=route.speed_kmh,
                distance_m=route.total_distance_m,
            ),
            flash_key=FLASH,
            success=f"Saved '{title}'. Record what you found under 'After the walk'.",
        )


def stop_table(route: Route) -> pd.DataFrame:
    """The stops in walking order (for the page)."""
    return build_stop_table(route)[["number", "name", "address", "languages", "services"]]

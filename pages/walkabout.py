"""Walkabout planner: plan a walk from a branch, print it, load it on a phone, report back."""

import streamlit as st

from ui import fieldwork_common, frame, walk_report_views, walkabout_views

frame.ensure_app_frame(required="view_internal")

st.title("Walkabout planner")
st.caption(
    "Plan a neighbourhood walk from a branch: stops from the organizations matching the "
    "sidebar filters plus points you type or click on the map. The route starts and "
    "ends at the branch and is ordered to keep it short."
)
fieldwork_common.can_write()
plan_tab, report_tab = st.tabs(["Plan a walk", "After the walk"])
with plan_tab:
    left, right = st.columns([2, 3])
    with left:
        start = walkabout_views.choose_branch()
        area = walkabout_views.choose_area()
        stops = walkabout_views.choose_stops(st.session_state["filters"])
        speed = st.slider("Walking speed (km/h)", 2.0, 6.0, 4.8, 0.1, key="walkabout.speed")
    route = None
    if start is not None and area is not None:
        with left:
            route = walkabout_views.plan(start, stops, area, speed)
    with right:
        if start is not None:
            walkabout_views.show_route_map(route, start, area, stops)
    if route is not None and area is not None:
        walkabout_views.route_summary(route)
        st.dataframe(walkabout_views.stop_table(route), hide_index=True, width="stretch")
        walkabout_views.exports_and_save(route, area, st.session_state["walkabout.branch"])
with report_tab:
    walk_report_views.report_panel()

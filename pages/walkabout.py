"""Walkabout planner: plan a walk from a branch, print it, load it on a phone, report back."""

import streamlit as st

from ui import fieldwork_common, frame, shared_view, walk_report_views, walkabout_views
from ui.i18n import _

frame.ensure_app_frame(required="view_internal")

st.title(_("Walkabout planner"))
st.caption(
    _(
        "Plan a neighbourhood walk from a branch: pick organizations inside the area (those "
        "matching the sidebar filters, nearest first) from the list or on the map, and add "
        "points of your own. The route starts and ends at the branch and is ordered to keep "
        "it short."
    )
)
fieldwork_common.can_write()
plan_tab, report_tab = st.tabs([_("Plan a walk"), _("After the walk")])
with plan_tab:
    walkabout_views.planner(shared_view.filters())
with report_tab:
    walk_report_views.report_panel()

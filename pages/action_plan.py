"""Action plan: next steps (who, when, status) beside the staff who carry them out."""

from datetime import date

import streamlit as st

from ui import action_views, fieldwork_common, frame, staff_views
from ui.i18n import _

frame.ensure_app_frame(required="view_internal")

st.title(_("Action plan"))
st.caption(
    _(
        "Next steps with who and when, linked to the organizations, communities, tracts and "
        "log entries behind them. Overdue steps stand out."
    )
)
fieldwork_common.can_write()
today = date.today()
archived = st.checkbox(_("Show archived steps"), key="action.show_archived")
steps = action_views.steps_frame(today, archived=archived)
shown, chosen = action_views.filter_panel(steps)
plan, staff = st.columns([3, 2])
with plan:
    action_views.plan_panel(shown, chosen, today)
    add, edit = st.tabs([_("Add a step"), _("Update a step")])
    with add:
        action_views.add_panel(today)
    with edit:
        action_views.edit_panel(steps, today)
with staff:
    staff_views.capacity_panel()

"""The shared asset directory: every branch sees and edits the same organizations."""

import streamlit as st

from ui import asset_views, frame, resources, shared_view
from ui.i18n import _

frame.ensure_app_frame(required="view_internal")

st.title(_("Asset directory"))
st.caption(
    _(
        "One shared directory for every branch and team. Every change is recorded with "
        "the signed-in account; a save never overwrites someone else's change; archived "
        "records can be restored."
    )
)
directory, add, stale = st.tabs([_("Directory"), _("Add an organization"), _("Stale records")])
with directory:
    listed = asset_views.directory(shared_view.filters())
    asset_views.open_picker(listed)
    asset_views.asset_panel()
with add:
    asset_views.add_panel()
with stale:
    asset_views.stale_panel(resources.settings().stale_months)

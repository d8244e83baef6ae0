"""Engagement log: every contact with providers and community groups, shared by all branches."""

import streamlit as st

from ui import engagement_views, fieldwork_common, frame
from ui.i18n import _

frame.ensure_app_frame(required="view_internal")

st.title(_("Engagement log"))
st.caption(
    _(
        "Log every contact with a provider or community group: who, when, how, what was "
        "heard, and where it sits on the involvement continuum. Every branch sees the log."
    )
)
fieldwork_common.can_write()
add, edit, log, continuum, partners = st.tabs(
    [
        _("Add an entry"),
        _("Edit an entry"),
        _("Log"),
        _("Continuum over time"),
        _("Partnership opportunities"),
    ]
)
with add:
    engagement_views.add_panel()
entries = engagement_views.log_frame()
with edit:
    engagement_views.edit_panel(entries)
with log:
    engagement_views.log_panel(entries)
with continuum:
    engagement_views.continuum_panel(entries)
with partners:
    engagement_views.partnership_panel(entries)

"""Help handouts: a one-page "where to get help near this branch" PDF for each language."""

import streamlit as st

from ui import frame, handout_views, resources
from ui.i18n import _

frame.ensure_app_frame()

area = resources.current_area()
st.title(_("Help handouts"))
st.caption(
    _(
        "A one-page sheet for the desk: organizations near a branch that work in a "
        "newcomer's language, with services, address, phone, opening hours and a small map. "
        "The sheet's own words are in that language when the app has it; names and "
        "addresses are printed as recorded."
    )
)
organizations = resources.sites()  # one row per office: each listed at its nearest
info = handout_views.choose(area.branches, organizations, area.illustrative)
if info is None:
    st.info(_("No branch with a location, or no organization with a language, yet."))
    st.stop()
handout_views.show(info, organizations, area.basemap)

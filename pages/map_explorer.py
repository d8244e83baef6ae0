"""Home page: the asset map of tracts, branches and organizations."""

import streamlit as st

from ui import frame, home_views
from ui.i18n import _

frame.ensure_app_frame()
st.title(_("Asset map"))
home_views.map_part()

"""Census data and study areas: list, import (three ways) and delete study areas."""

import streamlit as st

from ui import frame, study_area_views
from ui.i18n import _

frame.ensure_app_frame(required="import")

st.title(_("Census data and study areas"))
st.caption(
    _(
        "A study area is a set of tract polygons with census tables keyed by their ids. "
        "Load your own county from data.census.gov downloads, from the Census Data API, "
        "or any polygon layer with a table of counts. A failed or cancelled import "
        "leaves the previous study area intact. The same imports run from the command "
        "line: `python -m geo study-area --help`."
    )
)
study_area_views.study_area_list()

download, api, generic = st.tabs(
    [
        _("data.census.gov downloads"),
        _("Census Data API"),
        _("Other countries (any polygons + counts)"),
    ]
)
with download:
    study_area_views.download_form()
with api:
    study_area_views.api_form()
with generic:
    study_area_views.generic_form()

"""Gaps: where many people need help in a language and few organizations offer it nearby."""

import streamlit as st

from geo.census.area_words import say_study_area, say_vintage
from geo.errors import GeoError
from ui import errors, frame, gap_views, resources, shared_view
from ui.i18n import _

frame.ensure_app_frame()

area = resources.current_area()
filters = shared_view.filters()
st.title(_("Gaps"))
st.caption(
    _(
        "Where to act: tracts with many people in need of help in a language and few "
        "organizations offering it nearby. Services follow the sidebar's service categories "
        "(none chosen = any service). {area} · {vintage}."
    ).format(area=say_study_area(area.label, _), vintage=say_vintage(area.vintage, _))
)

question = gap_views.ask(area, filters)
if question is None:
    st.stop()
try:
    result = gap_views.compute(area, question)
except GeoError as err:
    errors.show_error(err)
    st.stop()

gap_views.show_rules(result)
gap_views.show_map(area, result)
st.subheader(_("Tracts ranked by gap"))
gap_views.show_table(result)
st.subheader(_("Per branch"))
gap_views.show_branch(area, result)

"""Welcome Atlas: page config, navigation and the sidebar shared by every page."""

import streamlit as st

from ui import resources, widgets

st.set_page_config(page_title="Welcome Atlas", page_icon="🗺️", layout="wide")

pages = [
    st.Page("pages/map_explorer.py", title="Asset map", icon=":material/map:", default=True),
    st.Page("pages/assets.py", title="Asset directory", icon=":material/list_alt:"),
]
navigation = st.navigation(pages)
st.session_state["filters"] = widgets.sidebar(resources.study_area())
navigation.run()

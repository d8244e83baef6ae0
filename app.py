"""Welcome Atlas: page config, navigation and the sidebar shared by every page."""

import streamlit as st

from ui import navigation, resources, widgets

st.set_page_config(page_title="Welcome Atlas", page_icon="🗺️", layout="wide")
page = navigation.build_navigation()
st.session_state["filters"] = widgets.sidebar(resources.current_area())
page.run()

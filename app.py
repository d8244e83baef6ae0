"""Welcome Atlas: page config, sign-in, navigation and the sidebar shared by every page."""

import streamlit as st

from ui import auth, i18n, navigation, resources, styles, widgets

st.set_page_config(page_title="Welcome Atlas", page_icon="🗺️", layout="wide")
styles.apply()
auth.refresh()
i18n.language_picker()
page = navigation.build_navigation(auth.role())
auth.account_panel()
st.session_state["filters"] = widgets.sidebar(resources.current_area())
page.run()

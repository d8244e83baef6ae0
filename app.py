"""Welcome Atlas: page config, sign-in, navigation and the sidebar shared by every page.

The shared view (study area, filters, map choices) comes from the link on the first run of a
session and goes back into the address bar after every run (ui/shared_view.py), so a
bookmark reopens what was on screen.
"""

import streamlit as st

from geo.census import DEMO_NAME
from ui import auth, errors, i18n, navigation, resources, shared_view, styles, widgets

st.set_page_config(page_title="Welcome Atlas", page_icon="🗺️", layout="wide")
styles.apply()
auth.refresh()
page = navigation.build_navigation(auth.role())
i18n.language_picker()  # after st.navigation: see ui.i18n.language_picker
auth.account_panel()
offered = [navigation.url_path(spec) for spec in navigation.offered(auth.role())]
wanted = shared_view.open_link(offered, resources.store().names(), DEMO_NAME)
if wanted and wanted != page.url_path and (path := navigation.path_of(wanted)):
    st.switch_page(path)  # a link naming its page in the query string (?page=assets)
area = resources.current_area()
shared_view.keep_countries_of(area.tables)
shared_view.publish(page.url_path, widgets.sidebar(area))
shared_view.show_link_notes()
try:
    page.run()
except Exception as err:  # a bug: logged, one short sentence (st.rerun/st.stop pass through)
    errors.show_error(err)
finally:
    shared_view.publish(page.url_path, shared_view.filters())
    shared_view.write_link(DEMO_NAME)

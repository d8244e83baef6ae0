"""Home page: the asset map of tracts, branches and organizations."""

import streamlit as st

from geo.maps.asset_map import build_asset_map, identify_click
from geo.maps.layers import SCHEMES
from ui import frame, home_views, maps, resources, shared_view
from ui.i18n import _, current, n_

frame.ensure_app_frame()

area = resources.current_area()
filters = shared_view.filters()
st.title(_("Asset map"))

showing_countries = home_views.follow_countries(filters)
options = home_views.map_controls(area, resources.settings().tiles)
left, right = st.columns([5, 2])
with right:
    notes = st.container()  # beside the map, so the map keeps its place on the first screen

sites, site_file = resources.map_sites()
view = build_asset_map(
    area,
    resources.tract_file(),
    sites,
    filters,
    options,
    sites=site_file,
    acculturation=resources.acculturation(),
    basemap=resources.basemap(),
    places_url=resources.places_url(),
    translate=_,
    n_=n_,
    locale=current(),
)
with notes:
    home_views.explain(
        view,
        filters,
        showing_countries=showing_countries,
        sites_in_area=view.headline["organizations_in_area"],
    )
with left:
    clicked = maps.show_home_map(view, key="map.folium", height=440)
hit = identify_click(clicked.get("last_object_clicked_tooltip"), area, sites)
if hit:
    st.session_state["map.selected"] = hit
with right:
    if area.illustrative:
        st.caption(
            _("{area}. Census figures: {vintage}.").format(area=area.label, vintage=area.vintage)
        )
    home_views.headline(area, view, filters)
    home_views.selection_panel(area, view, sites)
maps.show_layer_tables(view, area, _(SCHEMES[options.scheme]))

"""Scratch app for tests/browser/test_offline_map.py: every vendored asset, no tiles.

Two markers close together form a cluster of 2 (MarkerCluster JS and CSS); the third
stands alone with an awesome-markers icon (its sprite images and Font Awesome's
webfonts); the polygon is an SVG path (Leaflet JS and CSS).
"""

import folium
import folium.plugins
import streamlit as st
from streamlit_folium import st_folium

from geo.maps.offline import localize_map

m = folium.Map(location=[45.52, -122.68], zoom_start=13, tiles=None, maxZoom=18)
cluster = folium.plugins.MarkerCluster().add_to(m)
for lat, lon in [(45.5200, -122.6800), (45.5202, -122.6803), (45.5300, -122.6500)]:
    icon = folium.Icon(icon="book", prefix="fa", color="blue")
    folium.Marker([lat, lon], icon=icon, tooltip="branch").add_to(cluster)
square = [[[-122.70, 45.51], [-122.66, 45.51], [-122.66, 45.53], [-122.70, 45.53]]]
folium.GeoJson({"type": "Polygon", "coordinates": square}).add_to(m)

st.title("Offline map")
st_folium(localize_map(m), returned_objects=[], height=400)

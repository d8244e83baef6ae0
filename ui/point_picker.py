"""Place something by clicking a map: the click fills a pair of latitude/longitude inputs."""

from __future__ import annotations

import folium
import shapely
import streamlit as st

from ui import maps, resources


def pick_point(*, key: str, lat_key: str, lon_key: str, height: int = 360) -> None:
    """A map of the study area; a click writes its coordinates into two number inputs.

    Draw this before the inputs keyed ``lat_key`` and ``lon_key``: the click is copied in
    the map's ``on_change`` callback, which runs before the rerun creates them.
    """
    tracts = resources.tract_outlines()
    west, south, east, north = tracts.total_bounds
    m = folium.Map(location=[(south + north) / 2, (west + east) / 2], tiles=None, maxZoom=18)
    m.fit_bounds([[south, west], [north, east]])
    if len(tracts) < 400:  # big study areas: the outline of the whole only
        outline = tracts[["geometry"]].__geo_interface__
    else:
        outline = shapely.geometry.mapping(shapely.box(west, south, east, north))
    folium.GeoJson(
        outline,
        interactive=False,
        style_function=lambda f: {"color": "#777", "weight": 0.5, "fillOpacity": 0.03},
    ).add_to(m)
    chosen = folium.FeatureGroup(name="Chosen location")
    lat, lon = st.session_state.get(lat_key), st.session_state.get(lon_key)
    if lat is not None and lon is not None:
        folium.Marker([lat, lon], tooltip="The location to save").add_to(chosen)

    def copy_click() -> None:
        clicked = (st.session_state.get(key) or {}).get("last_clicked")
        if clicked:
            st.session_state[lat_key] = round(float(clicked["lat"]), 6)
            st.session_state[lon_key] = round(float(clicked["lng"]), 6)

    st.caption("Click the map where it is, or type the coordinates below.")
    maps.show_map(
        m,
        key=key,
        height=height,
        returned_objects=["last_clicked"],
        layers=[chosen],  # swapped in place: the map keeps its zoom after a click
        on_change=copy_click,
    )

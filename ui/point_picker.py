"""Place something by clicking a map: the click fills a pair of latitude/longitude inputs."""

from __future__ import annotations

import streamlit as st

from geo.maps.draw_map import build_outline_map, build_point_layer
from ui import maps, resources
from ui.i18n import _


def pick_point(*, key: str, lat_key: str, lon_key: str, height: int = 360) -> None:
    """A map of the study area; a click writes its coordinates into two number inputs.

    Draw this before the inputs keyed ``lat_key`` and ``lon_key``: the click is copied in
    the map's ``on_change`` callback, which runs before the rerun creates them.
    """
    # Drawn only on request: a map drawn inside a tab that is not showing gets no size,
    # opens zoomed out to the whole world, and a click there lands in another ocean.
    if not st.toggle(_("Place it by clicking a map"), key=f"{key}.open"):
        return
    m = build_outline_map(resources.tract_outlines(), fill_opacity=0.03)
    chosen = build_point_layer(st.session_state.get(lat_key), st.session_state.get(lon_key))

    def copy_click() -> None:
        clicked = (st.session_state.get(key) or {}).get("last_clicked")
        if clicked:
            st.session_state[lat_key] = round(float(clicked["lat"]), 6)
            # Leaflet counts on past ±180 when the world repeats; the input takes -180..180.
            st.session_state[lon_key] = round((float(clicked["lng"]) + 180) % 360 - 180, 6)

    st.caption(_("Click the map where it is, or type the coordinates below."))
    maps.show_map(
        m,
        key=key,
        height=height,
        returned_objects=["last_clicked"],
        layers=[chosen],  # swapped in place: the map keeps its zoom after a click
        on_change=copy_click,
    )

"""The home map's centre and zoom, carried into the shared view without rerunning on pans.

The home map asks streamlit-folium for clicks only, so panning and zooming never rerun the
page (and never reach Python). Instead :class:`PositionRecorder`, added to the home map,
writes the map's centre and zoom to the browser tab's ``sessionStorage`` on every move;
:func:`sync` (a zero-height component, ``map_position_frontend/index.html``) reads it back
on a page that needs it and puts it into the shared view (:func:`ui.shared_view.set_position`):
one rerun when the position changed, none otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

import folium
import streamlit as st
import streamlit.components.v1 as components
from branca.element import MacroElement
from jinja2 import Template

from ui import shared_view

STORAGE_KEY = "welcome-atlas.map-position"
_KEY = "map_position.read"
_reader = components.declare_component(
    "map_position", path=str(Path(__file__).with_name("map_position_frontend"))
)


class PositionRecorder(MacroElement):
    """On every move of the map: its centre, zoom and study area into ``sessionStorage``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.on('moveend', function (e) {"
        " var c = e.target.getCenter();"
        " try { window.sessionStorage.setItem({{ this.storage_key }}, JSON.stringify("
        "{area: {{ this.area }}, lat: c.lat, lon: c.lng, zoom: e.target.getZoom()})); }"
        " catch (err) {}"
        "});"
        "{% endmacro %}"
    )

    def __init__(self, area: str) -> None:
        super().__init__()
        self._name = "PositionRecorder"
        self.area = json.dumps(area)
        self.storage_key = json.dumps(STORAGE_KEY)


def record_position(m: folium.Map, area: str) -> None:
    """Add one :class:`PositionRecorder` for ``area`` to ``m`` (again: no second one)."""
    if not any(isinstance(child, PositionRecorder) for child in m._children.values()):
        PositionRecorder(area).add_to(m)


def _apply() -> None:
    value = st.session_state.get(_KEY)
    if isinstance(value, list) and len(value) == 3:
        shared_view.set_position((float(value[0]), float(value[1])), float(value[2]))


def sync() -> None:
    """Put the home map's last centre and zoom (this browser tab) into the shared view."""
    view = shared_view.current()
    known = [*view.centre, view.zoom] if view.centre and view.zoom is not None else None
    _reader(area=view.study_area, known=known, key=_KEY, default=None, on_change=_apply)

"""Display-only maps made once per input and sent again as made (the Gaps map).

On every call ``st_folium`` renders the folium map three times and compiles its script: for
the Gaps map (about 330 shapes) that was most of the page's rerun. A display-only map that
changes only with its inputs is made once through :func:`ui.maps.show_map` (so it is the
same map: Leaflet served locally, the same arguments), and the arguments streamlit-folium
then hands its component (script, header, links, component key) are kept per input, shared
by every session (read-only), and handed to the component again on the next rerun. The
browser gets exactly what it got before; the server skips folium.

The inputs must name everything the map is built from, the database version among them
(``resources.data_stamp()``), so that a change saved by another session is on the map at
the next rerun.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

import folium
import streamlit as st
import streamlit_folium

from ui import maps

_recording = threading.local()  # .calls: a list while a map is being made in this thread


def _record(component: Callable[..., Any]) -> Callable[..., Any]:
    """streamlit-folium's component function, which hands its arguments to the thread that
    is making a map instead of sending them (every other call goes through unchanged)."""

    def component_or_record(**kwargs: Any) -> Any:
        calls = getattr(_recording, "calls", None)
        if calls is None:
            return component(**kwargs)
        calls.append(kwargs)
        return None

    component_or_record.sent_by = component  # type: ignore[attr-defined]
    return component_or_record


if not hasattr(streamlit_folium._component_func, "sent_by"):
    streamlit_folium._component_func = _record(streamlit_folium._component_func)
_COMPONENT = streamlit_folium._component_func.sent_by


def show_made_map(
    build: Callable[[], folium.Map],
    *,
    inputs: tuple[Hashable, ...],
    parts: tuple[object, ...] = (),
    key: str,
    height: int,
) -> None:
    """Show the display-only map ``build()`` makes, made once per ``inputs``.

    ``inputs`` are hashable values that decide the map (study area, database version,
    question, language...). ``parts`` are the shared objects it is drawn from (cached
    outlines, ranking): each one's identity is part of the key too, and the kept map holds
    them, so a re-imported study area or a recomputed ranking makes the map again.
    """
    identity = tuple(id(part) for part in parts)
    _, arguments = _made(inputs, identity, key, height, build, parts)
    _COMPONENT(**arguments)


@st.cache_resource(max_entries=16, show_spinner=False)
def _made(
    inputs: tuple[Hashable, ...],
    identity: tuple[int, ...],
    key: str,
    height: int,
    _build: Callable[[], folium.Map],
    _parts: tuple[object, ...],
) -> tuple[tuple[object, ...], dict[str, Any]]:
    """The component's arguments for one map (and its parts, kept alive with them)."""
    m = _build()
    calls: list[dict[str, Any]] = []
    _recording.calls = calls
    try:
        maps.show_map(m, key=key, height=height)
    finally:
        _recording.calls = None
    (arguments,) = calls
    return _parts, arguments

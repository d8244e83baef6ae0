"""A map's name for screen readers: the title of the frame the app shows it in.

Streamlit shows each map in a component iframe whose title is the component's name,
``streamlit_folium.st_folium``, and a screen reader announces that name when it reaches the
map (issue 15). Streamlit gives no way to set it; the iframe is served by the app itself
(same origin), so the map's own script sets ``window.frameElement.title``. Streamlit sets
the title once when it makes the iframe and never again, and a new map script (another
question, another language) makes a new iframe, whose script names it again. On a page of
its own (a story exported as HTML) the map has no frame and the script does nothing.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

__all__ = ["FrameTitle", "frame_title", "name_map"]


class FrameTitle(MacroElement):
    """Script that names the iframe the map is shown in (text only, never markup)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "try { if (window.frameElement) { window.frameElement.title = {{ this.quoted }}; } }"
        " catch (e) {}\n"  # a frame of another origin refuses: keep its title
        "{% endmacro %}"
    )

    def __init__(self, title: str) -> None:
        super().__init__()
        self._name = "FrameTitle"
        self.title = title
        # A JSON string is a JavaScript string; no "<" may open or close a tag in <script>.
        self.quoted = json.dumps(title).replace("<", "\\u003c")


def name_map(m: folium.Map, title: str) -> folium.Map:
    """Give ``m`` the title ``title`` (already in the interface language); returns ``m``.

    Naming a map again replaces its title.

    Example
    -------
    >>> m = name_map(folium.Map(), "Gaps map: need per tract, organizations and branches")
    >>> frame_title(m)
    'Gaps map: need per tract, organizations and branches'
    """
    for key, child in list(m._children.items()):
        if isinstance(child, FrameTitle):
            del m._children[key]
    m.add_child(FrameTitle(title))
    return m


def frame_title(m: folium.Map) -> str | None:
    """The title :func:`name_map` gave ``m`` (None: not named)."""
    titles = [c.title for c in m._children.values() if isinstance(c, FrameTitle)]
    return titles[-1] if titles else None

"""The gap map's parts shared with the presenter's slide map: GeoJSON from shapes, tooltips,
screen-reader names and tab order of shapes, and a fixed HTML box."""

from __future__ import annotations

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from jinja2 import Template

# Chromium stops the Tab key at every shape that has a tooltip: 186 tracts and their
# outlines before the tables below the map. Tracts, outlines and sites leave the tab order
# (their content is in the tables); each branch stays in it. Branch and site circles get
# a name for screen readers, set as text so a typed name never becomes markup
# (docs/accessibility.md).
_ON_ADD = (
    "function (feature, layer) {{ layer.on('add', function () {{"
    " var el = layer.getElement && layer.getElement(); if (!el) return; {} }}); }}"
)
OUT_OF_TAB_ORDER = folium.JsCode(_ON_ADD.format("el.setAttribute('tabindex', '-1');"))
NAMED_POINT = folium.JsCode(
    _ON_ADD.format(
        "el.setAttribute('role', 'img'); el.setAttribute('aria-label', feature.properties.label);"
    )
)
NAMED_POINT_OUT_OF_TAB_ORDER = folium.JsCode(
    _ON_ADD.format(
        "el.setAttribute('role', 'img'); el.setAttribute('tabindex', '-1'); "
        "el.setAttribute('aria-label', feature.properties.label);"
    )
)


class HtmlBox(MacroElement):
    """Fixed HTML in the map's page, inserted as text (never compiled as a template)."""

    _template = Template("{% macro html(this, kwargs) %}{{ this.text }}{% endmacro %}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "HtmlBox"
        self.text = text


def collection(geometries: gpd.GeoSeries, properties: list[dict]) -> dict:
    shapes = shapely.set_precision(geometries.values, 1e-5)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": p}
            for g, p in zip(shapes, properties, strict=True)
        ],
    }


def with_tooltip(layer: folium.GeoJson, properties: list[dict]) -> folium.GeoJson:
    """The escaped ``tip`` as tooltip (folium refuses a tooltip on an empty layer)."""
    if properties:
        folium.GeoJsonTooltip(fields=["tip"], labels=False).add_to(layer)
    return layer

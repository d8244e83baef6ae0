"""The home map's fixed part: base map, tract outlines by URL, branches, the map controller.

Everything here depends only on the study area and its branches, never on the filters, so
the script streamlit-folium sends is the same on every rerun: the browser keeps its map (and
its centre and zoom) and only the small per-filter state of :mod:`geo.maps.map_state` is
applied to it. The browser-side code is ``static/atlas/home_map.js`` (``AtlasMap``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import folium
import folium.elements
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.i18n import N_
from geo.maps.layers import build_base_map, escape
from geo.maps.vendor import DEFAULT_BASE_URL, TOPOJSON_CLIENT_JS

# Words the browser writes itself (static/atlas/home_map.js): notes when a file cannot be
# loaded, and the keyboard's button, hint and announcements (a site walked to with N).
NOTES = (
    N_("The branches could not be loaded ({error})."),
    N_("The tract outlines could not be loaded ({status}). Reload the page."),
    N_("The organizations could not be loaded ({error})."),
    N_("Asset map"),
    N_("Next site in view"),
    N_("N: next site in view, Shift+N: previous, Escape: close"),
    N_("Site {number} of {count} in view: {name}"),
    N_("Services: {services}"),
    N_("The organizations are still loading."),
    N_("No organization site in this view. Zoom out or move the map."),
)
CONTROLLER_URL = "/app/static/atlas/home_map.js"
# The TopoJSON reader home_map.js needs (global `topojson`), copied from npm by `geo vendor`.
TOPOJSON_URL = f"{DEFAULT_BASE_URL}/{TOPOJSON_CLIENT_JS}"
BRANCH_CLUSTER_FROM = 30  # a city system (NYC: 220 outlets) would bury the map in pins
# From this many tracts the outlines are drawn on one <canvas> instead of one SVG path each:
# the browser lays out and paints thousands of SVG paths slowly (NYC, 2,324 tracts).
CANVAS_FROM = 1_000
_CLUSTER_JS = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0"


class TractLayer(folium.GeoJson):
    """folium ``GeoJson(embed=False)``: the browser fetches the outlines from ``url`` itself.

    Python never reads the file (styles and tooltips come from ``AtlasMap``). folium asks
    jQuery for an unembedded file synchronously, which would freeze the page and its
    progress note; ``home_map.js`` turns that request asynchronous (a jQuery prefilter)
    and tells the map when the tracts are in, or could not be loaded.
    """

    def __init__(self, url: str, *, name: str) -> None:
        super().__init__(
            url, name=name, embed=False, on_each_feature=folium.JsCode("AtlasMap.tractFeature")
        )

    def process_data(self, data: Any) -> dict:
        """Link to ``data`` (a URL the browser can reach) instead of reading it."""
        self.embed = False
        self.embed_link = str(data)
        return {"type": "FeatureCollection", "features": []}


class AtlasController(folium.elements.JSCSSMixin, MacroElement):
    """Starts ``AtlasMap`` on the map: progress note, branches, sites cluster, legend, layers."""

    default_js = [
        ("leaflet.markercluster", f"{_CLUSTER_JS}/leaflet.markercluster.js"),
        ("topojson_client", TOPOJSON_URL),
        ("atlas_home_map", CONTROLLER_URL),
    ]
    default_css = [
        ("markerclustercss", f"{_CLUSTER_JS}/MarkerCluster.css"),
        ("markerclusterdefaultcss", f"{_CLUSTER_JS}/MarkerCluster.Default.css"),
    ]
    _template = Template("""
        {% macro script(this, kwargs) %}
        AtlasMap.init({{ this._parent.get_name() }}, {{ this.tracts.get_name() }},
            {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, tracts: TractLayer, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "AtlasController"
        self.tracts = tracts
        self.config_json = json.dumps(config, separators=(",", ":")).replace("</", "<\\/")


def branch_pins(branches: pd.DataFrame) -> list[list[Any]]:
    """``[lat, lon, tooltip HTML]`` per placed branch; names and addresses escaped."""
    pins = []
    for b in branches.dropna(subset=["lat", "lon"]).itertuples(index=False):
        tip = (
            f"<b>{escape(b.name)}</b> [{escape(b.branch_id)}]<br>{escape(b.address or '')}"
            f"<br>{escape(b.hours or '')}"
        )
        pins.append([round(float(b.lat), 5), round(float(b.lon), 5), tip])
    return pins


def build_places_json(branches: pd.DataFrame, basemap: dict[str, list] | None) -> bytes:
    """Branch pins and offline base layers as one small file the browser fetches once."""
    payload = {"branches": branch_pins(branches), "basemap": basemap}
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build_home_map(
    *,
    bounds: tuple[float, float, float, float],
    tracts_url: str,
    tract_count: int,
    branches: pd.DataFrame,
    basemap: dict[str, list] | None = None,
    places_url: str | None = None,
    tiles: str = "",
    translate: Callable[[str], str] = str,
) -> folium.Map:
    """The home map without anything that depends on the filters.

    Parameters
    ----------
    bounds
        ``(minx, miny, maxx, maxy)`` of the study area in degrees; the map opens on it.
    tracts_url
        URL of the outlines file (:func:`geo.maps.tract_file.write_tract_file`).
    branches
        Library branches (``branch_id, name, address, hours, lat, lon``).
    basemap
        Offline base layers for an area without tiles (``geo.maps.layers.basemap_data``).
    places_url
        URL of :func:`build_places_json` of the same branches and base layers, written as a
        file: the browser then fetches them once instead of receiving them on every rerun.
    """
    m = build_base_map(bounds, tiles)
    if tract_count >= CANVAS_FROM:
        m.options["preferCanvas"] = True
    tracts = TractLayer(tracts_url, name="Tracts")
    tracts.add_to(m)
    config: dict[str, Any] = {
        "loading": translate(N_("Loading {count} tracts…")).format(count=f"{tract_count:,}"),
        "words": {t: shown for t in NOTES if (shown := translate(t)) != t},
        "clusterBranches": len(branches) >= BRANCH_CLUSTER_FROM,
    }
    if places_url:
        config["places"] = places_url
    else:
        config.update(json.loads(build_places_json(branches, basemap)))
    AtlasController(tracts, config).add_to(m)
    return m

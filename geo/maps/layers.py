"""Folium layers of the asset map. Builders return folium objects so tests inspect them.

Everything a user typed is escaped here with :func:`escape` before it reaches a tooltip
or label, because folium inserts tooltip fields as HTML, and ``folium.Tooltip`` puts its
text inside a JavaScript template literal where a backtick or ``${...}`` would run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _html_escape

import folium
import folium.plugins
import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.census.moe import RELIABILITY_LABELS
from geo.config import WGS84
from geo.vocab import CATEGORY_COLOURS, LANGUAGES, SERVICE_CATEGORIES, split_list

# Characters html.escape leaves alone but a JavaScript template literal would interpret.
_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape(text: object) -> str:
    """HTML-escape user text so it stays inert in HTML and in JS template literals.

    Example: ``escape("<b>`x` ${1+1}")`` gives ``"&lt;b&gt;&#96;x&#96; &#36;{1+1}"``.
    """
    return _html_escape(str(text)).translate(_TEMPLATE_LITERAL)


PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # ColorBrewer YlGnBu 5
NO_DATA_COLOUR = "#d9d9d9"
HIGHLIGHT_COLOUR = "#d6007e"
SCHEMES = {"quantiles": "Quantiles", "natural_breaks": "Natural breaks (Fisher-Jenks)"}


@dataclass(frozen=True)
class Classes:
    """Class breaks of a choropleth: upper bounds, one colour per class."""

    upper_bounds: tuple[float, ...]
    colours: tuple[str, ...]
    scheme: str

    def colour_of(self, value: float) -> str:
        """Colour of the class ``value`` falls in; grey when not available."""
        if value is None or np.isnan(value):
            return NO_DATA_COLOUR
        for bound, colour in zip(self.upper_bounds, self.colours, strict=True):
            if value <= bound:
                return colour
        return self.colours[-1]


def classify(values: pd.Series, scheme: str = "quantiles", k: int = 5) -> Classes:
    """Class breaks with mapclassify (``quantiles`` or ``natural_breaks``)."""
    data = values.dropna().astype(float)
    distinct = int(data.nunique())
    if distinct == 0:
        return Classes((), (), scheme)
    k = max(1, min(k, distinct))
    if distinct == 1:
        bins = np.array([float(data.iloc[0])])
    elif scheme == "natural_breaks":
        bins = _fisher_jenks(data.to_numpy(), k)
    else:
        bins = mapclassify.Quantiles(data.to_numpy(), k=k).bins
    bins = np.unique(bins)
    colours = PALETTE if len(bins) >= len(PALETTE) else PALETTE[-len(bins) :]
    return Classes(tuple(float(b) for b in bins), tuple(colours[-len(bins) :]), scheme)


FISHER_JENKS_MAX_N = 300  # pure-Python Fisher-Jenks (no numba): 2,324 values take ~5 s


def _fisher_jenks(values: np.ndarray, k: int) -> np.ndarray:
    """Fisher-Jenks breaks; above ``FISHER_JENKS_MAX_N`` values, on evenly spaced quantiles.

    The quantile sample is deterministic (unlike ``FisherJenksSampled``'s random one) and
    keeps the distribution's shape; the top break is the true maximum.
    """
    if len(values) <= FISHER_JENKS_MAX_N:
        return mapclassify.FisherJenks(values, k=k).bins
    sample = np.quantile(values, np.linspace(0.0, 1.0, FISHER_JENKS_MAX_N))
    bins = np.array(mapclassify.FisherJenks(sample, k=k).bins, dtype=float)
    bins[-1] = float(values.max())
    return bins


def simplify_tracts(tracts: gpd.GeoDataFrame, tolerance_m: float = 15.0) -> gpd.GeoDataFrame:
    """Lighter tract outlines for the browser; shared borders stay identical (no slivers)."""
    metric = tracts.to_crs(tracts.estimate_utm_crs())
    simplified = shapely.coverage_simplify(metric.geometry.values, tolerance_m)
    out = gpd.GeoDataFrame(
        tracts.drop(columns="geometry"),
        geometry=gpd.GeoSeries(simplified, index=tracts.index, crs=metric.crs).to_crs(WGS84),
    )
    out["geometry"] = shapely.set_precision(out.geometry.values, 1e-5)
    return out


def format_value(value: float, kind: str) -> str:
    """``12.3%`` for shares, ``1,234`` for counts, ``not available`` for missing."""
    if value is None or np.isnan(value):
        return "not available"
    return f"{value * 100:.1f}%" if kind == "share" else f"{value:,.0f}"


def _tract_tip(name: str, geoid: str, row: pd.Series, label: str, kind: str) -> str:
    value = format_value(row["estimate"], kind)
    lines = [f"<b>{escape(name)}</b> [{escape(geoid)}]", f"{escape(label)}: <b>{value}</b>"]
    if not np.isnan(row["estimate"]):
        lines.append(f"± {format_value(row['moe'], kind)} (90% margin of error)")
        lines.append(escape(RELIABILITY_LABELS[row["reliability"]]))
    return "<br>".join(lines)


def build_tract_layer(
    tracts: gpd.GeoDataFrame, values: pd.DataFrame, classes: Classes, *, label: str, kind: str
) -> folium.GeoJson:
    """Choropleth of one indicator; unreliable tracts are faded with a dashed outline."""
    features = []
    for geoid, tract in tracts.iterrows():
        row = (
            values.loc[geoid]
            if geoid in values.index
            else pd.Series({"estimate": np.nan, "moe": np.nan, "reliability": "unreliable"})
        )
        unreliable = row["reliability"] == "unreliable" and not np.isnan(row["estimate"])
        style = {
            "fillColor": classes.colour_of(row["estimate"]),
            "color": "#555555",
            "weight": 0.6,
            "fillOpacity": 0.3 if unreliable else 0.75,
            "dashArray": "3 3" if unreliable else None,
        }
        features.append(
            {
                "type": "Feature",
                "id": str(geoid),
                "geometry": shapely.geometry.mapping(tract.geometry),
                "properties": {
                    "tip": _tract_tip(tract["NAME"], geoid, row, label, kind),
                    "style": style,
                },
            }
        )
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=f"Tracts: {label}",
        style_function=_own_style,
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
    )
    folium.GeoJsonTooltip(fields=["tip"], labels=False).add_to(layer)
    return layer


def _own_style(feature: dict) -> dict:
    return feature["properties"]["style"]


def build_highlight_layer(tracts: gpd.GeoDataFrame, geoids: Sequence[str]) -> folium.GeoJson:
    """Outline of the tracts that meet every acculturation threshold."""
    chosen = tracts.loc[tracts.index.intersection(list(geoids))]
    features = [
        {"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": {}}
        for g in chosen.geometry
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=f"Tracts meeting the thresholds ({len(features)})",
        style_function=lambda f: {"fill": False, "color": HIGHLIGHT_COLOUR, "weight": 3},
        interactive=False,
    )


BRANCH_CLUSTER_FROM = 30  # a city system (NYC: 220 outlets) would bury the map in pins


def build_branch_layers(branches: pd.DataFrame, radius_m: float) -> list[folium.FeatureGroup]:
    """Branches with a book icon (clustered in big systems), and their catchment rings."""
    name = f"Library branches ({len(branches)})"
    icons: folium.FeatureGroup = (
        folium.plugins.MarkerCluster(name=name, options={"maxClusterRadius": 30})
        if len(branches) >= BRANCH_CLUSTER_FROM
        else folium.FeatureGroup(name=name)
    )
    rings = folium.FeatureGroup(name=f"Branch catchments ({radius_m:,.0f} m)")
    for _, b in branches.iterrows():
        tip = (
            f"<b>{escape(b['name'])}</b> [{escape(b['branch_id'])}]<br>{escape(b['address'])}"
            f"<br>{escape(b['hours'])}"
        )
        folium.Marker(
            [b["lat"], b["lon"]],
            tooltip=tip,
            icon=folium.Icon(icon="book", prefix="fa", color="darkblue"),
        ).add_to(icons)
        folium.Circle(
            [b["lat"], b["lon"]],
            radius=radius_m,
            color="#08306b",
            weight=1.5,
            fill=True,
            fill_opacity=0.04,
            dash_array="6 4",
            interactive=False,
        ).add_to(rings)
    return [rings, icons]


def _organization_tip(org: pd.Series) -> str:
    cats = ", ".join(SERVICE_CATEGORIES.get(c, c) for c in split_list(org["category"]))
    langs = ", ".join(LANGUAGES.get(c, c) for c in split_list(org["languages"]))
    return (
        f"<b>{escape(str(org['name']))}</b> [{escape(str(org['org_id']))}]"
        f"<br>{escape(cats)}<br>Languages: {escape(langs) or '—'}"
    )


def build_organization_layer(organizations: pd.DataFrame) -> folium.plugins.MarkerCluster:
    """Organizations as circles coloured by service category, clustered when dense."""
    placed = organizations.dropna(subset=["lat", "lon"])
    features = []
    for _, org in placed.iterrows():
        first = (split_list(org["category"]) or ["social"])[0]
        colour = CATEGORY_COLOURS.get(first, "#333333")
        features.append(
            {
                "type": "Feature",
                "id": str(org["org_id"]),
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(org["lon"]), 6), round(float(org["lat"]), 6)],
                },
                "properties": {
                    "tip": _organization_tip(org),
                    "style": {
                        "color": "#222222",
                        "weight": 1,
                        "fillColor": colour,
                        "fillOpacity": 0.9,
                        "radius": 7,
                    },
                },
            }
        )
    cluster = folium.plugins.MarkerCluster(
        name=f"Organizations ({len(features)})",
        options={"disableClusteringAtZoom": 16, "maxClusterRadius": 40},
    )
    # Each marker gets its own tooltip: a GeoJsonTooltip is bound to the GeoJson group,
    # which never opens inside a MarkerCluster (the group itself is not on the map), and
    # streamlit-folium reads a click's tooltip from the clicked marker. ``tip`` is
    # escaped HTML (see _organization_tip), set as the tooltip's innerHTML by Leaflet.
    points = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=folium.CircleMarker(radius=7, fill=True),
        style_function=_own_style,
        on_each_feature=folium.JsCode(
            "function(feature, layer) {"
            " layer.bindTooltip(String(feature.properties.tip),"
            " {sticky: true}); }"
        ),
    )
    points.add_to(cluster)
    return cluster


class Legend(MacroElement):
    """A legend drawn as a plain Leaflet control (no d3 or CDN files needed)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "welcome-atlas-legend");
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.html_json = json.dumps(html).replace("</", "<\\/")


def build_legend(
    classes: Classes,
    *,
    label: str,
    kind: str,
    vintage: str,
    show_highlight: bool,
    show_categories: bool = True,
) -> Legend:
    """Legend: indicator classes, not-available, unreliable, highlight, categories."""
    rows = [
        f"<b>{escape(label)}</b>",
        f"<small>{escape(SCHEMES.get(classes.scheme, ''))} · {escape(vintage)}</small>",
    ]
    lower = None
    for bound, colour in zip(classes.upper_bounds, classes.colours, strict=True):
        text = (
            f"≤ {format_value(bound, kind)}"
            if lower is None
            else f"{format_value(lower, kind)} – {format_value(bound, kind)}"
        )
        rows.append(_swatch(colour, text))
        lower = bound
    rows.append(_swatch(NO_DATA_COLOUR, "not available"))
    rows.append(
        '<span style="display:inline-block;width:14px;height:10px;border:1px dashed #555;'
        'opacity:.5;background:#2c7fb8"></span> unreliable estimate (faded)'
    )
    if show_highlight:
        rows.append(
            f'<span style="display:inline-block;width:14px;height:10px;border:3px solid '
            f'{HIGHLIGHT_COLOUR}"></span> meets every threshold'
        )
    if show_categories:
        rows.append(
            "<details><summary><b>Organizations</b> (colour = service)</summary>"
            + "<br>".join(
                _swatch(CATEGORY_COLOURS[k], v, round_=True) for k, v in SERVICE_CATEGORIES.items()
            )
            + "</details>"
        )
    style = (
        "background:rgba(255,255,255,.92);padding:5px 7px;font:11px/1.3 sans-serif;"
        "border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.3);max-height:300px;overflow:auto"
    )
    return Legend(f'<div style="{style}">' + "<br>".join(rows) + "</div>")


def _swatch(colour: str, text: str, *, round_: bool = False) -> str:
    radius = "50%" if round_ else "2px"
    return (
        f'<span style="display:inline-block;width:12px;height:12px;background:{colour};'
        f'border:1px solid #777;border-radius:{radius};vertical-align:middle"></span> '
        f"{escape(text)}"
    )

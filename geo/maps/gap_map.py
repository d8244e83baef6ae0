"""The gap map: need shaded per tract, matching organization sites, top gaps outlined.

Kept light for New York City's 2,324 tracts: simplified outlines, one GeoJSON layer per kind
of thing (tracts, top gaps, catchments, branches, sites), tooltips and styles computed in
bulk, no per-point folium objects and no JavaScript beyond folium's own. The legend is plain
HTML in the map's page, so an exported map needs nothing from a CDN either.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Figure, MacroElement
from jinja2 import Template

from geo.analysis.gaps import GapResult
from geo.census.moe import RELIABILITY_LABELS
from geo.config import WGS84
from geo.maps.gap_legend import BRANCH_COLOUR, SITE_COLOUR, legend_html
from geo.maps.gap_tables import need_classes, top_gaps
from geo.maps.layers import (
    HIGHLIGHT_COLOUR,
    Classes,
    build_base_map,
    escape,
    format_value,
)

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


def build_gap_map(
    outlines: gpd.GeoDataFrame,
    result: GapResult,
    branches: pd.DataFrame,
    *,
    top: int = 10,
    vintage: str = "",
    tiles: str = "",
) -> folium.Map:
    """Map of one gap question.

    Parameters
    ----------
    outlines
        Simplified tract polygons indexed by GEOID (``geo.maps.layers.simplify_tracts``).
    result
        The ranking (:func:`geo.analysis.gaps.compute_gaps`).
    branches
        Library branches (``branch_id, name, lat, lon``), drawn with their catchment.
    top
        How many of the best-ranked tracts to outline.
    """
    m = build_base_map(tuple(outlines.total_bounds), tiles)
    ranking = result.ranking.set_index("geoid")
    classes = need_classes(result)  # the same classes as the map's tract table
    build_need_layer(outlines, ranking, classes, result.need_label).add_to(m)
    build_top_layer(outlines, result, top).add_to(m)
    for layer in build_branch_layers(branches, result.question.catchment_m):
        layer.add_to(m)
    build_site_layer(result.sites).add_to(m)
    root = m.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is always its Figure
    root.html.add_child(folium.Element(legend_html(classes, result.need_label, vintage, top)))
    folium.LayerControl(collapsed=True, position="topleft").add_to(m)
    return m


class HtmlBox(MacroElement):
    """Fixed HTML in the map's page, inserted as text (never compiled as a template)."""

    _template = Template("{% macro html(this, kwargs) %}{{ this.text }}{% endmacro %}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "HtmlBox"
        self.text = text


def _collection(geometries: gpd.GeoSeries, properties: list[dict]) -> dict:
    shapes = shapely.set_precision(geometries.values, 1e-5)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": p}
            for g, p in zip(shapes, properties, strict=True)
        ],
    }


def build_need_layer(
    outlines: gpd.GeoDataFrame, ranking: pd.DataFrame, classes: Classes, label: str
) -> folium.GeoJson:
    """Need per tract in classes, with each tract's gap rank in its tooltip."""
    values = ranking.rename(columns={"need": "estimate", "need_moe": "moe"})
    values["note"] = [f"Gap rank {'—' if pd.isna(k) else int(k)}" for k in values["rank"]]
    return build_value_layer(outlines, values, classes, label, name=f"Need: {label}")


def build_value_layer(
    outlines: gpd.GeoDataFrame,
    values: pd.DataFrame,
    classes: Classes,
    label: str,
    *,
    kind: str = "count",
    name: str = "",
) -> folium.GeoJson:
    """A tract figure in classes; unreliable figures faded with a dashed outline.

    ``values`` is indexed by GEOID with ``estimate, moe, reliability`` and optionally
    ``note`` (one more tooltip line).
    """
    rows = values.reindex(outlines.index)
    estimate, moe = rows["estimate"].to_numpy(float), rows["moe"].to_numpy(float)
    reliability = rows["reliability"].fillna("unreliable")
    notes = rows["note"].fillna("") if "note" in rows else pd.Series("", index=rows.index)
    tips = [
        f"<b>{escape(tract)}</b> [{escape(geoid)}]<br>{escape(label)}: "
        + (
            "not available"
            if np.isnan(n)
            else f"<b>{format_value(n, kind)}</b> ± {format_value(e, kind)}"
            f"<br>{RELIABILITY_LABELS.get(r, r)}" + (f"<br>{escape(x)}" if x else "")
        )
        for tract, geoid, n, e, r, x in zip(
            outlines["NAME"], outlines.index, estimate, moe, reliability, notes, strict=True
        )
    ]
    faded = (reliability == "unreliable").to_numpy() & ~np.isnan(estimate)
    styles = {
        str(geoid): {
            "fillColor": classes.colour_of(n),
            "color": "#555555",
            "weight": 0.6,
            "fillOpacity": 0.3 if f else 0.75,
            "dashArray": "3 3" if f else None,
        }
        for geoid, n, f in zip(outlines.index, estimate, faded, strict=True)
    }
    properties = [{"tip": tip} for tip in tips]
    data = _collection(outlines.geometry, properties)
    for feature, geoid in zip(data["features"], outlines.index, strict=True):
        feature["id"] = str(geoid)
    layer = folium.GeoJson(
        data,
        name=name or label,
        style_function=lambda f: styles[f["id"]],
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        on_each_feature=OUT_OF_TAB_ORDER,
    )
    return _with_tooltip(layer, properties)


def build_top_layer(outlines: gpd.GeoDataFrame, result: GapResult, top: int) -> folium.GeoJson:
    """Thick outlines of the ``top`` best-ranked tracts, each labelled with its rank."""
    best = top_gaps(result, outlines, top)
    properties = [
        {
            "tip": f"<b>Gap rank {int(row.rank)}</b> · {escape(row.tract)} [{escape(row.geoid)}]"
            f"<br>{row.gap:,.0f} ± {row.gap_moe:,.0f} people in need per organization"
        }
        for row in best.itertuples()
    ]
    layer = folium.GeoJson(
        _collection(outlines.loc[best["geoid"]].geometry, properties),
        name=f"Top {len(properties)} gaps",
        style_function=lambda f: {"fill": False, "color": HIGHLIGHT_COLOUR, "weight": 3.5},
        on_each_feature=OUT_OF_TAB_ORDER,
    )
    return _with_tooltip(layer, properties)


def build_branch_layers(branches: pd.DataFrame, radius_m: float) -> list[folium.GeoJson]:
    """Catchment circles (drawn as polygons, one layer) and branch points (another)."""
    placed = branches.dropna(subset=["lat", "lon"])
    points = gpd.GeoSeries.from_xy(placed["lon"], placed["lat"], crs=WGS84)
    if points.empty:
        return []
    zone = int((float(points.x.mean()) + 180) // 6) + 1  # the UTM zone, without a pyproj search
    metric = points.to_crs(f"EPSG:{32600 + zone if points.y.mean() >= 0 else 32700 + zone}")
    rings = metric.buffer(radius_m, quad_segs=16).to_crs(WGS84)
    tips = [
        {"tip": f"<b>{escape(n)}</b> [{escape(i)}]", "label": f"Library branch: {n}"}
        for n, i in zip(placed["name"], placed["branch_id"], strict=True)
    ]
    catchments = folium.GeoJson(
        _collection(rings, [{} for _ in tips]),
        name=f"Branch catchments ({radius_m:,.0f} m)",
        interactive=False,
        style_function=lambda f: {
            "color": BRANCH_COLOUR,
            "weight": 1.5,
            "fillOpacity": 0.03,
            "dashArray": "6 4",
        },
    )
    pins = folium.GeoJson(
        _collection(points, tips),
        name=f"Library branches ({len(tips)})",
        on_each_feature=NAMED_POINT,
        marker=folium.CircleMarker(
            radius=7 if len(tips) < 30 else 4,  # a city system (NYC: 220) would bury the map
            fill=True,
            color="#ffffff",
            weight=2 if len(tips) < 30 else 1,
            fill_color=BRANCH_COLOUR,
            fill_opacity=1,
        ),
    )
    return [catchments, _with_tooltip(pins, tips)]


def build_site_layer(sites: pd.DataFrame) -> folium.GeoJson:
    """Matching organization sites as small circles with an escaped tooltip."""
    placed = sites.dropna(subset=["lat", "lon"])
    properties = [
        {"tip": f"<b>{escape(name)}</b> [{escape(org)}]", "label": f"Organization site: {name}"}
        for name, org in zip(placed["name"], placed["organization_id"], strict=True)
    ]
    layer = folium.GeoJson(
        _collection(gpd.GeoSeries.from_xy(placed["lon"], placed["lat"]), properties),
        name=f"Matching organizations ({len(properties)})",
        on_each_feature=NAMED_POINT_OUT_OF_TAB_ORDER,
        marker=folium.CircleMarker(
            radius=6,
            fill=True,
            color="#222222",
            weight=1,
            fill_color=SITE_COLOUR,
            fill_opacity=0.95,
        ),
    )
    return _with_tooltip(layer, properties)


def _with_tooltip(layer: folium.GeoJson, properties: list[dict]) -> folium.GeoJson:
    """The escaped ``tip`` as tooltip (folium refuses a tooltip on an empty layer)."""
    if properties:
        folium.GeoJsonTooltip(fields=["tip"], labels=False).add_to(layer)
    return layer

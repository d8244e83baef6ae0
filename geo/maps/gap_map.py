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
from geo.maps.layers import (
    HIGHLIGHT_COLOUR,
    NO_DATA_COLOUR,
    Classes,
    build_base_map,
    classify,
    escape,
    format_value,
)

SITE_COLOUR = "#e6550d"
BRANCH_COLOUR = "#08306b"


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
    need = ranking["need"]
    classes = classify(need.where(need > 0), "quantiles")  # zeros fall in the first class
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
    )
    return _with_tooltip(layer, properties)


def build_top_layer(outlines: gpd.GeoDataFrame, result: GapResult, top: int) -> folium.GeoJson:
    """Thick outlines of the ``top`` best-ranked tracts, each labelled with its rank."""
    best = result.ranking.dropna(subset=["rank"]).nsmallest(top, "rank")
    best = best[best["geoid"].isin(outlines.index)]
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
        {"tip": f"<b>{escape(n)}</b> [{escape(i)}]"}
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
        {"tip": f"<b>{escape(name)}</b> [{escape(org)}]"}
        for name, org in zip(placed["name"], placed["organization_id"], strict=True)
    ]
    layer = folium.GeoJson(
        _collection(gpd.GeoSeries.from_xy(placed["lon"], placed["lat"]), properties),
        name=f"Matching organizations ({len(properties)})",
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


def legend_html(
    classes: Classes,
    label: str,
    vintage: str,
    top: int | None,
    *,
    kind: str = "count",
    sites: str = "matching organization site",
) -> str:
    """The legend as a fixed box of plain HTML (no script, nothing to download)."""
    rows, lower = [], None
    for bound, colour in zip(classes.upper_bounds, classes.colours, strict=True):
        upper = format_value(bound, kind)
        rows.append(
            _swatch(
                colour, f"≤ {upper}" if lower is None else f"{format_value(lower, kind)} – {upper}"
            )
        )
        lower = bound
    rows += [
        _swatch(NO_DATA_COLOUR, "not available"),
        _swatch("#2c7fb8", "unreliable (faded, dashed)", style="opacity:.45;border-style:dashed"),
    ]
    if top:
        rows.append(
            _swatch("transparent", f"top {top} gaps", style=f"border:3px solid {HIGHLIGHT_COLOUR}")
        )
    rows += [
        _swatch(SITE_COLOUR, sites, style="border-radius:50%"),
        _swatch(BRANCH_COLOUR, "library branch and catchment", style="border-radius:50%"),
    ]
    return (
        '<div class="gap-legend" style="position:fixed;right:10px;bottom:24px;z-index:1000;'
        "background:rgba(255,255,255,.93);padding:6px 8px;font:12px/1.45 sans-serif;"
        'border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.3);max-width:260px">'
        f"<b>{escape(label)}</b><br><small>Quantiles · {escape(vintage)}</small><br>"
        + "<br>".join(rows)
        + "</div>"
    )


def _swatch(colour: str, text: str, *, style: str = "") -> str:
    return (
        f'<span style="display:inline-block;width:12px;height:12px;background:{colour};'
        f'border:1px solid #777;vertical-align:middle;{style}"></span> {escape(text)}'
    )

"""The gap map: need shaded per tract, matching organization sites, top gaps outlined.

Kept light for New York City's 2,324 tracts: simplified outlines, one GeoJSON layer per kind
of thing (tracts, top gaps, catchments, branches, sites), tooltips and styles computed in
bulk, no per-point folium objects and no JavaScript beyond folium's own. The legend is plain
HTML in the map's page, so an exported map needs nothing from a CDN either.
"""

from __future__ import annotations

from collections.abc import Callable

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Figure

from geo.analysis.gaps import GapResult
from geo.census.area_words import say_vintage
from geo.census.moe import RELIABILITY_LABELS
from geo.config import WGS84
from geo.i18n import N_
from geo.maps.frame_title import name_map
from geo.maps.gap_legend import BRANCH_COLOUR, SITE_COLOUR, legend_html
from geo.maps.gap_parts import (
    NAMED_POINT,
    NAMED_POINT_OUT_OF_TAB_ORDER,
    OUT_OF_TAB_ORDER,
    collection,
    with_tooltip,
)
from geo.maps.gap_parts import (
    HtmlBox as HtmlBox,  # the slide map imports it from here
)
from geo.maps.gap_tables import need_classes, top_gaps
from geo.maps.layers import (
    HIGHLIGHT_COLOUR,
    Classes,
    build_base_map,
    escape,
    format_value,
)
from geo.maps.text_direction import in_direction, plus_minus

Translate = Callable[[str], str]
MAP_TITLE = N_("Gaps map: need per tract, matching organizations and library branches")


def build_gap_map(
    outlines: gpd.GeoDataFrame,
    result: GapResult,
    branches: pd.DataFrame,
    *,
    top: int = 10,
    vintage: str = "",
    tiles: str = "",
    translate: Translate = str,
    code: str | None = None,
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
    translate, code
        The interface language's ``gettext`` and code (English words and numbers by
        default); names and identifiers are data and stay as recorded.
    """
    tr = translate
    m = build_base_map(tuple(outlines.total_bounds), tiles)
    ranking = result.ranking.set_index("geoid")
    classes = need_classes(result)  # the same classes as the map's tract table
    label = result.texts(tr, code).need_label
    build_need_layer(outlines, ranking, classes, label, tr, code).add_to(m)
    build_top_layer(outlines, result, top, tr, code).add_to(m)
    for layer in build_branch_layers(branches, result.question.catchment_m, tr, code):
        layer.add_to(m)
    build_site_layer(result.sites, tr).add_to(m)
    root = m.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is always its Figure
    source = say_vintage(vintage, tr)  # the ACS pattern in the reader's words
    legend = legend_html(classes, label, source, top, translate=tr, code=code)
    root.html.add_child(folium.Element(legend))
    folium.LayerControl(collapsed=True, position="topleft").add_to(m)
    return name_map(m, tr(MAP_TITLE))


def build_need_layer(
    outlines: gpd.GeoDataFrame,
    ranking: pd.DataFrame,
    classes: Classes,
    label: str,
    translate: Translate = str,
    code: str | None = None,
) -> folium.GeoJson:
    """Need per tract in classes, with each tract's gap rank in its tooltip."""
    values = ranking.rename(columns={"need": "estimate", "need_moe": "moe"})
    rank = translate(N_("Gap rank {rank}"))
    values["note"] = [rank.format(rank="—" if pd.isna(k) else int(k)) for k in values["rank"]]
    name = translate(N_("Need: {label}")).format(label=label)
    return build_value_layer(
        outlines, values, classes, label, name=name, translate=translate, code=code
    )


def build_value_layer(
    outlines: gpd.GeoDataFrame,
    values: pd.DataFrame,
    classes: Classes,
    label: str,
    *,
    kind: str = "count",
    name: str = "",
    translate: Translate = str,
    code: str | None = None,
) -> folium.GeoJson:
    """A tract figure in classes; unreliable figures faded with a dashed outline.

    ``values`` is indexed by GEOID with ``estimate, moe, reliability`` and optionally
    ``note`` (one more tooltip line).
    """
    rows = values.reindex(outlines.index)
    estimate, moe = rows["estimate"].to_numpy(float), rows["moe"].to_numpy(float)
    reliability = rows["reliability"].fillna("unreliable")
    notes = rows["note"].fillna("") if "note" in rows else pd.Series("", index=rows.index)
    tip = _tip_writer(label, kind, translate, code)
    tips = [
        tip(*row)
        for row in zip(
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
    data = collection(outlines.geometry, properties)
    for feature, geoid in zip(data["features"], outlines.index, strict=True):
        feature["id"] = str(geoid)
    layer = folium.GeoJson(
        data,
        name=name or label,
        style_function=lambda f: styles[f["id"]],
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        on_each_feature=OUT_OF_TAB_ORDER,
    )
    return with_tooltip(layer, properties)


def _tip_writer(
    label: str, kind: str, translate: Translate, code: str | None
) -> Callable[[str, str, float, float, str, str], str]:
    """The tooltip of one tract: name, figure ± margin, reliability and the note."""
    missing = escape(translate(N_("not available")))
    reliability = {k: escape(translate(v)) for k, v in RELIABILITY_LABELS.items()}
    line = escape(translate(N_("{label}: {figure}")))  # French puts a space before the colon

    def tip(tract: str, geoid: str, n: float, e: float, r: str, x: str) -> str:
        figure = (
            missing
            if np.isnan(n)
            else plus_minus(
                f"<b>{format_value(n, kind, code)}</b>", format_value(e, kind, code), code
            )
            + f"<br>{reliability.get(r, r)}"
            + (f"<br>{escape(x)}" if x else "")
        )
        heading = f"<b>{escape(tract)}</b> [{escape(geoid)}]<br>"
        return in_direction(heading + line.format(label=escape(label), figure=figure), code)

    return tip


def build_top_layer(
    outlines: gpd.GeoDataFrame,
    result: GapResult,
    top: int,
    translate: Translate = str,
    code: str | None = None,
) -> folium.GeoJson:
    """Thick outlines of the ``top`` best-ranked tracts, each labelled with its rank."""
    best = top_gaps(result, outlines, top)
    rank = translate(N_("Gap rank {rank}"))
    need = translate(N_("{figure} people in need per organization"))
    properties = [
        {
            "tip": in_direction(
                f"<b>{escape(rank.format(rank=int(row.rank)))}</b> · "
                f"{escape(row.tract)} [{escape(row.geoid)}]<br>"
                + escape(
                    need.format(
                        figure=plus_minus(
                            format_value(row.gap, "count", code),
                            format_value(row.gap_moe, "count", code),
                            code,
                        )
                    )
                ),
                code,
            )
        }
        for row in best.itertuples()
    ]
    layer = folium.GeoJson(
        collection(outlines.loc[best["geoid"]].geometry, properties),
        name=translate(N_("Top {count} gaps")).format(count=len(properties)),
        style_function=lambda f: {"fill": False, "color": HIGHLIGHT_COLOUR, "weight": 3.5},
        on_each_feature=OUT_OF_TAB_ORDER,
    )
    return with_tooltip(layer, properties)


def build_branch_layers(
    branches: pd.DataFrame,
    radius_m: float,
    translate: Translate = str,
    code: str | None = None,
) -> list[folium.GeoJson]:
    """Catchment circles (drawn as polygons, one layer) and branch points (another)."""
    placed = branches.dropna(subset=["lat", "lon"])
    points = gpd.GeoSeries.from_xy(placed["lon"], placed["lat"], crs=WGS84)
    if points.empty:
        return []
    zone = int((float(points.x.mean()) + 180) // 6) + 1  # the UTM zone, without a pyproj search
    metric = points.to_crs(f"EPSG:{32600 + zone if points.y.mean() >= 0 else 32700 + zone}")
    rings = metric.buffer(radius_m, quad_segs=16).to_crs(WGS84)
    named = translate(N_("Library branch: {name}"))
    tips = [
        {"tip": f"<b>{escape(n)}</b> [{escape(i)}]", "label": named.format(name=n)}
        for n, i in zip(placed["name"], placed["branch_id"], strict=True)
    ]
    catchments = folium.GeoJson(
        collection(rings, [{} for _ in tips]),
        name=translate(N_("Branch catchments ({radius} m)")).format(
            radius=format_value(radius_m, "count", code)
        ),
        interactive=False,
        style_function=lambda f: {
            "color": BRANCH_COLOUR,
            "weight": 1.5,
            "fillOpacity": 0.03,
            "dashArray": "6 4",
        },
    )
    pins = folium.GeoJson(
        collection(points, tips),
        name=translate(N_("Library branches ({count})")).format(count=len(tips)),
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
    return [catchments, with_tooltip(pins, tips)]


def build_site_layer(sites: pd.DataFrame, translate: Translate = str) -> folium.GeoJson:
    """Matching organization sites as small circles with an escaped tooltip."""
    placed = sites.dropna(subset=["lat", "lon"])
    named = translate(N_("Organization site: {name}"))
    properties = [
        {"tip": f"<b>{escape(name)}</b> [{escape(org)}]", "label": named.format(name=name)}
        for name, org in zip(placed["name"], placed["organization_id"], strict=True)
    ]
    layer = folium.GeoJson(
        collection(gpd.GeoSeries.from_xy(placed["lon"], placed["lat"]), properties),
        name=translate(N_("Matching organizations ({count})")).format(count=len(properties)),
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
    return with_tooltip(layer, properties)

"""What every map shares: escaping, class breaks and colours, value formats, light outlines.

Everything a user typed is escaped with :func:`escape` before it reaches a tooltip or label,
because folium inserts tooltip fields as HTML, and ``folium.Tooltip`` puts its text inside a
JavaScript template literal where a backtick or ``${...}`` would run.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from html import escape as _html_escape

import folium
import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
import shapely

from geo.census.classes import compute_fewest_spanning_breaks
from geo.config import WGS84
from geo.crs import metric_crs
from geo.i18n import N_, format_number, format_share

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
SCHEMES = {
    "quantiles": N_("Quantiles"),
    "natural_breaks": N_("Natural breaks (Fisher-Jenks)"),
    "fewest_spanning": N_("Fewest tracts across a break (margins of error)"),
}


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


def classify(
    values: pd.Series, scheme: str = "quantiles", k: int = 5, moes: pd.Series | None = None
) -> Classes:
    """Class breaks with mapclassify (``quantiles`` or ``natural_breaks``), or placed where
    the tracts' margins of error overlap least (``fewest_spanning``, needs ``moes``;
    :func:`geo.census.classes.compute_fewest_spanning_breaks`)."""
    data = values.dropna().astype(float)
    distinct = int(data.nunique())
    if distinct == 0:
        return Classes((), (), scheme)
    k = max(1, min(k, distinct))
    if distinct == 1:
        bins = np.array([float(data.iloc[0])])
    elif scheme == "natural_breaks":
        bins = _fisher_jenks(data.to_numpy(), k)
    elif scheme == "fewest_spanning" and moes is not None and moes.notna().any():
        bins = np.array(compute_fewest_spanning_breaks(data, moes.reindex(data.index), k))
    else:
        bins = mapclassify.Quantiles(data.to_numpy(), k=k).bins
    bins = np.unique(bins)
    colours = PALETTE if len(bins) >= len(PALETTE) else PALETTE[-len(bins) :]
    return Classes(tuple(float(b) for b in bins), tuple(colours[-len(bins) :]), scheme)


FISHER_JENKS_MAX_N = 300  # pure-Python Fisher-Jenks (no numba): 2,324 values take ~5 s


def _fisher_jenks(values: np.ndarray, k: int) -> np.ndarray:
    """Fisher-Jenks breaks; above ``FISHER_JENKS_MAX_N`` values, on evenly spaced quantiles.

    The quantile sample is deterministic (unlike ``FisherJenksSampled``'s random one) and
    keeps the distribution's shape; the top break is the true maximum. Remembered per values
    and ``k`` (one process serves every session, and each would pay 0.2-0.9 s again).
    """
    values = np.ascontiguousarray(values, dtype=float)
    key = (hashlib.blake2b(values.tobytes(), digest_size=16).digest(), len(values), k)
    bins = _BREAKS.get(key)
    if bins is None:
        bins = _compute_fisher_jenks(values, k)
        with _BREAKS_LOCK:
            _BREAKS[key] = bins
            while len(_BREAKS) > 64:
                del _BREAKS[next(iter(_BREAKS))]
    return np.array(bins, dtype=float)


_BREAKS: dict[tuple[bytes, int, int], np.ndarray] = {}
_BREAKS_LOCK = threading.Lock()


def _compute_fisher_jenks(values: np.ndarray, k: int) -> np.ndarray:
    if len(values) <= FISHER_JENKS_MAX_N:
        return mapclassify.FisherJenks(values, k=k).bins
    sample = np.quantile(values, np.linspace(0.0, 1.0, FISHER_JENKS_MAX_N))
    bins = np.array(mapclassify.FisherJenks(sample, k=k).bins, dtype=float)
    bins[-1] = float(values.max())
    return bins


def simplify_tracts(tracts: gpd.GeoDataFrame, tolerance_m: float = 15.0) -> gpd.GeoDataFrame:
    """Lighter tract outlines for the browser; shared borders stay identical (no slivers)."""
    metric = tracts.to_crs(metric_crs(tracts))
    simplified = shapely.coverage_simplify(metric.geometry.values, tolerance_m)
    out = gpd.GeoDataFrame(
        tracts.drop(columns="geometry"),
        geometry=gpd.GeoSeries(simplified, index=tracts.index, crs=metric.crs).to_crs(WGS84),
    )
    out["geometry"] = shapely.set_precision(out.geometry.values, 1e-5)
    return out


def format_value(value: float, kind: str, code: str | None = None) -> str:
    """``12.3%`` for shares, ``1,234`` for counts, ``not available`` for missing.

    With a language ``code``, written as that language writes numbers (``12,3 %`` in French).
    """
    if value is None or np.isnan(value):
        return "not available"
    if code is not None:
        return format_share(value, code) if kind == "share" else format_number(value, code)
    return f"{value * 100:.1f}%" if kind == "share" else f"{value:,.0f}"


def build_base_map(bounds: tuple[float, ...], tiles: str = "") -> folium.Map:
    """An empty map opened on ``bounds`` (minx, miny, maxx, maxy), offline unless ``tiles``.

    ``maxZoom`` is set because tile-less maps have none, and the cluster plugins need one.
    """
    minx, miny, maxx, maxy = bounds
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=12,
        tiles=tiles or None,
        attr=None if tiles in ("", "OpenStreetMap") else "Basemap tiles",
        maxZoom=18,
        control_scale=True,
        zoom_snap=0.25,  # fit the study area snugly (geo.view keeps zoom in quarters)
    )
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


BASEMAP_STYLES = {
    "river": {"color": "#4292c6", "fillColor": "#9ecae1", "weight": 1, "fillOpacity": 0.85},
    "park": {"color": "#41ab5d", "fillColor": "#a1d99b", "weight": 1, "fillOpacity": 0.55},
    "road": {"color": "#969696", "weight": 3, "opacity": 0.8},
}


def basemap_data(basemap: gpd.GeoDataFrame) -> dict[str, list]:
    """River, parks and roads (styled GeoJSON features) and neighbourhood labels as plain data.

    For an area without internet tiles (the demo city). The home map draws them in the
    browser (``AtlasMap``): a hundred folium objects would cost more than the whole map.
    Labels are ``[lat, lon, escaped name]``.
    """
    features = []
    for kind in ("river", "park", "road"):
        part = basemap[basemap["kind"] == kind]
        for name, geometry in zip(part["name"], part.geometry, strict=True):
            geom = shapely.set_precision(geometry, 1e-5)
            features.append(
                {
                    "type": "Feature",
                    "properties": {"style": BASEMAP_STYLES[kind], "n": escape(str(name))},
                    "geometry": shapely.geometry.mapping(geom),
                }
            )
    places = basemap[basemap["kind"] == "neighbourhood"]
    labels = [
        [round(float(g.y), 5), round(float(g.x), 5), escape(str(name))]
        for name, g in zip(places["name"], places.geometry, strict=True)
    ]
    return {"features": features, "labels": labels}

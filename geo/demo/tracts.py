"""The census tracts of the demo city: shapes, neighbourhoods, GEOIDs and names."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely import affinity
from shapely.geometry import Polygon

from geo.demo.city import (
    CENTRE_LAT,
    CENTRE_LON,
    COUNTY_FIPS,
    NEIGHBOURHOODS,
    STATE_FIPS,
    WGS84,
    WORK_CRS,
)
from geo.demo.geometry import polar_point

# Neighbourhoods whose tracts are this small on average number them in .01/.02 pairs,
# the way the Census Bureau splits a tract whose population grew.
_SPLIT_BELOW_KM2 = 0.5
SMALL_TRACTS = 4


def centre_xy() -> tuple[float, float]:
    """Return the city centre in the work CRS (UTM zone 23N metres)."""
    to_work = Transformer.from_crs(WGS84, WORK_CRS, always_xy=True)
    x, y = to_work.transform(CENTRE_LON, CENTRE_LAT)
    return float(x), float(y)


def nearest_neighbourhood(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return, for each point (relative metres), the index of the nearest neighbourhood centre."""
    anchors = np.array([polar_point(n.angle_deg, n.radius_m).coords[0] for n in NEIGHBOURHOODS])
    distance = np.hypot(x[:, None] - anchors[None, :, 0], y[:, None] - anchors[None, :, 1])
    return distance.argmin(axis=1)


def _tract_codes(frame: pd.DataFrame) -> list[str]:
    """Return a 6-digit tract code per row, numbered by neighbourhood, north to south."""
    codes = [""] * len(frame)
    for index, group in frame.groupby("nbhd_index", sort=True):
        order = group.sort_values(["row_band", "x"], ascending=[False, True]).index
        split = group["area_km2"].mean() < _SPLIT_BELOW_KM2
        for j, row in enumerate(order):
            base = (int(index) + 1) * 100
            if split:
                codes[row] = f"{base + j // 2 + 1:04d}{j % 2 + 1:02d}"
            else:
                codes[row] = f"{base + j + 1:04d}00"
    return codes


def tract_name(code: str) -> str:
    """Return the tract name of a 6-digit code, e.g. '010101' -> 'Census Tract 101.01'."""
    number, suffix = int(code[:4]), code[4:]
    return f"Census Tract {number}" if suffix == "00" else f"Census Tract {number}.{suffix}"


def build_tracts(shapes: list[Polygon], river: Polygon) -> gpd.GeoDataFrame:
    """Return the tracts in the work CRS with GEOID, names, neighbourhood, ALAND and kind.

    Parameters
    ----------
    shapes : list of Polygon
        Tract shapes in metres relative to the city centre.
    river : Polygon
        The river in the same coordinates; its water is not counted in ``ALAND``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per tract sorted by GEOID, in ``WORK_CRS``; ``kind`` is ``residential``,
        ``small`` (a few hundred people), ``park`` or ``industrial`` (nobody lives there).
    """
    centroids = shapely.centroid(np.asarray(shapes, dtype=object))
    x, y = shapely.get_x(centroids), shapely.get_y(centroids)
    area_km2 = shapely.area(np.asarray(shapes, dtype=object)) / 1e6
    frame = pd.DataFrame({"x": x, "y": y, "area_km2": area_km2, "row_band": np.round(y / 400.0)})
    frame["nbhd_index"] = nearest_neighbourhood(x, y)
    codes = _tract_codes(frame)
    water = shapely.area(shapely.intersection(np.asarray(shapes, dtype=object), river))
    kind = _tract_kinds(shapes, frame, water)
    cx, cy = centre_xy()
    geometry = [affinity.translate(shape, cx, cy) for shape in shapes]
    tracts = gpd.GeoDataFrame(
        {
            "GEOID": [STATE_FIPS + COUNTY_FIPS + code for code in codes],
            "NAME": [tract_name(code) for code in codes],
            "NAMELSAD": [tract_name(code) for code in codes],
            "neighbourhood": [NEIGHBOURHOODS[i].name for i in frame["nbhd_index"]],
            "ALAND": np.round(area_km2 * 1e6 - water).astype("int64"),
            "kind": kind,
            "x_m": x,
            "y_m": y,
        },
        geometry=geometry,
        crs=WORK_CRS,
    )
    return tracts.sort_values("GEOID").reset_index(drop=True)


def _tract_kinds(shapes: list[Polygon], frame: pd.DataFrame, water: np.ndarray) -> list[str]:
    """Pick the park tract, the industrial riverside tract and the few small tracts."""
    kind = ["residential"] * len(shapes)
    distance = np.hypot(frame["x"], frame["y"])
    park_spot = polar_point(150.0, 2500.0)
    park = next(i for i, shape in enumerate(shapes) if shape.contains(park_spot))
    riverside = np.where((frame["x"] > 1500) & (distance < 4000), water / frame["area_km2"], 0)
    riverside[park] = 0
    industrial = int(np.argmax(riverside))
    kind[park], kind[industrial] = "park", "industrial"
    by_area = frame["area_km2"].sort_values(kind="stable").index
    small = [i for i in by_area if kind[i] == "residential"][:SMALL_TRACTS]
    for i in small:
        kind[i] = "small"
    return kind


def to_wgs84(tracts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the tracts in EPSG:4326 with coordinates on a 6-decimal grid, still valid."""
    out = tracts.to_crs(WGS84)
    out["geometry"] = shapely.set_precision(out.geometry.values, 1e-6)
    invalid = ~shapely.is_valid(out.geometry.values)
    if invalid.any() or (out.geom_type != "Polygon").any():
        raise ValueError("Rounding the tract coordinates broke a polygon; change the seed.")
    return out

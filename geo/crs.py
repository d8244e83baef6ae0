"""The metric CRS for distances and areas: the local UTM zone, as GeoPandas estimates it.

``estimate_utm_crs`` asks pyproj's database each time (tens of milliseconds), and the same
tracts or branch points are measured on every rerun; so the answer is kept per extent.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
from pyproj import CRS
from shapely.geometry import box

from geo.config import WGS84


def metric_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> CRS:
    """The UTM zone GeoPandas would choose for ``frame`` (any CRS), cached by its extent."""
    if frame.crs is not None and not frame.crs.is_geographic:
        frame = frame.to_crs(WGS84)
    return _utm(tuple(round(float(b), 7) for b in frame.total_bounds))


@lru_cache(maxsize=1024)
def _utm(bounds: tuple[float, ...]) -> CRS:
    return gpd.GeoSeries([box(*bounds)], crs=WGS84).estimate_utm_crs()

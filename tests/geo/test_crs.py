"""The metric CRS is the UTM zone GeoPandas picks, asked of pyproj once per extent."""

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.crs import _utm, metric_crs


@pytest.mark.parametrize(
    ("lon", "lat", "epsg"),
    [(-73.95, 40.7, 32618), (-80.2, 25.8, 32617), (13.0, 55.6, 32633), (-0.1, 51.5, 32630)],
)
def test_same_zone_as_geopandas(lon, lat, epsg):
    points = gpd.GeoSeries([Point(lon, lat), Point(lon + 0.05, lat + 0.05)], crs=4326)
    assert metric_crs(points) == points.estimate_utm_crs()
    assert metric_crs(points).to_epsg() == epsg


def test_projected_input_gives_the_same_zone():
    points = gpd.GeoSeries([Point(-73.95, 40.7)], crs=4326)
    assert metric_crs(points.to_crs(3857)) == metric_crs(points)


def test_asked_once_per_extent():
    points = gpd.GeoSeries([Point(-122.41, 37.77)], crs=4326)
    metric_crs(points)
    before = _utm.cache_info()
    metric_crs(points)
    after = _utm.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)

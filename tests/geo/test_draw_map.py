"""geo.maps.draw_map: the drawing map and what a drawing becomes."""

from __future__ import annotations

import folium
import folium.plugins
import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.maps.draw_map import OUTLINE_TRACTS_BELOW, build_draw_map, read_drawing


def _grid(n: int) -> gpd.GeoDataFrame:
    cells = [box(i * 0.01, 0, i * 0.01 + 0.01, 0.01) for i in range(n)]
    return gpd.GeoDataFrame({"NAME": [f"t{i}" for i in range(n)]}, geometry=cells, crs=4326)


@pytest.mark.parametrize(
    ("n", "features"),
    [(OUTLINE_TRACTS_BELOW - 1, OUTLINE_TRACTS_BELOW - 1), (OUTLINE_TRACTS_BELOW, 1)],
)
def test_draw_map_has_tools_and_outlines_small_areas_only(n, features):
    m = build_draw_map(_grid(n))
    assert isinstance(m, folium.Map)
    kids = list(m._children.values())
    assert any(isinstance(k, folium.plugins.Draw) for k in kids)
    outline = next(k for k in kids if isinstance(k, folium.GeoJson))
    shown = outline.data.get("features", [outline.data])
    assert len(shown) == features


def test_a_drawn_circle_becomes_a_ring_of_its_radius():
    circle = {
        "geometry": {"type": "Point", "coordinates": [-73.98, 40.75]},
        "properties": {"radius": 500},
    }
    ring = read_drawing(circle)
    assert ring is not None and ring.geom_type == "Polygon"
    assert ring.contains(ring.centroid)


@pytest.mark.parametrize(
    "drawing",
    [None, {}, {"geometry": None}, {"geometry": {"type": "Point", "coordinates": [0, 0]}}],
)
def test_nothing_or_a_bare_point_is_not_an_area(drawing):
    assert read_drawing(drawing) is None


def test_a_drawn_polygon_is_kept():
    square = {"geometry": box(0, 0, 1, 1).__geo_interface__}
    assert read_drawing(square).area == pytest.approx(1.0)


def test_the_point_map_shows_the_chosen_point_only_once_chosen():
    from geo.maps.draw_map import build_outline_map, build_point_layer

    m = build_outline_map(_grid(3), fill_opacity=0.03)
    assert isinstance(m, folium.Map)
    assert not build_point_layer(None, None)._children
    chosen = list(build_point_layer(41.0, -45.0)._children.values())
    assert [type(c) for c in chosen] == [folium.Marker]
    assert chosen[0].location == [41.0, -45.0]

"""Walkabout routing on hand-checkable layouts, and the area checks."""

from __future__ import annotations

import math

import pytest
import shapely
from shapely.geometry import box

from geo.errors import RouteNotFeasible, ValidationError
from geo.fieldwork.areas import (
    AreaDefinition,
    check_stops_in_area,
    haversine_m,
    parse_polygon_text,
    stops_in_area,
)
from geo.fieldwork.routes import (
    Stop,
    great_circle_matrix,
    nearest_neighbour_order,
    plan_walkabout,
    tour_length,
    two_opt,
)

BRANCH = Stop(label="Branch", lat=0.0, lon=0.0)
D = 0.009  # about 1 km of latitude


def _square():
    return [
        Stop(label="NE", lat=D, lon=D),
        Stop(label="N", lat=D, lon=0.0),
        Stop(label="E", lat=0.0, lon=D),
    ]


def test_haversine_one_degree_of_latitude():
    assert haversine_m(0, 0, 1, 0) == pytest.approx(111_195, rel=1e-4)


def test_square_is_walked_around_its_edge():
    route = plan_walkabout(BRANCH, _square())
    labels = [s.label for s in route.stops]
    assert labels in (["N", "NE", "E"], ["E", "NE", "N"])
    side = haversine_m(0, 0, D, 0)
    assert route.total_distance_m == pytest.approx(4 * side, rel=1e-3)
    assert len(route.legs) == 4
    assert sum(leg.distance_m for leg in route.legs) == pytest.approx(route.total_distance_m)


def test_two_opt_untangles_a_crossing_tour():
    points = [BRANCH, *_square()]
    matrix = great_circle_matrix(points)
    crossing = [0, 1, 2, 3]  # branch -> NE -> N -> E crosses itself
    better = two_opt(crossing, matrix)
    assert tour_length(better, matrix) < tour_length(crossing, matrix)
    assert better[0] == 0 and sorted(better) == [0, 1, 2, 3]


def test_nearest_neighbour_walks_to_the_closest_unvisited_stop_each_time():
    # Stops east of the branch at 3, 1, 4 and 2 km, listed out of order: the greedy tour
    # visits them 1, 2, 3, 4 km out (input indexes 2, 4, 1, 3), whatever the input order.
    stops = [Stop(label=str(k), lat=0.0, lon=k * D) for k in (3, 1, 4, 2)]
    matrix = great_circle_matrix([BRANCH, *stops])
    assert nearest_neighbour_order(matrix) == [0, 2, 4, 1, 3]


@pytest.mark.parametrize("speed, minutes", [(4.8, 12.5), (3.0, 20.0), (6.0, 10.0)])
def test_walking_time_follows_speed(speed, minutes):
    one_km = Stop(label="A", lat=1000 / 111_195, lon=0.0)
    route = plan_walkabout(BRANCH, [one_km], speed_kmh=speed)
    assert route.legs[0].walk_minutes == pytest.approx(minutes, rel=1e-3)
    assert route.total_walk_minutes == pytest.approx(2 * minutes, rel=1e-3)


def test_empty_stop_list_is_refused():
    with pytest.raises(RouteNotFeasible, match="no stops"):
        plan_walkabout(BRANCH, [])


@pytest.mark.parametrize("stop", [Stop(label="X", lat=95, lon=0), Stop(label="X", lat=0, lon=200)])
def test_coordinates_out_of_range_are_refused(stop):
    with pytest.raises(ValidationError, match="out of range"):
        plan_walkabout(BRANCH, [stop])


def test_zero_speed_is_refused():
    with pytest.raises(ValidationError, match="speed"):
        plan_walkabout(BRANCH, _square(), speed_kmh=0)


def test_stop_outside_the_catchment_ring_is_named():
    area = AreaDefinition(kind="catchment", radius_m=1200)
    with pytest.raises(ValidationError, match="'NE'") as err:
        check_stops_in_area(BRANCH, _square(), area)
    assert [p["stop"] for p in err.value.problems] == ["NE"]
    check_stops_in_area(BRANCH, _square()[1:], area)


def test_check_runs_before_planning():
    area = AreaDefinition(kind="catchment", radius_m=500)
    with pytest.raises(ValidationError, match="outside the walk's area"):
        plan_walkabout(BRANCH, _square(), check=lambda s, st: check_stops_in_area(s, st, area))


def test_polygon_and_tract_areas():
    ring = parse_polygon_text("-0.001, -0.001\n0.0095, -0.001\n0.0095, 0.0095\n-0.001, 0.0095")
    check_stops_in_area(BRANCH, _square(), AreaDefinition(kind="polygon", polygon=ring))
    small = AreaDefinition(kind="polygon", polygon=((0, 0), (0.005, 0), (0.005, 0.005)))
    with pytest.raises(ValidationError):
        check_stops_in_area(BRANCH, _square(), small)
    import geopandas as gpd

    tracts = gpd.GeoDataFrame(
        {"GEOID": ["A", "B"]},
        index=["A", "B"],
        geometry=[box(-0.001, -0.001, 0.0095, 0.005), box(-0.001, 0.005, 0.0095, 0.0095)],
        crs="EPSG:4326",
    )
    check_stops_in_area(BRANCH, _square(), AreaDefinition(kind="tracts", geoids=("A", "B")), tracts)
    with pytest.raises(ValidationError, match="outside"):
        check_stops_in_area(BRANCH, _square(), AreaDefinition(kind="tracts", geoids=("A",)), tracts)
    with pytest.raises(ValidationError, match="Unknown tract"):
        check_stops_in_area(BRANCH, _square(), AreaDefinition(kind="tracts", geoids=("Z",)), tracts)


@pytest.mark.parametrize("text", ["", "1,2", "1,2;3,4", "a,b;1,2;3,4"])
def test_bad_polygon_text_is_refused(text):
    with pytest.raises(ValidationError):
        parse_polygon_text(text)


def test_area_definition_round_trips_json():
    for area in (
        AreaDefinition(radius_m=750),
        AreaDefinition(kind="tracts", geoids=("1", "2")),
        AreaDefinition(kind="polygon", polygon=((1.0, 2.0), (3.0, 4.0), (5.0, 6.0))),
    ):
        assert AreaDefinition.from_json(area.to_json()) == area


def test_street_graph_without_osmnx_gives_an_install_hint(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_osmnx(name, *args, **kwargs):
        if name == "osmnx":
            raise ImportError("no osmnx")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_osmnx)
    from geo.errors import GeoError

    with pytest.raises(GeoError, match="pip install osmnx"):
        plan_walkabout(BRANCH, _square(), street_graph=tmp_path / "streets.graphml")
    assert math.isfinite(shapely.area(box(0, 0, 1, 1)))


def test_routes_follow_streets_when_a_street_graph_is_configured(tmp_path):
    """An L-shaped street: walking must go round the corner, longer than the straight line."""
    ox = pytest.importorskip("osmnx")
    import networkx as nx

    graph = nx.MultiDiGraph(crs="EPSG:4326")
    corners = {1: (41.0, -45.0), 2: (41.0, -44.99), 3: (41.01, -44.99)}  # (lat, lon)
    for node, (lat, lon) in corners.items():
        graph.add_node(node, y=lat, x=lon)
    for a, b, length in ((1, 2, 840.0), (2, 3, 1112.0)):
        graph.add_edge(a, b, length=length)
        graph.add_edge(b, a, length=length)
    path = tmp_path / "streets.graphml"
    ox.save_graphml(graph, path)

    start = Stop(label="Branch", lat=41.0, lon=-45.0)
    corner_shop = Stop(label="Shop", lat=41.01, lon=-44.99)
    by_street = plan_walkabout(start, [corner_shop], street_graph=path)
    straight = plan_walkabout(start, [corner_shop])
    assert by_street.total_distance_m == pytest.approx(2 * (840 + 1112))
    assert by_street.total_distance_m > straight.total_distance_m
    assert len(by_street.legs[0].path) == 3  # branch, corner, shop


def test_only_stops_inside_the_ring_are_offered_nearest_first():
    metre = 1 / 111_195  # degrees of latitude
    stops = [
        Stop(label="far", lat=700 * metre, lon=0.0),
        Stop(label="edge", lat=500 * metre, lon=0.0),
        Stop(label="out", lat=502 * metre, lon=0.0),
        Stop(label="near", lat=0.0, lon=100 * metre),
    ]
    inside = stops_in_area(BRANCH, stops, AreaDefinition(radius_m=501.0))
    assert [s.label for s, _ in inside] == ["near", "edge"]
    assert [round(d) for _, d in inside] == [100, 500]


def test_only_stops_inside_a_polygon_are_offered():
    ring = ((0.0, 0.0), (0.0, 0.01), (0.01, 0.01), (0.01, 0.0))  # (lat, lon) corners
    area = AreaDefinition(kind="polygon", polygon=ring)
    stops = [
        Stop(label="inside", lat=0.005, lon=0.005),
        Stop(label="swapped side", lat=0.005, lon=-0.005),
        Stop(label="corner", lat=0.0, lon=0.0),
    ]
    assert [s.label for s, _ in stops_in_area(BRANCH, stops, area)] == ["corner", "inside"]

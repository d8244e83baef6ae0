"""Shapes of the demo city in the metric work CRS: boundary, tracts, river, parks and roads.

Tracts are the Voronoi cells of seed points whose spacing grows with distance from the
centre (small dense tracts downtown, large ones at the edge), clipped to an irregular city
boundary. Coordinates are metres relative to the city centre until :func:`place_at_centre`.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, Point, Polygon

from geo.demo.city import CITY_RADIUS_M

_CANDIDATES = 30000


def build_boundary(rng: np.random.Generator) -> Polygon:
    """Return an irregular, star-shaped city boundary about 14 km across."""
    theta = np.linspace(0.0, 2.0 * np.pi, 181)[:-1]
    phases = rng.uniform(0.0, 2.0 * np.pi, size=4)
    wobble = (
        0.07 * np.sin(2 * theta + phases[0])
        + 0.05 * np.sin(3 * theta + phases[1])
        + 0.025 * np.sin(5 * theta + phases[2])
        + 0.012 * np.sin(9 * theta + phases[3])
    )
    radius = CITY_RADIUS_M * (1.0 + wobble)
    return Polygon(np.column_stack([radius * np.cos(theta), radius * np.sin(theta)]))


def _spacing_m(distance_m: np.ndarray) -> np.ndarray:
    """Minimum distance between tract seeds: tight downtown, loose at the edge."""
    return 300.0 + 0.12 * distance_m


def scatter_seeds(boundary: Polygon, rng: np.random.Generator) -> np.ndarray:
    """Return tract seed points by dart throwing with a distance-dependent spacing."""
    minx, miny, maxx, maxy = boundary.bounds
    candidates = rng.uniform([minx, miny], [maxx, maxy], size=(_CANDIDATES, 2))
    inside = shapely.contains_xy(boundary, candidates[:, 0], candidates[:, 1])
    accepted: list[np.ndarray] = []
    for point in candidates[inside]:
        spacing = _spacing_m(np.hypot(*point))
        if accepted:
            gaps = np.hypot(*(np.asarray(accepted) - point).T)
            if gaps.min() < spacing:
                continue
        accepted.append(point)
    return np.asarray(accepted)


def build_tract_shapes(boundary: Polygon, seeds: np.ndarray) -> list[Polygon]:
    """Return one polygon per seed: its Voronoi cell clipped to the city boundary."""
    cells = shapely.voronoi_polygons(
        MultiPoint(seeds), extend_to=boundary.buffer(5000.0), ordered=True
    )
    shapes = []
    for cell in shapely.get_parts(cells):
        clipped = cell.intersection(boundary)
        if clipped.geom_type != "Polygon":
            # A concave bay of the boundary can cut a cell in two; keep the seed's part.
            clipped = max(shapely.get_parts(clipped), key=lambda part: part.area)
        shapes.append(clipped)
    return shapes


def build_river(rng: np.random.Generator) -> Polygon:
    """Return the river: a meandering band about 180 m wide crossing the city west to east."""
    x = np.linspace(-1.4 * CITY_RADIUS_M, 1.4 * CITY_RADIUS_M, 240)
    phase = rng.uniform(0.0, 2.0 * np.pi)
    y = -1250.0 + 650.0 * np.sin(x / 2600.0 + phase) + 220.0 * np.sin(x / 870.0)
    return LineString(np.column_stack([x, y])).buffer(90.0, quad_segs=4)


def build_blob(centre: tuple[float, float], radius_m: float, rng: np.random.Generator) -> Polygon:
    """Return an irregular rounded polygon (a park) around ``centre``."""
    theta = np.linspace(0.0, 2.0 * np.pi, 41)[:-1]
    phases = rng.uniform(0.0, 2.0 * np.pi, size=2)
    radius = radius_m * (
        1.0 + 0.22 * np.sin(2 * theta + phases[0]) + 0.1 * np.sin(3 * theta + phases[1])
    )
    x = centre[0] + radius * np.cos(theta)
    y = centre[1] + radius * np.sin(theta)
    return Polygon(np.column_stack([x, y]))


def build_road(start: tuple[float, float], end: tuple[float, float], bend_m: float) -> LineString:
    """Return a gently curving road from ``start`` to ``end`` (bend: sideways offset)."""
    t = np.linspace(0.0, 1.0, 41)
    start_xy, end_xy = np.asarray(start), np.asarray(end)
    line = start_xy + np.outer(t, end_xy - start_xy)
    direction = (end_xy - start_xy) / np.linalg.norm(end_xy - start_xy)
    normal = np.array([-direction[1], direction[0]])
    offset = bend_m * np.sin(np.pi * t) + 0.15 * bend_m * np.sin(3 * np.pi * t)
    return LineString(line + np.outer(offset, normal))


def polar_point(angle_deg: float, radius_m: float) -> Point:
    """Return the point ``radius_m`` from the centre, ``angle_deg`` anticlockwise from east."""
    angle = np.deg2rad(angle_deg)
    return Point(radius_m * np.cos(angle), radius_m * np.sin(angle))

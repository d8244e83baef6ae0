"""Base layers of the demo city: river, parks, arterial roads and neighbourhood labels."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import Polygon

from geo.demo.city import NEIGHBOURHOODS, WGS84, WORK_CRS
from geo.demo.geometry import build_blob, build_road, polar_point
from geo.demo.tracts import centre_xy

# (name, angle_deg, radius_m, size_m) of the parks that are not a whole tract.
_PARKS = (
    ("Heron Point Park", 75.0, 1500.0, 260.0),
    ("Millrace Green", 200.0, 3300.0, 300.0),
    ("Kestrel Meadows", 320.0, 5600.0, 420.0),
    ("Juniper Woods", 95.0, 6100.0, 450.0),
    ("Lantern Square", 25.0, 900.0, 140.0),
    ("Stonebridge Quarry Park", 10.0, 4000.0, 280.0),
)
_PARK_TRACT_NAME = "Riverton Commons"
# (name, start (angle, radius), end (angle, radius), bend_m) of the arterial roads.
_ROADS = (
    ("Meridian Boulevard", (265.0, 8000.0), (95.0, 8000.0), 600.0),
    ("Lantern Parkway", (185.0, 8000.0), (5.0, 8000.0), -500.0),
    ("Kingsbridge Road", (225.0, 8000.0), (50.0, 8000.0), 450.0),
    ("Old Mill Road", (160.0, 8000.0), (330.0, 8000.0), -400.0),
    ("Harbor Avenue", (240.0, 7600.0), (300.0, 7600.0), -1800.0),
)


def build_parks(
    boundary: Polygon, river: Polygon, park_tract: Polygon, rng: np.random.Generator
) -> list[tuple[str, Polygon]]:
    """Return the named parks in relative metres, kept off the river and inside the city."""
    parks = [(_PARK_TRACT_NAME, park_tract.buffer(-40.0))]
    for name, angle, radius, size in _PARKS:
        centre = polar_point(angle, radius).coords[0]
        shape = build_blob(centre, size, rng).intersection(boundary.buffer(-60.0))
        parks.append((name, shape.difference(river.buffer(30.0))))
    return parks


def build_roads(boundary: Polygon) -> list[tuple[str, shapely.LineString]]:
    """Return the named arterial roads in relative metres, clipped to the city."""
    roads = []
    for name, start, end, bend in _ROADS:
        line = build_road(polar_point(*start).coords[0], polar_point(*end).coords[0], bend)
        clipped = line.intersection(boundary)
        if clipped.geom_type != "LineString":
            clipped = max(shapely.get_parts(clipped), key=lambda part: part.length)
        roads.append((name, clipped))
    return roads


def build_labels(tracts: gpd.GeoDataFrame) -> list[tuple[str, shapely.Point]]:
    """Return one label point per neighbourhood, inside the union of its tracts."""
    labels = []
    for neighbourhood in NEIGHBOURHOODS:
        area = tracts.loc[tracts["neighbourhood"] == neighbourhood.name, "geometry"]
        labels.append((neighbourhood.name, shapely.union_all(area.values).point_on_surface()))
    return labels


def build_basemap(
    boundary: Polygon,
    river: Polygon,
    parks: list[tuple[str, Polygon]],
    tracts: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """Return all base layers in EPSG:4326 with ``kind`` and ``name`` columns.

    Parameters
    ----------
    boundary, river : Polygon
        City boundary and river in metres relative to the centre.
    parks : list of (str, Polygon)
        Named parks in the same coordinates.
    tracts : geopandas.GeoDataFrame
        Tracts in the work CRS, for the neighbourhood label points.

    Returns
    -------
    geopandas.GeoDataFrame
        Rows in the order river, parks, roads, neighbourhoods.
    """
    cx, cy = centre_xy()
    river_in_city = river.intersection(boundary.buffer(1500.0))
    rows = [("river", "Riverton River", river_in_city)]
    rows += [("park", name, shape) for name, shape in parks]
    rows += [("road", name, line) for name, line in build_roads(boundary)]
    relative = [(kind, name, affinity.translate(g, cx, cy)) for kind, name, g in rows]
    labels = [("neighbourhood", name, point) for name, point in build_labels(tracts)]
    frame = gpd.GeoDataFrame(
        {
            "kind": [row[0] for row in relative + labels],
            "name": [row[1] for row in relative + labels],
        },
        geometry=[row[2] for row in relative + labels],
        crs=WORK_CRS,
    ).to_crs(WGS84)
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 1e-6)
    return frame

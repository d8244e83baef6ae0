"""Where things are in the demo city: points near a neighbourhood, addresses, and branches."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon

from geo.demo.city import NEIGHBOURHOODS, WGS84, WORK_CRS, Neighbourhood
from geo.demo.communities import COMMUNITIES
from geo.demo.tracts import centre_xy

# (name, neighbourhood, hours); the first is the central library downtown.
_BRANCHES = (
    (
        "Riverton Central Library",
        "Old Market",
        "Mon-Thu 09:00-21:00; Fri-Sat 09:00-18:00; Sun 13:00-17:00",
    ),
    ("Lantern Row Branch", "Lantern Row", "Mon-Thu 10:00-20:00; Fri-Sat 10:00-18:00; Sun closed"),
    ("Millbrook Branch", "Millbrook", "Mon-Thu 10:00-20:00; Fri-Sat 10:00-18:00; Sun 12:00-16:00"),
    ("Port Anselm Branch", "Port Anselm", "Mon-Thu 10:00-20:00; Fri-Sat 10:00-18:00; Sun closed"),
    (
        "Bellwether Heights Branch",
        "Bellwether Heights",
        "Mon-Wed 10:00-20:00; Thu-Sat 10:00-18:00; Sun closed",
    ),
    (
        "Pine Hollow Branch",
        "Pine Hollow",
        "Tue-Thu 11:00-19:00; Fri-Sat 10:00-17:00; Sun-Mon closed",
    ),
    ("Kestrel Park Branch", "Kestrel Park", "Mon-Thu 10:00-20:00; Fri-Sat 10:00-18:00; Sun closed"),
    ("Orchard Hill Branch", "Orchard Hill", "Mon-Thu 10:00-19:00; Fri-Sat 10:00-17:00; Sun closed"),
    (
        "Calder Flats Branch",
        "Calder Flats",
        "Mon-Thu 10:00-20:00; Fri-Sat 10:00-18:00; Sun 12:00-16:00",
    ),
    ("Ashgrove Branch", "Ashgrove", "Mon-Thu 10:00-20:00; Fri-Sat 10:00-17:00; Sun closed"),
)


class CityPoints:
    """Draws points inside the city near neighbourhoods and turns them into lat/lon."""

    def __init__(self, boundary: Polygon, tracts: gpd.GeoDataFrame, rng: np.random.Generator):
        self.inside = boundary.buffer(-80.0)
        self.tracts = tracts
        self.rng = rng
        cx, cy = centre_xy()
        self._offset = (cx, cy)
        self._to_wgs84 = Transformer.from_crs(WORK_CRS, WGS84, always_xy=True)
        self.labels = {n.name: _label(tracts, n.name) for n in NEIGHBOURHOODS}

    def near(self, centre: tuple[float, float], spread_m: float) -> Point:
        """Return a point drawn around ``centre`` (relative metres) that lies inside the city."""
        for _ in range(200):
            x, y = self.rng.normal(centre, spread_m)
            if self.inside.contains(Point(x, y)):
                return Point(x, y)
        raise ValueError(f"No point inside the city near {centre}; reduce the spread.")

    def in_neighbourhood(self, name: str, spread_m: float) -> Point:
        """Return a point near a random tract centre of neighbourhood ``name``."""
        rows = self.tracts[self.tracts["neighbourhood"] == name]
        row = rows.iloc[int(self.rng.integers(len(rows)))]
        return self.near((float(row["x_m"]), float(row["y_m"])), spread_m)

    def lat_lon(self, point: Point) -> tuple[float, float]:
        """Return (lat, lon) rounded to 6 decimals of a point in relative metres."""
        lon, lat = self._to_wgs84.transform(point.x + self._offset[0], point.y + self._offset[1])
        return round(float(lat), 6), round(float(lon), 6)

    def address(self, neighbourhood: Neighbourhood) -> str:
        """Return a fictional street address in the neighbourhood."""
        street = neighbourhood.streets[int(self.rng.integers(len(neighbourhood.streets)))]
        number = int(self.rng.integers(2, 240)) * 10 + int(self.rng.integers(0, 9))
        return f"{number} {street}, Riverton"


def _label(tracts: gpd.GeoDataFrame, name: str) -> tuple[float, float]:
    """Return the relative-metre label point of a neighbourhood (inside its tracts)."""
    rows = tracts[tracts["neighbourhood"] == name]
    point = shapely.union_all(shapely.points(rows["x_m"], rows["y_m"]).tolist()).centroid
    return float(point.x), float(point.y)


def neighbourhood_languages(neighbourhood: Neighbourhood) -> list[str]:
    """Return the languages of the communities living in a neighbourhood, most present first."""
    ranked = sorted(neighbourhood.countries.items(), key=lambda item: -item[1])
    languages: list[str] = []
    for country, _ in ranked:
        community = next(c for c in COMMUNITIES if country in c.countries)
        languages += [code for code in community.languages if code not in languages]
    return languages


def build_branches(points: CityPoints) -> list[list[object]]:
    """Return the library branch rows (columns ``BRANCH_COLUMNS``).

    Parameters
    ----------
    points : CityPoints
        Point drawer of the city.

    Returns
    -------
    list of list
        One row per branch; services and languages are ``;``-separated vocabulary keys.
    """
    by_name = {n.name: n for n in NEIGHBOURHOODS}
    rows: list[list[object]] = []
    for i, (name, where, hours) in enumerate(_BRANCHES, start=1):
        neighbourhood = by_name[where]
        lat, lon = points.lat_lon(points.near(points.labels[where], 150.0))
        services = ["world_languages", "homework"]
        if neighbourhood.foreign_born_share >= 0.3 or i == 1:
            services = ["esl", "citizenship", "jobs", *services]
        elif neighbourhood.affluence < 0.5:
            services = ["jobs", *services]
        languages = neighbourhood_languages(neighbourhood)
        if i == 1:
            languages = ["es", "zh", "ar", "prs", "fr", "ht", "uk", "so", "vi", *languages]
        languages = list(dict.fromkeys(["en", *languages, "es"]))
        rows.append(
            [
                f"BR-{i:02d}",
                name,
                points.address(neighbourhood),
                f"{lat:.6f}",
                f"{lon:.6f}",
                hours,
                ";".join(services),
                ";".join(languages),
            ]
        )
    return rows

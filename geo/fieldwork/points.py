"""A place on a walk and the distance between two places: the small types every walk module
shares (routes, areas, streets), kept here so none of them imports another back.

Distances are great-circle (haversine) on a sphere of the mean Earth radius (IUGG, 6,371,008.8 m);
over a walk of a few kilometres the error against the ellipsoid is under 0.5%.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True, kw_only=True)
class Stop:
    """A place on the walk: an organization of the database, or a free point."""

    label: str
    lat: float
    lon: float
    organization_id: str | None = None
    address: str = ""
    languages: str = ""
    services: str = ""
    hours: str = ""  # opening hours as text ("Mo-Fr 09:00-17:00"), see geo.hours
    site_position: int | None = None  # which site of the organization (None: a free point)

    @property
    def key(self) -> str:
        """Identity of the place: organization and site, or the label of a free point."""
        if self.organization_id is None:
            return self.label
        if self.site_position is None:
            return self.organization_id
        return f"{self.organization_id}#{self.site_position}"


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))

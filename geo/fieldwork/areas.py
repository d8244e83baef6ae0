"""The area a walkabout covers: a catchment ring, a drawn polygon, or chosen tracts.

Distances are great-circle (:func:`geo.fieldwork.points.haversine_m`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import Point, Polygon

from geo.errors import ValidationError
from geo.fieldwork.points import Stop, haversine_m
from geo.messages import N_, Listing, Message, n_

if TYPE_CHECKING:
    import geopandas as gpd


AREA_KINDS: dict[str, str] = {
    "catchment": N_("Catchment ring around the branch"),
    "tracts": N_("Chosen tracts"),
    "polygon": N_("Drawn polygon"),
}


@dataclass(frozen=True, kw_only=True)
class AreaDefinition:
    """Where the walk may go.

    ``kind`` is a key of :data:`AREA_KINDS`: ``catchment`` uses ``radius_m`` around the
    branch; ``tracts`` the union of the tracts ``geoids``; ``polygon`` the ring
    ``polygon`` of (lat, lon) pairs.
    """

    kind: str = "catchment"
    radius_m: float = 1000.0
    geoids: tuple[str, ...] = ()
    polygon: tuple[tuple[float, float], ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        """The definition as stored in the database (``walkabouts.area``)."""
        if self.kind == "catchment":
            return {"kind": "catchment", "radius_m": self.radius_m}
        if self.kind == "tracts":
            return {"kind": "tracts", "geoids": list(self.geoids)}
        return {"kind": "polygon", "polygon": [list(p) for p in self.polygon]}

    @classmethod
    def from_json(cls, data: Mapping[str, object] | None) -> AreaDefinition:
        """Read a stored definition back (None: a 1 km catchment)."""
        data = data or {}
        kind = str(data.get("kind", "catchment"))
        if kind == "tracts":
            return cls(kind=kind, geoids=tuple(str(g) for g in data.get("geoids", [])))  # type: ignore[attr-defined]
        if kind == "polygon":
            ring = tuple((float(a), float(b)) for a, b in data.get("polygon", []))  # type: ignore[attr-defined]
            return cls(kind=kind, polygon=ring)
        return cls(kind="catchment", radius_m=float(data.get("radius_m", 1000.0)))  # type: ignore[arg-type]

    def describe(self, translate: Callable[[str], str] = str) -> str:
        """A short human description, e.g. 'within 1000 m of the branch'.

        ``translate`` turns the English template into the reader's language first.
        """
        if self.kind == "catchment":
            return translate(N_("within {metres} m of the branch")).format(
                metres=f"{self.radius_m:.0f}"
            )
        if self.kind == "tracts":
            return translate(N_("in the chosen tracts ({n})")).format(n=len(self.geoids))
        return translate(N_("inside a drawn polygon of {n} corners")).format(n=len(self.polygon))


def parse_polygon_text(text: str) -> tuple[tuple[float, float], ...]:
    """Read 'lat, lon' pairs separated by ';' or new lines into a polygon ring.

    Raises
    ------
    ValidationError
        If a pair cannot be read or fewer than three corners are given.
    """
    ring = []
    for number, part in enumerate(p for p in text.replace("\n", ";").split(";") if p.strip()):
        try:
            lat_text, lon_text = part.split(",")
            ring.append((float(lat_text), float(lon_text)))
        except ValueError as err:
            raise ValidationError(
                Message(
                    N_(
                        "Corner {number} of the polygon ('{text}') is not 'lat, lon'. Type one "
                        "'lat, lon' pair per line, e.g. '41.01, -45.02'."
                    ),
                    number=str(number + 1),
                    text=part.strip(),
                )
            ) from err
    if len(ring) < 3:
        raise ValidationError(
            Message(N_("A polygon needs at least three corners ('lat, lon' per line)."))
        )
    return tuple(ring)


def build_area_shape(
    area: AreaDefinition, tracts: gpd.GeoDataFrame | None = None
) -> shapely.Geometry | None:
    """The area as a WGS84 shape (x = lon), or None for a catchment ring (checked by distance).

    Raises
    ------
    ValidationError
        If chosen tracts are unknown or none are chosen.
    """
    if area.kind == "catchment":
        return None
    if area.kind == "polygon":
        return shapely.make_valid(Polygon([(lon, lat) for lat, lon in area.polygon]))
    if not area.geoids:
        raise ValidationError(Message(N_("Choose at least one tract for the walk's area.")))
    if tracts is None:
        raise ValidationError(Message(N_("The tract outlines are needed to check a tracts area.")))
    unknown = [g for g in area.geoids if g not in tracts.index]
    if unknown:
        raise ValidationError(
            n_(
                "Unknown tract: {geoids}. Choose it again.",
                "Unknown tracts: {geoids}. Choose them again.",
                len(unknown),
                geoids=Listing(unknown, ", "),
            )
        )
    return shapely.union_all(tracts.loc[list(area.geoids)].geometry.values)


def check_stops_in_area(
    start: Stop,
    stops: Sequence[Stop],
    area: AreaDefinition,
    tracts: gpd.GeoDataFrame | None = None,
) -> None:
    """Refuse stops outside the walk's area.

    Parameters
    ----------
    start : Stop
        The branch the walk starts and ends at (centre of a catchment ring).
    stops : sequence of Stop
        The stops chosen.
    area : AreaDefinition
        Catchment ring (distance from the branch must be at most ``radius_m``), tracts or
        polygon (the stop must lie inside or on the edge).
    tracts : geopandas.GeoDataFrame, optional
        Tract polygons indexed by GEOID, needed for a ``tracts`` area.

    Raises
    ------
    ValidationError
        Naming every stop outside the area; ``problems`` has one entry per stop.
    """
    shape = build_area_shape(area, tracts)
    outside = [(s, why) for s in stops if (why := _outside(start, s, area, shape))]
    if outside:
        listed = Listing(
            Message(N_("'{stop}' ({why})"), stop=s.label, why=why) for s, why in outside
        )
        raise ValidationError(
            n_(
                "{count} stop lies outside the walk's area ({area}): {listed}. Remove it, or "
                "widen the area.",
                "{count} stops lie outside the walk's area ({area}): {listed}. Remove them, "
                "or widen the area.",
                len(outside),
                area=_description(area),
                listed=listed,
            ),
            [{"stop": s.label, "message": why} for s, why in outside],
        )


def _description(area: AreaDefinition) -> Message:
    """:meth:`AreaDefinition.describe` as a Message (said in the reader's language)."""
    if area.kind == "catchment":
        return Message(N_("within {metres} m of the branch"), metres=f"{area.radius_m:.0f}")
    if area.kind == "tracts":
        return Message(N_("in the chosen tracts ({n})"), n=len(area.geoids))
    return Message(N_("inside a drawn polygon of {n} corners"), n=len(area.polygon))


def _outside(
    start: Stop, stop: Stop, area: AreaDefinition, shape: shapely.Geometry | None
) -> Message | str:
    """Why ``stop`` lies outside the area ('' when it is inside)."""
    if shape is None:
        distance = haversine_m(start.lat, start.lon, stop.lat, stop.lon)
        if distance <= area.radius_m:
            return ""
        return Message(N_("{metres:,.0f} m from the branch"), metres=distance)
    return "" if shape.covers(Point(stop.lon, stop.lat)) else Message(N_("outside the area"))


def stops_in_area(
    start: Stop,
    stops: Sequence[Stop],
    area: AreaDefinition,
    tracts: gpd.GeoDataFrame | None = None,
) -> list[tuple[Stop, float]]:
    """The stops inside the walk's area with their distance from the branch, nearest first.

    The planner offers only these, so a team never picks a stop the route would refuse.

    Parameters
    ----------
    start : Stop
        The branch.
    stops : sequence of Stop
        Every candidate (e.g. the organizations matching the sidebar filters).
    area : AreaDefinition
        As for :func:`check_stops_in_area`.
    tracts : geopandas.GeoDataFrame, optional
        Tract polygons indexed by GEOID, needed for a ``tracts`` area.

    Returns
    -------
    list of (Stop, float)
        Inside stops and their great-circle distance in metres from ``start``; ties keep
        the input order.

    Raises
    ------
    ValidationError
        If a tracts area names no tract or unknown ones.
    """
    shape = build_area_shape(area, tracts)
    inside = [
        (stop, haversine_m(start.lat, start.lon, stop.lat, stop.lon))
        for stop in stops
        if not _outside(start, stop, area, shape)
    ]
    return sorted(inside, key=lambda pair: pair[1])

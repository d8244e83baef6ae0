"""Walkabout routes: start and end at the branch, visit every stop, keep the walk short.

The order comes from the nearest-neighbour tour improved by 2-opt (reverse a segment while
that shortens the loop), the textbook heuristic for small travelling-salesman tours (Croes
1958; Lin 1965); for the 5-30 stops of a walk it is within a few percent of optimal and
instant. Distances are great-circle, or along streets when a street graph is configured
(see :mod:`geo.fieldwork.streets`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import RouteNotFeasible, ValidationError
from geo.fieldwork.points import Stop, haversine_m
from geo.messages import N_, Message

DEFAULT_SPEED_KMH = 4.8
Matrix = list[list[float]]
# Route.method and Route.notes hold these English texts; the page and the sheet translate them.
GREAT_CIRCLE = N_("great-circle")
STREET_NETWORK = N_("street network")
STRAIGHT_NOTE = N_("Distances are straight lines; streets make the real walk longer.")
NO_STOPS = N_(
    "The walk has no stops. Choose organizations to visit or add a point, then plan again."
)


@dataclass(frozen=True, kw_only=True)
class Leg:
    """One stretch of the walk, from one stop to the next."""

    number: int
    from_label: str
    to_label: str
    distance_m: float
    walk_minutes: float
    path: tuple[tuple[float, float], ...] = ()  # (lat, lon) along streets; empty = straight


@dataclass(frozen=True, kw_only=True)
class Route:
    """The planned walk: ``start`` (the branch), ``stops`` in walking order, one leg more."""

    start: Stop
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...]
    speed_kmh: float
    method: str = GREAT_CIRCLE
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def total_distance_m(self) -> float:
        """Length of the whole loop in metres."""
        return sum(leg.distance_m for leg in self.legs)

    @property
    def total_walk_minutes(self) -> float:
        """Walking time of the whole loop (no time spent at stops)."""
        return sum(leg.walk_minutes for leg in self.legs)

    def line(self) -> list[tuple[float, float]]:
        """(lat, lon) of the loop, branch to branch, along streets where known."""
        points = [self.start, *self.stops, self.start]
        line: list[tuple[float, float]] = []
        for leg, a, b in zip(self.legs, points, points[1:], strict=False):
            line.extend(leg.path or ((a.lat, a.lon), (b.lat, b.lon)))
        return line


def walk_minutes(distance_m: float, speed_kmh: float) -> float:
    """Minutes to walk ``distance_m`` at ``speed_kmh``."""
    return distance_m / (speed_kmh * 1000.0 / 60.0)


def great_circle_matrix(points: Sequence[Stop]) -> Matrix:
    """Pairwise haversine distances in metres."""
    return [[haversine_m(a.lat, a.lon, b.lat, b.lon) for b in points] for a in points]


def tour_length(order: Sequence[int], matrix: Matrix) -> float:
    """Length of the closed tour visiting ``order`` and returning to its first index."""
    return sum(matrix[a][b] for a, b in zip(order, [*order[1:], order[0]], strict=True))


def nearest_neighbour_order(matrix: Matrix) -> list[int]:
    """Tour from index 0, always walking to the closest unvisited point."""
    order, left = [0], set(range(1, len(matrix)))
    while left:
        here = order[-1]
        nearest = min(left, key=lambda j: (matrix[here][j], j))
        order.append(nearest)
        left.remove(nearest)
    return order


def two_opt(order: Sequence[int], matrix: Matrix) -> list[int]:
    """Improve a closed tour by reversing segments until no reversal shortens it.

    Index 0 (the branch) stays first. Distances need not be symmetric for correctness of
    the loop; the gain test assumes they nearly are, as walking distances are.
    """
    tour = list(order)
    n = len(tour)
    improved = True
    while improved:
        improved = False
        for i in range(1, n - 1):
            for k in range(i + 1, n):
                a, b = tour[i - 1], tour[i]
                c, d = tour[k], tour[(k + 1) % n]
                gain = matrix[a][b] + matrix[c][d] - matrix[a][c] - matrix[b][d]
                if gain > 1e-9:
                    tour[i : k + 1] = reversed(tour[i : k + 1])
                    improved = True
    return tour


def plan_walkabout(
    start: Stop,
    stops: Sequence[Stop],
    *,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    street_graph: Path | str | None = None,
    check: Callable[[Stop, Sequence[Stop]], None] | None = None,
) -> Route:
    """Plan a short walking loop from the branch through every stop and back.

    Parameters
    ----------
    start : Stop
        The branch (start and end of the walk).
    stops : sequence of Stop
        Places to visit, in any order; repeats at the same spot are kept.
    speed_kmh : float, optional
        Walking speed, 4.8 km/h by default (a common planning figure for adults).
    street_graph : path, optional
        GraphML street graph; when given, distances follow streets (needs ``osmnx``).
    check : callable, optional
        Called with ``(start, stops)`` first, e.g. a bound
        :func:`geo.fieldwork.areas.check_stops_in_area`.

    Returns
    -------
    Route
        Stops in walking order, one leg per stretch (the last returns to the branch).

    Raises
    ------
    RouteNotFeasible
        If there are no stops, or the street graph cannot join them.
    ValidationError
        If the speed is not positive or a coordinate is out of range, or ``check`` refuses.

    Examples
    --------
    >>> branch = Stop(label="Library", lat=41.0, lon=-45.0)
    >>> route = plan_walkabout(branch, [Stop(label="A", lat=41.001, lon=-45.0)])
    >>> round(route.total_distance_m)
    222
    """
    if not stops:
        raise RouteNotFeasible(Message(NO_STOPS))
    _validate(start, stops, speed_kmh)
    if check is not None:
        check(start, stops)
    points = [start, *stops]
    paths: dict[tuple[int, int], tuple[tuple[float, float], ...]] = {}
    notes: tuple[str, ...] = ()
    if street_graph:
        from geo.fieldwork.streets import street_matrix

        matrix, paths = street_matrix(Path(street_graph), points)
        method = STREET_NETWORK
    else:
        matrix = great_circle_matrix(points)
        method, notes = GREAT_CIRCLE, (STRAIGHT_NOTE,)
    order = two_opt(nearest_neighbour_order(matrix), matrix)
    return Route(
        start=start,
        stops=tuple(points[i] for i in order[1:]),
        legs=_legs(points, order, matrix, paths, speed_kmh),
        speed_kmh=speed_kmh,
        method=method,
        notes=notes,
    )


def _legs(
    points: Sequence[Stop],
    order: Sequence[int],
    matrix: Matrix,
    paths: dict[tuple[int, int], tuple[tuple[float, float], ...]],
    speed_kmh: float,
) -> tuple[Leg, ...]:
    """One leg per stretch of the tour ``order``, the last one back to index 0."""
    loop = [*order, 0]
    return tuple(
        Leg(
            number=number,
            from_label=points[a].label,
            to_label=points[b].label,
            distance_m=matrix[a][b],
            walk_minutes=walk_minutes(matrix[a][b], speed_kmh),
            path=paths.get((a, b), ()),
        )
        for number, (a, b) in enumerate(zip(loop, loop[1:], strict=False), start=1)
    )


def _validate(start: Stop, stops: Sequence[Stop], speed_kmh: float) -> None:
    if not speed_kmh > 0:
        raise ValidationError(
            Message(N_("Walking speed must be above 0 km/h (got {speed})."), speed=speed_kmh)
        )
    for stop in (start, *stops):
        if not (-90 <= stop.lat <= 90 and -180 <= stop.lon <= 180):
            raise ValidationError(
                Message(
                    N_(
                        "'{stop}' has coordinates out of range ({lat}, {lon}); latitude goes "
                        "from -90 to 90 and longitude from -180 to 180."
                    ),
                    stop=stop.label,
                    lat=str(stop.lat),
                    lon=str(stop.lon),
                )
            )

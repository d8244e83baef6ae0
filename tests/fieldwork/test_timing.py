"""Arrival times along a walk and whether each stop is open then."""

from __future__ import annotations

from datetime import datetime

import pytest

from geo.fieldwork.routes import Leg, Route, Stop
from geo.fieldwork.timing import plan_visits
from geo.hours import is_open, parse_opening_hours

BRANCH = Stop(label="Branch", lat=40.0, lon=-45.0)


def open_at(hours: str, when):
    """The opening check the planner page passes in (ui.fieldwork_common.open_at)."""
    try:
        return is_open(parse_opening_hours(hours), when)
    except ValueError:
        return None


def _route(*stops: Stop, minutes: tuple[float, ...]) -> Route:
    names = [BRANCH.label, *(s.label for s in stops), BRANCH.label]
    legs = tuple(
        Leg(number=i + 1, from_label=a, to_label=b, distance_m=m * 80, walk_minutes=m)
        for i, (a, b, m) in enumerate(zip(names[:-1], names[1:], minutes, strict=True))
    )
    return Route(start=BRANCH, stops=stops, legs=legs, speed_kmh=4.8)


def _org(label: str, hours: str) -> Stop:
    return Stop(label=label, lat=40.0, lon=-45.0, organization_id=label, hours=hours)


def test_arrivals_add_walking_time_and_time_at_earlier_stops():
    route = _route(_org("A", ""), _org("B", ""), minutes=(10, 20, 5))
    visits = plan_visits(route, datetime(2026, 12, 5, 10, 0), opening=open_at, minutes_at_stop=15)
    assert [v.arrives_at for v in visits] == [
        datetime(2026, 12, 5, 10, 10),
        datetime(2026, 12, 5, 10, 45),  # 10 walking + 15 at A + 20 walking
    ]


@pytest.mark.parametrize(
    ("leave", "expected", "line"),
    [
        # Arrives 16:59 on a Friday: open; 17:00: closed (the hours end then).
        (datetime(2026, 12, 4, 16, 49), True, "Open at 16:59 on Fri 04 Dec"),
        (datetime(2026, 12, 4, 16, 50), False, "Closed at 17:00 on Fri 04 Dec"),
        # Saturday morning: not in Mo-Fr.
        (datetime(2026, 12, 5, 10, 0), False, "Closed at 10:10 on Sat 05 Dec"),
    ],
)
def test_open_or_closed_when_the_walk_arrives(leave, expected, line):
    route = _route(_org("Clinic", "Mo-Fr 09:00-17:00"), minutes=(10, 10))
    (visit,) = plan_visits(route, leave, opening=open_at)
    assert visit.open is expected
    assert visit.opening_line() == f"{line} (hours: Mo-Fr 09:00-17:00)"


def test_unknown_hours_say_so_and_free_points_say_nothing():
    route = _route(
        _org("No hours", ""),
        _org("Words", "by appointment"),
        Stop(label="Mural", lat=40.0, lon=-45.0),
        minutes=(10, 10, 10, 10),
    )
    visits = plan_visits(route, datetime(2026, 12, 4, 10, 0), opening=open_at, minutes_at_stop=0)
    assert [v.open for v in visits] == [None, None, None]
    assert visits[0].opening_line() == "Arriving about 10:10 · opening hours not recorded"
    assert visits[1].opening_line() == "Opening hours: by appointment (check before 10:20)"
    assert visits[2].opening_line() == ""

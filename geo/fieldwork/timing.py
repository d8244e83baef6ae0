"""When the walk reaches each stop, and whether the place is open then.

The walk's date and start time are local times of the study area (naive datetimes), as
the opening hours are. The arrival at a stop adds the walking time of every leg before it
and the time spent at every earlier stop. Whether a stop is open then is asked of the
caller's ``opening`` function (the UI passes one built on :mod:`geo.hours`, which sits
above this package, next to the database models).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from geo.fieldwork.points import Stop
from geo.fieldwork.routes import Route

DEFAULT_MINUTES_AT_STOP = 15
# (opening hours as text, local time) -> open?, None when the hours do not say.
Opening = Callable[[str, datetime], bool | None]


@dataclass(frozen=True, kw_only=True)
class StopVisit:
    """One stop of the walk with its estimated arrival and opening state then."""

    stop: Stop
    arrives_at: datetime
    open: bool | None  # None: hours not recorded (or only words such as "by appointment")

    def opening_line(self) -> str:
        """``Open at 10:25 (Mo-Fr 09:00-17:00)``; empty for a free point."""
        if self.stop.organization_id is None:
            return ""
        at = f"{self.arrives_at:%H:%M}"
        if self.open is None:
            if self.stop.hours:
                return f"Opening hours: {self.stop.hours} (check before {at})"
            return f"Arriving about {at} · opening hours not recorded"
        state = "Open" if self.open else "Closed"
        return f"{state} at {at} on {self.arrives_at:%a %d %b} (hours: {self.stop.hours})"


def plan_visits(
    route: Route,
    starts_at: datetime,
    *,
    opening: Opening,
    minutes_at_stop: float = DEFAULT_MINUTES_AT_STOP,
) -> list[StopVisit]:
    """Arrival time and opening state at each stop, in walking order.

    Parameters
    ----------
    route : Route
        The planned walk; ``route.legs[i]`` reaches ``route.stops[i]``.
    starts_at : datetime.datetime
        When the team leaves the branch, local time of the study area (naive).
    opening : callable
        ``opening(hours_text, when)``: True/False, or None when the text gives no times
        (see ``geo.hours.parse_opening_hours`` and ``geo.hours.is_open``).
    minutes_at_stop : float, optional
        Time spent at each stop before walking on (15 by default).

    Returns
    -------
    list of StopVisit
        One per stop. ``open`` is None when the stop's hours are not recorded or are
        not OpenStreetMap ``opening_hours`` text (words only).
    """
    visits: list[StopVisit] = []
    clock = starts_at
    for number, (stop, leg) in enumerate(zip(route.stops, route.legs, strict=False)):
        clock += timedelta(minutes=leg.walk_minutes + (minutes_at_stop if number else 0))
        is_open = opening(stop.hours, clock) if stop.hours else None
        visits.append(StopVisit(stop=stop, arrives_at=clock, open=is_open))
    return visits

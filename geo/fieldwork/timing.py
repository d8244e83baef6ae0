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
from datetime import date, datetime, timedelta

from geo.fieldwork.points import Stop
from geo.fieldwork.routes import Route
from geo.i18n import N_

DEFAULT_MINUTES_AT_STOP = 15
# (opening hours as text, local time) -> open?, None when the hours do not say.
Opening = Callable[[str, datetime], bool | None]
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = (
    *(N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun")),
    *(N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")),
)
OPEN_LINE = N_("Open at {time} on {day} (hours: {hours})")
CLOSED_LINE = N_("Closed at {time} on {day} (hours: {hours})")
WORDS_ONLY_LINE = N_("Opening hours: {hours} (check before {time})")
NO_HOURS_LINE = N_("Arriving about {time} · opening hours not recorded")


def weekday(day: date, translate: Callable[[str], str] = str) -> str:
    """The weekday's short name (``Mon``), in the language of ``translate``."""
    return translate(WEEKDAYS[day.weekday()])


def short_day(day: date, translate: Callable[[str], str] = str) -> str:
    """``Mon 07 Dec``: weekday and month names in the language of ``translate``."""
    return f"{weekday(day, translate)} {day:%d} {translate(MONTHS[day.month - 1])}"


@dataclass(frozen=True, kw_only=True)
class StopVisit:
    """One stop of the walk with its estimated arrival and opening state then."""

    stop: Stop
    arrives_at: datetime
    open: bool | None  # None: hours not recorded (or only words such as "by appointment")

    def opening_line(self, translate: Callable[[str], str] = str) -> str:
        """``Open at 10:25 on Mon 07 Dec (hours: Mo-Fr 09:00-17:00)``; empty for a free point.

        ``translate`` turns the English templates into the reader's language (the page
        passes ``ui.i18n._``); the hours stay as recorded.
        """
        if self.stop.organization_id is None:
            return ""
        tr, at, hours = translate, f"{self.arrives_at:%H:%M}", self.stop.hours
        if self.open is None:
            line = WORDS_ONLY_LINE if hours else NO_HOURS_LINE
            return tr(line).format(time=at, hours=hours)
        day = short_day(self.arrives_at, tr)
        return tr(OPEN_LINE if self.open else CLOSED_LINE).format(time=at, day=day, hours=hours)


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

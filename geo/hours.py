"""Opening hours: read OpenStreetMap ``opening_hours`` text, show hours, answer "open now?".

Hours are stored as weekday rows (:class:`~geo.db.models.OpeningHours`, as HSDS ``schedules``).
The OSM syntax (``Mo-Fr 09:00-17:00; Sa 10:00-12:00``) is parsed by the kept
``opening-hours-py`` library, then laid out over one reference week into those rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from geo.db.models import WEEKDAYS, OpeningHours
from geo.errors import ValidationError

# A Monday far from any holiday rule; only the weekly pattern is read from it.
_REFERENCE_MONDAY = datetime(2024, 1, 8)
__all__ = ["format_hours", "hours_for", "is_open", "parse_opening_hours", "zone"]


def parse_opening_hours(text: str) -> tuple[OpeningHours, ...]:
    """Weekday rows of an OSM ``opening_hours`` value.

    Parameters
    ----------
    text : str
        E.g. ``"Mo-Fr 09:00-17:00; Sa 10:00-12:00"``; ``"24/7"`` works too.

    Returns
    -------
    tuple of OpeningHours
        One row per open interval and weekday (an interval past midnight ends at 23:59
        and goes on the next day), in week order. Empty text gives no rows.

    Raises
    ------
    ValueError
        With the library's reason when the text is not valid OSM syntax.

    Examples
    --------
    >>> [str(h) for h in parse_opening_hours("Mo,We 09:00-12:00")]
    ['Mo 09:00-12:00', 'We 09:00-12:00']
    """
    from opening_hours import OpeningHours as Parser

    if not text or not text.strip():
        return ()
    try:
        parser = Parser(text.strip())
    except Exception as err:  # the library raises its own SyntaxError type
        raise ValueError(
            f"'{text}' is not OpenStreetMap opening_hours syntax such as "
            f"'Mo-Fr 09:00-17:00; Sa 10:00-12:00' ({str(err).splitlines()[0]})"
        ) from err
    end = _REFERENCE_MONDAY + timedelta(days=7)
    rows: list[OpeningHours] = []
    for start, stop, state, _comment in parser.intervals(_REFERENCE_MONDAY, end):
        if str(state).rsplit(".", 1)[-1].upper() != "OPEN":
            continue
        day = start
        while day < stop:
            day_end = min(stop, datetime.combine(day.date() + timedelta(days=1), time()))
            closes = (
                (day_end - timedelta(minutes=1)).time()
                if day_end.time() == time()
                else day_end.time()
            )
            rows.append(
                OpeningHours(weekday=day.isoweekday(), opens_at=day.time(), closes_at=closes)
            )
            day = day_end
    return tuple(rows)


def hours_for(
    hours: Iterable[OpeningHours], *, site: int | None = None, service: int | None = None
) -> tuple[OpeningHours, ...]:
    """The hours that apply to one site (its own, else its services') or one service."""
    rows = tuple(hours)
    if service is not None:
        return tuple(h for h in rows if h.service == service)
    if site is not None:
        own = tuple(h for h in rows if h.site == site and h.service is None)
        return own or tuple(h for h in rows if h.site in (site, None))
    return rows


def format_hours(hours: Iterable[OpeningHours]) -> str:
    """Short text for people: ``Mo-Fr 09:00-17:00; Sa 10:00-12:00`` (words kept as given)."""
    by_times: dict[str, list[int]] = {}
    for h in sorted(set(hours), key=lambda h: (h.weekday, h.opens_at or time())):
        if h.opens_at is None or h.closes_at is None:
            label = h.description or ""
        else:
            label = f"{h.opens_at:%H:%M}-{h.closes_at:%H:%M}"
        days = by_times.setdefault(label, [])
        if h.weekday not in days:
            days.append(h.weekday)
    return "; ".join(f"{_day_ranges(days)} {label}".strip() for label, days in by_times.items())


def _day_ranges(days: list[int]) -> str:
    groups: list[list[int]] = []
    for day in sorted(days):
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    return ",".join(
        WEEKDAYS[g[0] - 1] if len(g) == 1 else f"{WEEKDAYS[g[0] - 1]}-{WEEKDAYS[g[-1] - 1]}"
        for g in groups
    )


def zone(name: str) -> ZoneInfo:
    """The study area's time zone (an IANA name such as ``America/New_York``).

    Raises
    ------
    ValidationError
        When the name is not a known time zone.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValidationError(
            f"'{name}' is not a time zone name; use one such as 'America/New_York'.",
            [{"field": "time_zone", "message": "unknown time zone"}],
        ) from err


def is_open(hours: Iterable[OpeningHours], when: datetime, *, tz: str | None = None) -> bool | None:
    """Whether the place is open at ``when``; None when its hours are not known in times.

    Parameters
    ----------
    hours : iterable of OpeningHours
        The rows that apply (see :func:`hours_for`), local to the study area.
    when : datetime.datetime
        A naive local time, or an aware one (converted to ``tz`` first).
    tz : str, optional
        The study area's time zone; needed only for an aware ``when``.

    Returns
    -------
    bool or None
        True inside an interval; False when times are known and none covers ``when``;
        None when there are no rows or only words ("by appointment").
    """
    rows = [h for h in hours if h.opens_at is not None and h.closes_at is not None]
    if not rows:
        return None
    if when.tzinfo is not None and tz:
        when = when.astimezone(zone(tz)).replace(tzinfo=None)
    moment, weekday = when.time(), when.isoweekday()
    for h in rows:
        opens, closes = h.opens_at, h.closes_at
        assert opens is not None and closes is not None
        if closes > opens and h.weekday == weekday and opens <= moment < closes:
            return True
        if closes <= opens:  # past midnight: 22:00-02:00
            after = h.weekday == weekday and moment >= opens
            before = h.weekday % 7 + 1 == weekday and moment < closes
            if after or before:
                return True
        if closes == time(23, 59) and h.weekday == weekday and moment >= closes:
            return True
    return False

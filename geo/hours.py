"""Opening hours: read OpenStreetMap ``opening_hours`` text, show hours, answer "open now?".

Hours are stored as weekday rows (:class:`~geo.db.models.OpeningHours`, as HSDS ``schedules``).
The OSM syntax (``Mo-Fr 09:00-17:00; Sa 10:00-12:00``) is parsed by the kept
``opening-hours-py`` library, then laid out over one reference week into those rows.

Times are local to the study area. Its time zone (:func:`study_area_zone`, used for "open
now") is the ``time_zone`` written in its ``study_area.json`` when there is one; else the
zone of the U.S. state most of its tracts lie in (the first two digits of the GEOID; a state
that spans two zones gets the one where most of its people live, e.g. Texas -> Chicago,
so El Paso writes ``"time_zone": "America/Denver"``); else :data:`DEFAULT_ZONE` (the
illustrative demo city, whose state code 99 is no real state).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from geo.db.models import WEEKDAYS, OpeningHours
from geo.errors import ValidationError
from geo.messages import N_, Message

# A Monday far from any holiday rule; only the weekly pattern is read from it.
_REFERENCE_MONDAY = datetime(2024, 1, 8)
__all__ = [
    "format_hours",
    "hours_for",
    "is_open",
    "open_now_label",
    "open_now_from_text",
    "parse_opening_hours",
    "study_area_zone",
    "zone",
]
DEFAULT_ZONE = "America/New_York"
OPEN_NOW_WORDS = {True: N_("open now"), False: N_("closed now"), None: N_("hours not known")}
# State FIPS code -> IANA zone where most of the state's people live (tz database names).
STATE_ZONES: dict[str, str] = {
    **dict.fromkeys(
        ("09", "10", "11", "12", "13", "21", "23", "24", "25", "33", "34", "36", "37", "39"),
        "America/New_York",
    ),
    **dict.fromkeys(("42", "44", "45", "50", "51", "54"), "America/New_York"),
    **dict.fromkeys(
        ("01", "05", "17", "19", "20", "22", "27", "28", "29", "31", "38", "40", "46", "47"),
        "America/Chicago",
    ),
    **dict.fromkeys(("48", "55"), "America/Chicago"),
    **dict.fromkeys(("08", "30", "35", "49", "56"), "America/Denver"),
    **dict.fromkeys(("06", "32", "41", "53"), "America/Los_Angeles"),
    "02": "America/Anchorage",
    "04": "America/Phoenix",
    "15": "Pacific/Honolulu",
    "16": "America/Boise",
    "18": "America/Indiana/Indianapolis",
    "26": "America/Detroit",
    "60": "Pacific/Pago_Pago",
    "66": "Pacific/Guam",
    "69": "Pacific/Saipan",
    "72": "America/Puerto_Rico",
    "78": "America/St_Thomas",
}


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
            Message(
                N_(
                    "'{text}' is not OpenStreetMap opening_hours syntax such as "
                    "'Mo-Fr 09:00-17:00; Sa 10:00-12:00' ({reason})"
                ),
                text=text,
                reason=str(err).splitlines()[0],
            )
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
            Message(
                N_("'{name}' is not a time zone name; use one such as 'America/New_York'."),
                name=name,
            ),
            [{"field": "time_zone", "message": Message(N_("unknown time zone"))}],
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


def study_area_zone(geoids: Iterable[str], *, declared: str | None = None) -> str:
    """The time zone of a study area (see the module's docstring for the rule).

    Parameters
    ----------
    geoids : iterable of str
        The study area's tract GEOIDs (the first two digits are the state's FIPS code).
    declared : str, optional
        The ``time_zone`` the study area's own description gives; wins when set.

    Raises
    ------
    ValidationError
        When ``declared`` is not a time zone name.

    Examples
    --------
    >>> study_area_zone(["12086000100", "12086000200"])
    'America/New_York'
    """
    if declared:
        return zone(declared).key
    states: dict[str, int] = {}
    for geoid in geoids:
        state = str(geoid)[:2]
        if state in STATE_ZONES:
            states[state] = states.get(state, 0) + 1
    if not states:
        return DEFAULT_ZONE
    return STATE_ZONES[max(states, key=states.__getitem__)]


def open_now_label(hours: Iterable[OpeningHours], now: datetime, tz: str) -> Message:
    """'open now', 'closed now' or 'hours not known' at ``now`` (aware) in the zone ``tz``.

    English as a str; the interface says it in its language (:func:`geo.messages.say`).
    """
    state = is_open(hours, now, tz=tz)
    return Message(OPEN_NOW_WORDS[state])


def open_now_from_text(text: str, now: datetime, tz: str) -> Message:
    """:func:`open_now_label` for hours given as text (``Mo-Fr 09:00-17:00``, as listed).

    Hours known only in words ("by appointment") give 'hours not known'.
    """
    try:
        rows = parse_opening_hours(text)
    except ValueError:
        return Message(OPEN_NOW_WORDS[None])
    return open_now_label(rows, now, tz)

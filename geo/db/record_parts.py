"""Checks for the parts of an organization record: sites, services and opening hours.

Each cleaner takes a dataclass of :mod:`geo.db.models` or a plain mapping (an importer's row)
and returns the dataclass, raising ``ValueError`` with a plain reason. :func:`check_links`
then makes sure every hour and service points at a site or service the record has.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import time

from geo.db.models import WEEKDAYS, OfferedService, OpeningHours, Site, TaxonomyTerm
from geo.messages import N_, Listing, Message, enumeration, n_

SITE_TEXT = tuple(f.name for f in fields(Site) if f.name not in ("lat", "lon"))
SERVICE_TEXT = ("name", "alternate_name", "description", "url", "email", "eligibility")
_DAY_NAMES = {
    **{d.casefold(): i for i, d in enumerate(WEEKDAYS, start=1)},
    **{
        d.casefold(): i
        for i, d in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            start=1,
        )
    },
    **{d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), start=1)},
}
# 17:30, 17:30:00, 9:00am, 9:00a, 830am, 9 pm
_TIME = re.compile(r"^(\d{1,2}):?(\d{2})?(?::(\d{2}))?\s*([AP]M?)?$")


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value).strip() or None


def _get(item: object, name: str) -> object:
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)


@functools.lru_cache(maxsize=512)
def _country(text: str | None) -> str | None:
    """'US', 'USA' or 'United States' -> 'US' (ISO 3166-1 alpha-2, via pycountry)."""
    if text is None:
        return None
    import pycountry

    try:
        return str(pycountry.countries.lookup(text.replace(".", "").strip()).alpha_2)
    except LookupError:
        raise ValueError(
            Message(
                N_("country '{text}' is not a country name or ISO 3166 code such as 'US'"),
                text=text,
            )
        ) from None


def clean_site(item: object, coordinate: Callable[[object, float], float | None]) -> Site:
    """A :class:`Site` from a Site or mapping; coordinates checked by ``coordinate``."""
    values = {name: _text(_get(item, name)) for name in SITE_TEXT}
    country = _country(values["country"])
    lat, lon = coordinate(_get(item, "lat"), 90.0), coordinate(_get(item, "lon"), 180.0)
    if (lat is None) != (lon is None):
        raise ValueError(Message(N_("a site needs both lat and lon, or neither")))
    parts = [values["address_1"], values["address_2"], values["city"]]
    region = " ".join(p for p in (values["state_province"], values["postal_code"]) if p)
    one_line = values["address"] or ", ".join(p for p in (*parts, region) if p) or None
    return Site(**{**values, "country": country, "address": one_line, "lat": lat, "lon": lon})  # type: ignore[arg-type]


def _term(item: object) -> TaxonomyTerm:
    if isinstance(item, TaxonomyTerm):
        return item
    code = _text(_get(item, "code"))
    if code is None:
        raise ValueError(Message(N_("a taxonomy term needs its code")))
    return TaxonomyTerm(
        code=code, name=_text(_get(item, "name")), vocabulary=_text(_get(item, "vocabulary"))
    )


def clean_service(item: object, category: Callable[[object], str]) -> OfferedService:
    """An :class:`OfferedService`; ``category`` turns a label or key into a category key."""
    values = {name: _text(_get(item, name)) for name in SERVICE_TEXT}
    if values["name"] is None:
        raise ValueError(Message(N_("a service needs a name")))
    sites = tuple(int(str(s)) for s in _get(item, "sites") or ())  # type: ignore[attr-defined]
    return OfferedService(
        **values,  # type: ignore[arg-type]
        status=_text(_get(item, "status")) or "active",
        languages=tuple(dict.fromkeys(t for x in _get(item, "languages") or () if (t := _text(x)))),  # type: ignore[attr-defined]
        categories=tuple(dict.fromkeys(category(c) for c in _get(item, "categories") or ())),  # type: ignore[attr-defined]
        terms=tuple(_term(t) for t in _get(item, "terms") or ()),  # type: ignore[attr-defined]
        sites=tuple(dict.fromkeys(sites)),
        source_id=_text(_get(item, "source_id")),
    )


def parse_time(value: object) -> time | None:
    """'9:00am', '9:00a', '830am', '17:30', '08:00:00' or a time -> time; blank -> None."""
    if value is None or isinstance(value, time):
        return value
    return _parse_time_text(str(value).strip())


@functools.lru_cache(maxsize=4096)
def _parse_time_text(text: str) -> time | None:
    if not text:
        return None
    match = _TIME.match(text.replace(".", "").upper())
    if match:
        hour, minute, second, meridiem = match.groups()
        hour, minute = int(hour), int(minute or 0)
        if meridiem:
            hour = hour % 12 + (12 if meridiem.startswith("P") else 0) if 1 <= hour <= 12 else 99
        if hour < 24 and minute < 60:
            return time(hour, minute, int(second or 0))
    raise ValueError(
        Message(N_("'{text}' is not a time of day such as 09:00 or 9:00am"), text=text)
    )


def _weekday(value: object) -> int:
    text = str(value).strip()
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text)
    day = _DAY_NAMES.get(text.casefold())
    if day is None:
        raise ValueError(
            Message(
                N_("'{text}' is not a weekday (Monday ... Sunday, Mo ... Su or 1 ... 7)"),
                text=text,
            )
        )
    return day


def _position(value: object) -> int | None:
    return None if value is None or str(value).strip() == "" else int(str(value))


def clean_hours(item: object) -> OpeningHours:
    """An :class:`OpeningHours` from one weekday row; both times or neither."""
    if isinstance(item, OpeningHours):
        return item
    opens, closes = parse_time(_get(item, "opens_at")), parse_time(_get(item, "closes_at"))
    description = _text(_get(item, "description"))
    if (opens is None) != (closes is None):
        raise ValueError(Message(N_("opening hours need both opens_at and closes_at, or neither")))
    if opens is None and description is None:
        raise ValueError(Message(N_("opening hours need times or a description")))
    return OpeningHours(
        weekday=_weekday(_get(item, "weekday")),
        opens_at=opens,
        closes_at=closes,
        site=_position(_get(item, "site")),
        service=_position(_get(item, "service")),
        description=description,
    )


def check_links(
    sites: tuple[Site, ...], services: tuple[OfferedService, ...], hours: tuple[OpeningHours, ...]
) -> list[tuple[str, str]]:
    """(field, reason) for every service or hour pointing at a site/service the record lacks."""
    problems: list[tuple[str, str]] = []
    for number, service in enumerate(services, start=1):
        missing = [s for s in service.sites if not 0 <= s < len(sites)]
        if missing:
            lacks = Message(
                N_("service {number} names sites {sites} it lacks"),
                number=str(number),
                sites=enumeration(str(s) for s in missing),
            )
            problems.append(("services", lacks))
    for number, hour in enumerate(hours, start=1):
        if hour.site is not None and not 0 <= hour.site < len(sites):
            lacks = Message(
                N_("hours row {number} names site {site} it lacks"),
                number=str(number),
                site=str(hour.site),
            )
            problems.append(("hours", lacks))
        if hour.service is not None and not 0 <= hour.service < len(services):
            lacks = Message(
                N_("hours row {number} names service {service} it lacks"),
                number=str(number),
                service=str(hour.service),
            )
            problems.append(("hours", lacks))
    return problems


def describe_problems(problems: list[dict[str, object]]) -> Message:
    """Plain-words summary of validation problems (first five)."""
    parts = [
        Message(N_("'{field}' {message}"), field=p["field"], message=p["message"])
        if p.get("row") is None
        else Message(
            N_("row {row}: '{field}' {message}"),
            row=str(p["row"]),
            field=p["field"],
            message=p["message"],
        )
        for p in problems[:5]
    ]
    more = len(problems) - 5
    return Message(
        N_("Some fields cannot be saved: {problems}{more}. Correct them and save again."),
        problems=Listing(parts),
        more=n_(" (and {count} more)", " (and {count} more)", more) if more > 0 else "",
    )

"""The organization record: plain frozen dataclasses that cross the database boundary.

:class:`Asset` is the one definition of an organization's record. Its sites (:class:`Site`),
services (:class:`OfferedService`) and opening hours (:class:`OpeningHours`) follow HSDS 3.0;
the tables (:mod:`geo.db.schema`), the checks (:mod:`geo.db.records`), the form, the import
mapping, the table export and the HSDS mapping are checked against these fields by
``tests/db/test_record.py``: a field added here and not there (nor listed there as left out,
with the reason) fails it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

WEEKDAYS: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@dataclass(frozen=True, kw_only=True)
class LanguageServed:
    """A language an organization works in; ``note`` e.g. 'interpreter on request'."""

    code: str
    note: str = ""

    def __str__(self) -> str:
        return f"{self.code}: {self.note}" if self.note else self.code


@dataclass(frozen=True, kw_only=True)
class ContactPerson:
    """A staff-only contact at an organization."""

    name: str | None = None
    role: str | None = None
    phone: str | None = None
    email: str | None = None

    def __str__(self) -> str:
        return " / ".join(v for v in (self.name, self.role, self.phone, self.email) if v)


@dataclass(frozen=True, kw_only=True)
class Site:
    """A place an organization works from (HSDS ``location`` with its physical ``address``)."""

    name: str | None = None
    address: str | None = None  # one line, as people read it
    address_1: str | None = None
    address_2: str | None = None
    city: str | None = None
    state_province: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    description: str | None = None
    accessibility: str | None = None
    transportation: str | None = None
    source_id: str | None = None

    @property
    def needs_location(self) -> bool:
        """True when the site has no coordinates yet."""
        return self.lat is None or self.lon is None


@dataclass(frozen=True, kw_only=True)
class TaxonomyTerm:
    """A term of the source's own taxonomy (e.g. AIRS ``FT-3600``), kept beside our categories."""

    code: str
    name: str | None = None
    vocabulary: str | None = None


@dataclass(frozen=True, kw_only=True)
class OfferedService:
    """A service an organization runs (HSDS ``service``); ``sites`` are positions in its sites."""

    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str = "active"
    eligibility: str | None = None
    languages: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    terms: tuple[TaxonomyTerm, ...] = ()
    sites: tuple[int, ...] = ()
    source_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class OpeningHours:
    """One weekday's open interval (1 = Monday ... 7 = Sunday), local time of the study area.

    ``site``/``service`` are positions: hours of a site, of a service, or of a service at a site.
    """

    weekday: int
    opens_at: time | None = None  # None when the source says it only in words
    closes_at: time | None = None
    site: int | None = None
    service: int | None = None
    description: str | None = None

    def __str__(self) -> str:
        day = WEEKDAYS[self.weekday - 1]
        if self.opens_at is None or self.closes_at is None:
            return f"{day} {self.description or '?'}"
        return f"{day} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


@dataclass(frozen=True, kw_only=True)
class Asset:
    """One organization with everything the asset page shows."""

    id: str
    name: str
    alternate_name: str | None = None
    description: str | None = None
    email: str | None = None
    website: str | None = None
    phone: str | None = None
    status: str = "active"
    source: str | None = None
    source_id: str | None = None
    categories: tuple[str, ...] = ()
    languages: tuple[LanguageServed, ...] = ()
    communities: tuple[str, ...] = ()
    contacts: tuple[ContactPerson, ...] = ()
    sites: tuple[Site, ...] = ()
    services: tuple[OfferedService, ...] = ()
    hours: tuple[OpeningHours, ...] = ()
    # The main site's place (sites[0]), kept flat for the forms and the one-pin map.
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    entry_technique: str | None = None
    collected_by: str | None = None
    collected_on: date | None = None
    last_verified_on: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None
    version: int = 1

    @property
    def needs_location(self) -> bool:
        """True when the organization has no coordinates yet."""
        return self.lat is None or self.lon is None


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change-log entry."""

    changed_at: datetime
    changed_by: str
    entity: str
    entity_id: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    version: int | None

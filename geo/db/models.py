"""Plain records that cross the database boundary (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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

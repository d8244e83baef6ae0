"""Tables of the shared asset database (SQLAlchemy 2 ORM), aligned with Open Referral HSDS 3.0.

HSDS names are kept where they fit: ``organizations``, ``locations`` (an organization's sites, with
their address parts), ``services``, ``service_at_location``, ``schedules`` (opening hours),
``languages``, ``contacts``. ``categories`` (the project's service categories, what filters use),
``service_terms`` (the source's taxonomy terms), ``communities`` (countries of origin served),
``branches`` (library branches) and ``change_log`` are this project's own. Rows below an
organization point at its sites and services by ``position``, so a whole record is written in
one pass and a feed's links survive edits.
Every change to these tables goes through :mod:`geo.db.assets`, which writes ``change_log``.
"""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from geo.db.base import Base, UTCDateTime, utc_now  # noqa: F401


class Organization(Base):
    """An organization serving newcomers (an *asset* on the map); HSDS ``organization``."""

    __tablename__ = "organizations"
    __table_args__ = (
        sa.CheckConstraint("status IN ('active', 'archived')", name="status"),
        sa.UniqueConstraint("source", "source_id"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    # Where the record came from (feed or file name) and that feed's own id (e.g. 'HX-26'):
    # a later import of the same feed finds the record again (unique per source).
    source: Mapped[str | None] = mapped_column(sa.String(200))
    source_id: Mapped[str | None] = mapped_column(sa.String(200))
    alternate_name: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)
    email: Mapped[str | None] = mapped_column(sa.String(320))
    website: Mapped[str | None] = mapped_column(sa.String(500))
    phone: Mapped[str | None] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(16), default="active", index=True)
    # Provenance of the asset-mapping practice.
    entry_technique: Mapped[str | None] = mapped_column(sa.String(32))
    collected_by: Mapped[str | None] = mapped_column(sa.String(200))
    collected_on: Mapped[date | None] = mapped_column(sa.Date)
    last_verified_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    # Normalized keys for the duplicate guard (see geo.db.duplicates).
    name_key: Mapped[str | None] = mapped_column(sa.String(300), index=True)
    phone_key: Mapped[str | None] = mapped_column(sa.String(16), index=True)
    website_key: Mapped[str | None] = mapped_column(sa.String(500), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by: Mapped[str | None] = mapped_column(sa.String(200))
    # Optimistic concurrency: every save is UPDATE ... WHERE version = :expected.
    version: Mapped[int] = mapped_column(sa.Integer, default=1)

    locations: Mapped[list[Location]] = relationship(
        order_by="Location.position", cascade="all, delete-orphan", passive_deletes=True
    )
    categories: Mapped[list[Category]] = relationship(
        order_by="Category.id", cascade="all, delete-orphan", passive_deletes=True
    )
    services: Mapped[list[Service]] = relationship(
        order_by="Service.position", cascade="all, delete-orphan", passive_deletes=True
    )
    service_terms: Mapped[list[ServiceTerm]] = relationship(
        order_by="ServiceTerm.id", cascade="all, delete-orphan", passive_deletes=True
    )
    service_sites: Mapped[list[ServiceAtLocation]] = relationship(
        order_by="ServiceAtLocation.id", cascade="all, delete-orphan", passive_deletes=True
    )
    schedules: Mapped[list[Schedule]] = relationship(
        order_by="Schedule.id", cascade="all, delete-orphan", passive_deletes=True
    )
    languages: Mapped[list[Language]] = relationship(
        order_by="Language.id", cascade="all, delete-orphan", passive_deletes=True
    )
    communities: Mapped[list[Community]] = relationship(
        order_by="Community.id", cascade="all, delete-orphan", passive_deletes=True
    )
    contacts: Mapped[list[Contact]] = relationship(
        order_by="Contact.position", cascade="all, delete-orphan", passive_deletes=True
    )


def _org_fk() -> sa.ForeignKey:
    return sa.ForeignKey("organizations.id", ondelete="CASCADE")


class Location(Base):
    """A site of an organization (HSDS ``location`` + its physical ``address``).

    Position 0 is the main site (the organization's own pin until the map draws every site).
    ``address`` is the one-line text people read; the parts feed HSDS and the filters.
    No lat/lon = needs location.
    """

    __tablename__ = "locations"
    __table_args__ = (sa.UniqueConstraint("organization_id", "position"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    name: Mapped[str | None] = mapped_column(sa.String(300))
    address: Mapped[str | None] = mapped_column(sa.Text)
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lon: Mapped[float | None] = mapped_column(sa.Float)
    address_1: Mapped[str | None] = mapped_column(sa.String(300))
    address_2: Mapped[str | None] = mapped_column(sa.String(300))
    city: Mapped[str | None] = mapped_column(sa.String(200))
    state_province: Mapped[str | None] = mapped_column(sa.String(100))
    postal_code: Mapped[str | None] = mapped_column(sa.String(32))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    description: Mapped[str | None] = mapped_column(sa.Text)
    accessibility: Mapped[str | None] = mapped_column(sa.Text)
    transportation: Mapped[str | None] = mapped_column(sa.Text)
    source_id: Mapped[str | None] = mapped_column(sa.String(200))


class Category(Base):
    """A project service category the organization offers (a key of vocab.SERVICE_CATEGORIES).

    Filters and the map use these; the source's own taxonomy terms are kept beside them on
    each :class:`Service` (``ServiceTerm``).
    """

    __tablename__ = "categories"
    __table_args__ = (sa.UniqueConstraint("organization_id", "category"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    category: Mapped[str] = mapped_column(sa.String(32), index=True)
    name: Mapped[str | None] = mapped_column(sa.String(300))


class Service(Base):
    """A service an organization runs (HSDS ``service``); ``position`` orders it within it."""

    __tablename__ = "services"
    __table_args__ = (sa.UniqueConstraint("organization_id", "position"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    name: Mapped[str] = mapped_column(sa.String(300))
    alternate_name: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)
    url: Mapped[str | None] = mapped_column(sa.String(500))
    email: Mapped[str | None] = mapped_column(sa.String(320))
    status: Mapped[str] = mapped_column(sa.String(32), default="active")
    eligibility: Mapped[str | None] = mapped_column(sa.Text)
    # Language names or codes as the source wrote them ('English', 'Creole', 'es').
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Project categories (vocab keys) this one service falls under.
    categories: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    source_id: Mapped[str | None] = mapped_column(sa.String(200))


class ServiceTerm(Base):
    """A taxonomy term of the source (e.g. AIRS ``FT-3600``) on one service, kept verbatim."""

    __tablename__ = "service_terms"
    __table_args__ = (
        sa.ForeignKeyConstraint(
            ["organization_id", "service_position"],
            ["services.organization_id", "services.position"],
            ondelete="CASCADE",
        ),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    service_position: Mapped[int] = mapped_column(sa.Integer)
    code: Mapped[str] = mapped_column(sa.String(100), index=True)
    name: Mapped[str | None] = mapped_column(sa.String(300))
    vocabulary: Mapped[str | None] = mapped_column(sa.String(200))


class ServiceAtLocation(Base):
    """Which service runs at which site (HSDS ``service_at_location``), by positions."""

    __tablename__ = "service_at_location"
    __table_args__ = (
        sa.UniqueConstraint("organization_id", "service_position", "site_position"),
        sa.ForeignKeyConstraint(
            ["organization_id", "service_position"],
            ["services.organization_id", "services.position"],
            ondelete="CASCADE",
        ),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    service_position: Mapped[int] = mapped_column(sa.Integer)
    site_position: Mapped[int] = mapped_column(sa.Integer)


class Schedule(Base):
    """Opening hours: one weekday's open interval, of a site, a service or a service at a site.

    ``weekday`` 1 = Monday ... 7 = Sunday (ISO); times are local to the study area's time zone.
    """

    __tablename__ = "schedules"
    __table_args__ = (sa.CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    site_position: Mapped[int | None] = mapped_column(sa.Integer)
    service_position: Mapped[int | None] = mapped_column(sa.Integer)
    weekday: Mapped[int] = mapped_column(sa.Integer)
    # Empty when the source only says it in words ('24 hours a day').
    opens_at: Mapped[time | None] = mapped_column(sa.Time)
    closes_at: Mapped[time | None] = mapped_column(sa.Time)
    # The source's own wording ('9:00am-5:00pm, Mon-Fri'), kept for people to read.
    description: Mapped[str | None] = mapped_column(sa.Text)


class Language(Base):
    """A language served: ISO 639-1 (else 639-3) code, note e.g. 'interpreter on request'."""

    __tablename__ = "languages"
    __table_args__ = (sa.UniqueConstraint("organization_id", "code"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    code: Mapped[str] = mapped_column(sa.String(8), index=True)
    note: Mapped[str | None] = mapped_column(sa.String(300))


class Community(Base):
    """A community served, named by country (or region) of origin."""

    __tablename__ = "communities"
    __table_args__ = (sa.UniqueConstraint("organization_id", "country"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    country: Mapped[str] = mapped_column(sa.String(100), index=True)


class Contact(Base):
    """A person to talk to at an organization; staff only, never shown on public maps."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    role: Mapped[str | None] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(64))
    email: Mapped[str | None] = mapped_column(sa.String(320))


class Branch(Base):
    """A library branch; services are geo.vocab.BRANCH_SERVICES keys, languages ISO codes."""

    __tablename__ = "branches"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    address: Mapped[str | None] = mapped_column(sa.Text)
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lon: Mapped[float | None] = mapped_column(sa.Float)
    hours: Mapped[str | None] = mapped_column(sa.Text)
    services: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    collection_languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by: Mapped[str | None] = mapped_column(sa.String(200))
    version: Mapped[int] = mapped_column(sa.Integer, default=1)


class ChangeLog(Base):
    """One row per changed field (or per create/archive/restore): who, when, what, old, new."""

    __tablename__ = "change_log"
    __table_args__ = (sa.Index("ix_change_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    changed_by: Mapped[str] = mapped_column(sa.String(200))
    entity: Mapped[str] = mapped_column(sa.String(32))
    entity_id: Mapped[str] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(16))
    field: Mapped[str | None] = mapped_column(sa.String(64))
    old_value: Mapped[str | None] = mapped_column(sa.Text)
    new_value: Mapped[str | None] = mapped_column(sa.Text)
    # The entity's version after this change; lets a conflict list what happened since.
    version: Mapped[int | None] = mapped_column(sa.Integer)

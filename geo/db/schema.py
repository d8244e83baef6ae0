"""Tables of the shared asset database (SQLAlchemy 2 ORM), aligned with Open Referral HSDS 3.0.

HSDS names are kept where they fit: ``organizations``, ``locations``, ``services`` (here one row per
service category an organization offers), ``languages``, ``contacts``. ``communities`` (countries of
origin served), ``branches`` (library branches) and ``change_log`` are this project's own.
Every change to these tables goes through :mod:`geo.db.assets`, which writes ``change_log``.
"""

from __future__ import annotations

from datetime import date, datetime

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
    services: Mapped[list[Service]] = relationship(
        order_by="Service.id", cascade="all, delete-orphan", passive_deletes=True
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
    """Where an organization is; position 0 is shown on the map. No lat/lon = needs location."""

    __tablename__ = "locations"
    __table_args__ = (sa.UniqueConstraint("organization_id", "position"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    name: Mapped[str | None] = mapped_column(sa.String(300))
    address: Mapped[str | None] = mapped_column(sa.Text)
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lon: Mapped[float | None] = mapped_column(sa.Float)


class Service(Base):
    """A service category offered (a key of geo.vocab.SERVICE_CATEGORIES); HSDS ``service``."""

    __tablename__ = "services"
    __table_args__ = (sa.UniqueConstraint("organization_id", "category"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[str] = mapped_column(sa.String(64), _org_fk(), index=True)
    category: Mapped[str] = mapped_column(sa.String(32), index=True)
    name: Mapped[str | None] = mapped_column(sa.String(300))


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

"""The declarative base every table of the shared database shares (assets, field work, accounts)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, cast

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names so Alembic sees the same schema on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timestamps stored as naive UTC (SQLite has no time zones) and read back as aware UTC."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Convert aware datetimes to naive UTC."""
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Attach UTC to the stored naive value."""
        return None if value is None else value.replace(tzinfo=UTC)


def rows_matched(result: sa.Result[Any]) -> int:
    """Rows an UPDATE matched: 0 means someone else changed the version first."""
    return cast(sa.CursorResult[Any], result).rowcount


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base holding the shared metadata."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    # Every model here maps one table (SQLAlchemy types it as the wider FromClause).
    __table__: ClassVar[sa.Table]

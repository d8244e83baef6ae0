"""Engines, migrations and start-up: the only module that knows SQLite from PostgreSQL.

The embedded default is a SQLite file (WAL journal, foreign keys on); a ``postgresql+psycopg://``
URL serves a whole library system editing at once. Nothing here runs at import time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from geo.errors import GeoError, ValidationError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0
# Any fixed number: PostgreSQL advisory lock that serializes start-up (migrate + seed).
_STARTUP_LOCK_KEY = 0x57A71A5
_STARTUP_ATTEMPTS = 6
# Alembic's ``context`` is one module-level proxy: two migrations in one process must not overlap.
_ALEMBIC_LOCK = threading.Lock()


def make_engine(url: str) -> Engine:
    """Create an engine for the asset database.

    Parameters
    ----------
    url : str
        SQLAlchemy URL: ``sqlite:///path/assets.db`` (the parent folder is created) or
        ``postgresql+psycopg://user@host:port/db``.

    Returns
    -------
    sqlalchemy.engine.Engine
        SQLite engines turn on WAL, foreign keys and a 30 s busy timeout on every
        connection; PostgreSQL engines use psycopg 3 with ``pool_pre_ping``.

    Raises
    ------
    GeoError
        If the URL names a database this project does not support.
    """
    parsed = sa.make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _make_sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise GeoError(
        f"The database URL '{parsed.render_as_string(hide_password=True)}' is not supported. "
        "Use a sqlite:///path/to/assets.db file or a postgresql+psycopg:// URL."
    )


def _make_sqlite_engine(url: sa.URL) -> Engine:
    """SQLite file engine; WAL lets readers go on while one writer saves."""
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if database not in ("", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` (default the newest).

    Parameters
    ----------
    engine : sqlalchemy.engine.Engine
        Engine from :func:`make_engine`.
    revision : str, optional
        Target revision id, ``"head"`` by default.
    """
    config = _alembic_config()
    with _ALEMBIC_LOCK, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def head_revision() -> str:
    """Return the newest migration id (written into backups)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    return head or ""


def current_revision(engine: Engine) -> str | None:
    """Return the migration id the database is at, or None before the first upgrade."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _startup_lock(engine: Engine) -> Iterator[None]:
    """Serialize start-up between processes on PostgreSQL; SQLite relies on retrying."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _STARTUP_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _STARTUP_LOCK_KEY})
            connection.commit()


def open_database(
    url: str,
    *,
    seed_demo_from: Path | None = None,
    seed_fieldwork: Callable[[Session], object] | None = None,
) -> Engine:
    """Make the engine, migrate to head, and seed the demo city into an empty database.

    Safe to call on every start and from two processes at once: PostgreSQL takes an
    advisory lock; on SQLite the loser of a race retries and then finds the work done.

    Parameters
    ----------
    url : str
        SQLAlchemy URL (see :func:`make_engine`).
    seed_demo_from : pathlib.Path or None, optional
        Folder holding ``organizations.csv`` and ``branches.csv``; None leaves an empty
        database empty.
    seed_fieldwork : callable or None, optional
        Called with the session, in the same transaction, right after the demo city was
        seeded into an empty database (see ``geo.demo_fieldwork.fieldwork_seeder``).

    Returns
    -------
    sqlalchemy.engine.Engine
        The ready engine.

    Raises
    ------
    GeoError
        If the URL is unsupported or the demo files cannot be read.
    """
    from geo.db.seed import seed_demo_if_empty

    engine = make_engine(url)
    for attempt in range(_STARTUP_ATTEMPTS):
        try:
            with _startup_lock(engine):
                upgrade(engine)
                if seed_demo_from is not None:
                    with Session(engine) as session, session.begin():
                        seeded = seed_demo_if_empty(session, Path(seed_demo_from))
                        if seed_fieldwork is not None and seeded.organizations:
                            seed_fieldwork(session)
            return engine
        except (DBAPIError, ValidationError):
            # Another process created the same tables or rows first (its ids are then
            # "already used"); after a pause its work is visible and this start finds it done.
            if attempt == _STARTUP_ATTEMPTS - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
    return engine


def sync_id_sequences(session: Session, tables: list[sa.Table]) -> None:
    """After inserting explicit integer ids (restore), move PostgreSQL sequences past them.

    SQLite's INTEGER PRIMARY KEY already continues from the largest id, so it needs nothing.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        id_column = table.c.get("id")
        if id_column is None or not isinstance(id_column.type, sa.Integer):
            continue
        session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"
            )
        )

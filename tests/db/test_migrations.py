"""Alembic migrations: empty -> head on every engine, and the result matches the models."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine

from geo.db.session import current_revision, head_revision, upgrade
from geo.db.tables import TABLES, Base


def test_upgrade_from_empty_to_head(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    names = set(sa.inspect(empty_engine).get_table_names())
    assert {t.name for t in TABLES} | {"alembic_version"} <= names


def test_upgrade_twice_is_a_no_op(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_pragmas(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PRAGMA foreign_keys / journal_mode are SQLite settings")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_each_organizations_one_point_becomes_its_first_site(empty_engine: Engine) -> None:
    from sqlalchemy.orm import Session

    from geo.db import get_asset

    upgrade(empty_engine, "0004_organization_source")
    now = "2025-01-01 00:00:00"
    with empty_engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO organizations (id, name, status, created_at, updated_at, version) "
                "VALUES ('ORG-1', 'Casa Amiga', 'active', :now, :now, 3)"
            ),
            {"now": now},
        )
        connection.execute(
            sa.text(
                "INSERT INTO locations (organization_id, position, address, lat, lon) "
                "VALUES ('ORG-1', 0, '12 Rue Saint-Denis, Montréal', 45.5, -73.5)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO services (organization_id, category) VALUES "
                "('ORG-1', 'legal'), ('ORG-1', 'english')"
            )
        )
    upgrade(empty_engine)
    with Session(empty_engine) as session:
        moved = get_asset(session, "ORG-1")
    assert moved.categories == ("legal", "english") and moved.version == 3
    assert len(moved.sites) == 1
    assert moved.sites[0].address_1 == "12 Rue Saint-Denis, Montréal"
    assert (moved.lat, moved.lon, moved.services) == (45.5, -73.5, ())

"""Shared fixtures. Database: ``engine`` runs every test on a SQLite file and, when
ASSETS_TEST_POSTGRES_URL is set (see .ci/start-postgres), on PostgreSQL in a fresh schema."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db.session import make_engine, upgrade

# Tests expect a fresh demo database with empty field work; the ones about the demo's
# illustrative field work turn it on themselves. Streamlit servers started by the browser
# tests inherit this environment.
os.environ["WELCOME_ATLAS_DEMO_FIELDWORK"] = "0"

POSTGRES_URL_ENV = "ASSETS_TEST_POSTGRES_URL"
REQUIRE_REAL_DATA_ENV = "WELCOME_ATLAS_REQUIRE_REAL_DATA"
REAL_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"


def real_data(path: Path | str) -> Path:
    """A path under ../shared/data/real; skip when absent, or fail when CI requires it."""
    path = Path(path)
    if not path.exists():
        message = f"real data not available: {path} (see ../shared/data/real/*/SOURCE.md)"
        if os.environ.get(REQUIRE_REAL_DATA_ENV) == "1":
            pytest.fail(f"{message}; {REQUIRE_REAL_DATA_ENV}=1 requires it")
        pytest.skip(message)
    return path


REQUIRE_POSTGRES_ENV = "WELCOME_ATLAS_REQUIRE_POSTGRES"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"postgres: needs PostgreSQL ({POSTGRES_URL_ENV})")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema (dropped afterwards)."""
    base = os.environ.get(POSTGRES_URL_ENV)
    if not base:
        message = (
            f"{POSTGRES_URL_ENV} is not set; start a server with: "
            f"export {POSTGRES_URL_ENV}=$(.ci/start-postgres)"
        )
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(message)
        pytest.skip(message)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db' / 'assets.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def empty_engine(database_url: str) -> Iterator[Engine]:
    """Engine on an empty database (no tables yet)."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """Engine on a database migrated to the newest schema, with no rows."""
    upgrade(empty_engine)
    return empty_engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on ``engine``; tests commit when they mean to."""
    with Session(engine) as session:
        yield session

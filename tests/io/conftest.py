"""Fixtures for the import/export tests: real data folders (skipped when absent), counts."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.db.schema import Category, Language, Location, Organization, Schedule, Service
from geo.db.session import make_engine, upgrade
from tests.conftest import POSTGRES_URL_ENV, real_data

DATA = Path(__file__).parent / "data"
REAL = Path(__file__).parents[2] / ".." / "shared" / "data" / "real"
MIAMI = REAL / "hsds_open211_miami"
SPEC = REAL / "hsds_spec_examples"
NYC = REAL / "nyc_dycd_immigrant_services" / "DYCD_after-school_programs_Immigrant_Services.csv"
HELLO = REAL / "refugee_orgs_us_hackforgood" / "HelloNeighbor.csv"


@pytest.fixture
def copy_engine(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """A second empty, migrated database of the same kind as ``engine``, for round trips.

    SQLite: another file; PostgreSQL: another fresh schema on the same server (dropped after).
    """
    schema = None
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'copy.db'}"
    else:
        schema = f"copy_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(os.environ[POSTGRES_URL_ENV])
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = (
            sa.make_url(os.environ[POSTGRES_URL_ENV])
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()
    if schema is not None:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def real(path: Path) -> Path:
    """The real data path; skipped when absent, failed when CI requires the real data."""
    return real_data(path)


def counts(engine: Engine) -> dict[str, int]:
    """Row counts of the tables an import writes."""
    with engine.connect() as connection:
        return {
            t.__tablename__: connection.scalar(sa.select(sa.func.count()).select_from(t))
            for t in (Organization, Location, Service, Category, Language, Schedule)
        }


UNICODE_ORGS = [
    {
        "name": "مركز الجالية العربية",
        "category": "cultural;faith",
        "languages": "ar;en",
        "lat": "41.0100",
        "lon": "-45.0100",
        "phone": "+1 555 010 0002",
        "address": "2 River Rd",
    },
    {
        "name": "华人服务中心",
        "category": "social;english",
        "languages": "zh;yue:Cantonese spoken",
        "lat": "41.0200",
        "lon": "-45.0200",
        "website": "chinese-centre.example.org",
    },
    {
        "name": "Центр «Помощь»",
        "category": "legal",
        "languages": "ru;uk",
        "lat": "",
        "lon": "",
        "address": "4 Elm St",
    },
    {
        "name": "नेपाली सेवा समाज",
        "category": "food;health",
        "languages": "ne;und:Dzongkha-ish dialect",
        "lat": "40.9900",
        "lon": "-44.9900",
        "phone": "=cmd|' /C calc'!A0",
    },
    {
        "name": "Café Esperanza",
        "category": "employment;youth",
        "languages": "es;ht",
        "lat": "41.0050",
        "lon": "-45.0050",
        "description": "@SUM(1+1) jobs\nsecond line",
    },
]

"""Start-up: open_database migrates and seeds once, even when two start at the same time."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.config import DEMO_DIR, PROJECT_ROOT
from geo.db import get_asset, list_assets, list_branches, open_database, seed_demo
from geo.db.schema import ChangeLog, Organization
from geo.db.seed import read_csv_rows
from geo.errors import ImportFormatError
from tests.db.conftest import BRANCHES, ORGS


def _counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        return len(list_assets(session, include_archived=True)), len(list_branches(session))


def test_seed_counts_match_the_csvs(database_url: str, demo_folder: Path) -> None:
    engine = open_database(database_url, seed_demo_from=demo_folder)
    try:
        assert _counts(engine) == (len(ORGS), len(BRANCHES))
        with Session(engine) as session:
            asset = get_asset(session, "ORG-0004")
            assert asset.needs_location and asset.languages[0].code == "ru"
            assert asset.entry_technique == "word_of_mouth"
            created = session.scalar(sa.select(sa.func.count()).select_from(ChangeLog))
            assert created == len(ORGS) + len(BRANCHES)
    finally:
        engine.dispose()


def test_open_database_is_idempotent(database_url: str, demo_folder: Path) -> None:
    for _ in range(2):
        engine = open_database(database_url, seed_demo_from=demo_folder)
        assert _counts(engine) == (len(ORGS), len(BRANCHES))
        engine.dispose()


def test_open_database_without_seed_stays_empty(database_url: str) -> None:
    engine = open_database(database_url)
    assert _counts(engine) == (0, 0)
    engine.dispose()


_START = """
import sys, time
from pathlib import Path
from geo.db import open_database
start_at = float(sys.argv[3])
time.sleep(max(0.0, start_at - time.time()))
open_database(sys.argv[1], seed_demo_from=Path(sys.argv[2])).dispose()
"""


def test_two_processes_starting_at_once_seed_once(database_url: str, demo_folder: Path) -> None:
    start_at = str(time.time() + 2.0)  # after every interpreter has imported geo.db
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _START, database_url, str(demo_folder), start_at],
            cwd=PROJECT_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=60)[1] for p in processes if p.wait(timeout=60) != 0]
    assert errors == []
    engine = open_database(database_url)
    assert _counts(engine) == (len(ORGS), len(BRANCHES))
    engine.dispose()


def test_threads_starting_at_once_seed_once(database_url: str, demo_folder: Path) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def start() -> None:
        barrier.wait()
        try:
            open_database(database_url, seed_demo_from=demo_folder).dispose()
        except BaseException as err:  # reported below
            errors.append(err)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = open_database(database_url)
    assert _counts(engine) == (len(ORGS), len(BRANCHES))
    engine.dispose()


def test_missing_demo_file_says_what_to_do(session: Session, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="python -m geo.demo"):
        seed_demo(session, tmp_path)


@pytest.mark.skipif(
    not (DEMO_DIR / "organizations.csv").exists(), reason="demo city not generated yet"
)
def test_real_demo_city_seeds_completely(session: Session) -> None:
    seed_demo(session, DEMO_DIR)
    session.commit()
    assert session.scalar(sa.select(sa.func.count()).select_from(Organization)) == len(
        read_csv_rows(DEMO_DIR / "organizations.csv")
    )
    assert len(list_branches(session)) == len(read_csv_rows(DEMO_DIR / "branches.csv"))

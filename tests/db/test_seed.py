"""Start-up: open_database migrates and seeds once, even when two start at the same time."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.config import DEMO_DIR, PROJECT_ROOT
from geo.db import get_asset, list_assets, list_branches, open_database, seed_demo
from geo.db.schema import ChangeLog, Organization
from geo.db.seed import read_csv_rows
from geo.db.sites import directory_hours
from geo.errors import ImportFormatError, ValidationError
from geo.hours import DEFAULT_ZONE
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


@pytest.mark.skipif(
    not (DEMO_DIR / "organizations.csv").exists(), reason="demo city not generated yet"
)
def test_demo_hours_reach_the_directory(session: Session) -> None:
    """The demo's opening_hours column becomes hours the directory shows and answers
    'open now' from (Monday 30 November 2026, 17:00 UTC = noon in New York)."""
    seed_demo(session, DEMO_DIR)
    session.commit()
    rows = read_csv_rows(DEMO_DIR / "organizations.csv")
    ids = [r["organization_id"] for r in rows]
    monday_noon = datetime(2026, 11, 30, 17, tzinfo=UTC)
    hours, now = directory_hours(session, ids, now=monday_noon, tz=DEFAULT_ZONE)
    for row in rows:
        written = row["opening_hours"]
        assert (hours[row["organization_id"]] == "") == (written == "")
        if written.startswith("Mo-Fr 09:00-17:00"):
            assert hours[row["organization_id"]] == written
    assert set(now.values()) == {"open now", "closed now", "hours not known"}


def test_demo_hours_in_another_syntax_are_refused_with_their_row(
    session: Session, demo_folder: Path
) -> None:
    path = demo_folder / "organizations.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines = [lines[0] + ",opening_hours", lines[1] + ",Mo-Fr 9-5", *(x + "," for x in lines[2:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="row 1: 'opening_hours'"):
        seed_demo(session, demo_folder)

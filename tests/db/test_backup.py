"""Backup and restore: one file, every table, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import (
    add_asset,
    archive_asset,
    backup_database,
    get_history,
    restore_database,
    seed_demo,
    update_asset,
)
from geo.db.session import head_revision
from geo.db.tables import TABLES
from geo.errors import ImportFormatError
from tests.db.conftest import org


def _dump(session: Session) -> dict[str, list[dict[str, object]]]:
    return {
        t.name: [
            dict(r)
            for r in session.execute(sa.select(t).order_by(*t.primary_key.columns)).mappings()
        ]
        for t in TABLES
    }


@pytest.fixture
def busy(session: Session, demo_folder: Path) -> Session:
    """A database with seeded rows, edits, an archived record and Unicode."""
    seed_demo(session, demo_folder)
    update_asset(
        session,
        "ORG-0002",
        {"phone": "555-7777", "contacts": [{"name": "Омар", "role": "Imam"}]},
        expected_version=1,
        user="ana",
    )
    archive_asset(session, "ORG-0005", user="bo")
    monday = {"weekday": 1, "opens_at": "09:00", "closes_at": "17:30"}  # times, not dates
    record = {**org("华人服务中心 二", languages=["zh: 普通话"]), "hours": [monday]}
    add_asset(session, record, user="李")
    session.commit()
    return session


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_round_trip_loses_nothing(busy: Session, tmp_path: Path, suffix: str) -> None:
    before = _dump(busy)
    path = tmp_path / f"backup{suffix}"
    counts = backup_database(busy, path)
    assert counts["organizations"] == 7 and counts["change_log"] > 10
    assert counts["schedules"] == 1
    update_asset(
        busy,
        "ORG-0001",
        {"name": "Changed after the backup"},
        expected_version=1,
        user="x",
    )
    add_asset(busy, org("Added after the backup"), user="x")
    busy.commit()
    restore_database(busy, path)
    busy.commit()
    assert _dump(busy) == before


def test_restore_then_keep_working(busy: Session, tmp_path: Path) -> None:
    path = tmp_path / "backup.jsonl"
    backup_database(busy, path)
    restore_database(busy, path)
    busy.commit()
    update_asset(busy, "ORG-0003", {"phone": "555-0303"}, expected_version=1, user="ana")
    add_asset(busy, org("After restore", languages="so"), user="ana")
    busy.commit()
    assert get_history(busy, "ORG-0003")[-1].new_value == "555-0303"


def test_failed_restore_leaves_the_database_as_it_was(busy: Session, tmp_path: Path) -> None:
    before = _dump(busy)
    path = tmp_path / "backup.jsonl"
    backup_database(busy, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")  # truncated copy
    with pytest.raises(ImportFormatError, match="incomplete"):
        restore_database(busy, path)
    busy.rollback()
    assert _dump(busy) == before


@pytest.mark.parametrize("content", ["", "not json\n", '{"format": "something else"}\n'])
def test_not_a_backup(session: Session, tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not a Welcome Atlas backup"):
        restore_database(session, path)


def test_backup_from_another_schema_is_refused(busy: Session, tmp_path: Path) -> None:
    path = tmp_path / "backup.jsonl"
    backup_database(busy, path)
    current = f'"schema_revision": "{head_revision()}"'
    text = path.read_text(encoding="utf-8")
    assert current in text
    text = text.replace(current, '"schema_revision": "0099_future"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError, match="another version"):
        restore_database(busy, path)

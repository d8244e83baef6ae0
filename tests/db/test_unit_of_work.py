"""One write path: only the unit of work writes the change log; whole-file events are logged."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import add_asset, backup_database, restore_database, update_asset
from geo.db.schema import ChangeLog
from geo.db.unit_of_work import changes
from geo.errors import EditConflict
from tests.db.conftest import org

ROOT = Path(__file__).resolve().parents[2]
OWNER = ROOT / "geo" / "db" / "unit_of_work.py"


def _names_change_log(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name | ast.Attribute) and "ChangeLog" in (
            getattr(sub, "id", None),
            getattr(sub, "attr", None),
        ):
            return True
        if isinstance(sub, ast.Constant) and sub.value == "change_log":
            return True
    return False


def change_log_writes(source: str) -> list[int]:
    """Line numbers where code inserts into the change log (insert(...), ChangeLog(...), SQL)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and "into change_log" in " ".join(text.lower().split()):
            lines.append(node.lineno)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "ChangeLog" or (
            "insert" in name.lower() and any(_names_change_log(a) for a in node.args)
        ):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "snippet",
    [
        "session.execute(sa.insert(ChangeLog.__table__), rows)",
        "session.execute(insert(schema.ChangeLog), rows)",
        "session.add(ChangeLog(entity='x'))",
        "connection.execute(sa.text('INSERT INTO change_log (entity) VALUES (1)'))",
        "op.bulk_insert(sa.table('change_log'), rows)",
        "stmt = insert(ChangeLog).values(**row)",
    ],
)
def test_the_detector_catches_each_way_of_writing_the_log(snippet: str) -> None:
    assert change_log_writes(snippet), snippet


def test_the_detector_lets_reads_of_the_log_through() -> None:
    reads = "session.execute(sa.select(sa.func.max(ChangeLog.id)))\nsa.select(ChangeLog)"
    assert change_log_writes(reads) == []


def test_no_module_outside_the_unit_of_work_writes_the_change_log() -> None:
    offenders = []
    for folder in ("geo", "ui", "pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == OWNER or "migrations" in path.parts:
                continue
            found = change_log_writes(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(ROOT)}:{n}" for n in found]
    for path in [ROOT / "app.py"]:
        offenders += [f"app.py:{n}" for n in change_log_writes(path.read_text(encoding="utf-8"))]
    assert not offenders, f"write the change log through geo.db.unit_of_work: {offenders}"


def _log(session: Session, entity: str) -> list[ChangeLog]:
    return list(session.scalars(sa.select(ChangeLog).where(ChangeLog.entity == entity)))


def test_a_stale_save_is_refused_and_logs_nothing(session: Session) -> None:
    asset = add_asset(session, org("Kyiv Cultural Club"), user="ana")
    update_asset(session, asset.id, {"phone": "555-0101"}, expected_version=1, user="bo")
    before = session.scalar(sa.select(sa.func.count()).select_from(ChangeLog))
    with pytest.raises(EditConflict, match="bo"):
        update_asset(session, asset.id, {"phone": "555-0202"}, expected_version=1, user="ana")
    assert session.scalar(sa.select(sa.func.count()).select_from(ChangeLog)) == before


def test_a_block_that_raises_logs_nothing(session: Session) -> None:
    with pytest.raises(RuntimeError), changes(session, "ana") as uow:
        uow.event("import", "orgs.csv", "import", {"added": 3})
        raise RuntimeError("interrupted")
    assert _log(session, "import") == []


def test_an_import_is_one_entry_with_its_counts(session: Session, tmp_path: Path) -> None:
    from geo.io import import_file

    path = tmp_path / "orgs.csv"
    path.write_text(
        "name,lat,lon\nKyiv Cultural Club,41.001,-45.001\nSomali Center,41.2,-45.2\n",
        encoding="utf-8",
    )
    import_file(session, path, user="amira")
    (entry,) = _log(session, "import")
    assert (entry.changed_by, entry.entity_id, entry.action) == ("amira", "orgs.csv", "import")
    assert json.loads(entry.new_value) == {"added": 2, "skipped": 0, "rejected": 0}


def test_a_restore_keeps_who_restored_with_the_counts(session: Session, tmp_path: Path) -> None:
    add_asset(session, org("Kyiv Cultural Club"), user="ana")
    session.commit()
    path = tmp_path / "b.jsonl"
    counts = backup_database(session, path)
    restore_database(session, path, user="amira")
    session.commit()
    (entry,) = _log(session, "database")
    assert (entry.changed_by, entry.entity_id, entry.action) == ("amira", "b.jsonl", "restore")
    assert json.loads(entry.new_value)["organizations"] == counts["organizations"] == 1


def test_a_study_area_deleted_from_the_command_line_is_logged(tmp_path, monkeypatch) -> None:
    from geo.__main__ import main
    from geo.db import open_database

    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("WELCOME_ATLAS_STUDY_AREAS_DIR", str(tmp_path / "areas"))
    folder = tmp_path / "areas" / "gone"
    folder.mkdir(parents=True)
    (folder / "study_area.json").write_text(json.dumps({"name": "gone"}), encoding="utf-8")
    assert main(["study-area", "delete", "gone"]) == 0
    with Session(open_database(url)) as session:
        (entry,) = _log(session, "study_area")
    assert (entry.entity_id, entry.action) == ("gone", "delete")
    assert entry.changed_by.endswith("(command line)")

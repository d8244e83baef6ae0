"""Damaged or crafted backups: one clear message naming the line and the problem, nothing
changed, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import backup_database, restore_database, seed_demo
from geo.db.tables import TABLES
from geo.errors import ImportFormatError

Lines = list[dict]


def _dump(session: Session) -> dict[str, list[dict[str, object]]]:
    return {
        t.name: [
            dict(r)
            for r in session.execute(sa.select(t).order_by(*t.primary_key.columns)).mappings()
        ]
        for t in TABLES
    }


def _first(lines: Lines, table: str) -> dict:
    return next(line for line in lines[1:] if line["table"] == table)


def _edit_org(**values: object) -> Callable[[Lines], None]:
    def change(lines: Lines) -> None:
        _first(lines, "organizations")["row"].update(values)

    return change


def _duplicate_org(lines: Lines) -> None:
    row = _first(lines, "organizations")
    lines.insert(lines.index(row) + 1, json.loads(json.dumps(row)))
    lines[0]["tables"]["organizations"] += 1


def _dangling(lines: Lines) -> None:
    _first(lines, "languages")["row"]["organization_id"] = "NO-SUCH-ORG"


def _drop_row_key(lines: Lines) -> None:
    del _first(lines, "organizations")["row"]


def _drop_column(lines: Lines) -> None:
    del _first(lines, "organizations")["row"]["name"]


# (what is done to the parsed lines, what the message must say)
CRAFTED = {
    "line without row": (_drop_row_key, r"Line \d+ .*'table' name and a 'row' object"),
    "bad date": (_edit_org(created_at="2024-13-45"), r"Line \d+ .*created_at.*not a valid date"),
    "duplicate key": (_duplicate_org, r"Line \d+ .*organizations id='ORG-0001' repeats line"),
    "null name": (_edit_org(name=None), r"Line \d+ .*'name' is empty but is required"),
    "unknown column": (_edit_org(secret="x"), r"Line \d+ .*unknown column 'secret'"),
    "non-integer version": (_edit_org(version="abc"), r"Line \d+ .*'version'.*not a whole number"),
    "float version": (_edit_org(version=1.5), r"Line \d+ .*'version'.*not a whole number"),
    "status outside the list": (_edit_org(status="gone"), r"Line \d+ .*'status'.*not one of"),
    "text too long": (_edit_org(name="x" * 301), r"Line \d+ .*at most 300 fit"),
    "missing column": (_drop_column, r"Line \d+ .*column 'name' .* is missing"),
    "dangling reference": (_dangling, r"Line \d+ .*NO-SUCH-ORG.*does not hold"),
    "unknown table": (
        lambda lines: lines.append({"table": "passwords", "row": {}}),
        r"Line \d+ .*unknown table 'passwords'",
    ),
}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return path


@pytest.fixture
def saved(session: Session, demo_folder: Path, tmp_path: Path) -> tuple[Path, dict]:
    seed_demo(session, demo_folder)
    session.commit()
    path = tmp_path / "good.jsonl.gz"
    backup_database(session, path)
    return path, _dump(session)


def _refused(session: Session, path: Path, pattern: str, before: dict) -> str:
    with pytest.raises(ImportFormatError, match=pattern) as caught:
        restore_database(session, path)
    session.rollback()
    assert _dump(session) == before
    assert "Nothing was restored" in str(caught.value) or "nothing" in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize("case", list(CRAFTED))
def test_crafted_line_is_refused_with_its_line_number(session, saved, tmp_path, case):
    good, before = saved
    lines = [json.loads(t) for t in gzip.decompress(good.read_bytes()).decode().splitlines()]
    change, pattern = CRAFTED[case]
    change(lines)
    path = _write(tmp_path / "crafted.jsonl.gz", [json.dumps(line) for line in lines])
    _refused(session, path, pattern, before)


def _raw_cases(good: Path) -> dict[str, tuple[bytes, str, str]]:
    data = good.read_bytes()
    text = gzip.decompress(data).decode().splitlines()
    header = text[0]
    return {
        "cut gzip": (data[: len(data) // 2], ".jsonl.gz", "not a complete gzip file"),
        "random bytes": (os.urandom(2048), ".jsonl.gz", "not a complete gzip file"),
        "random bytes, not gzip": (b"\xff\xfe" + os.urandom(500), ".jsonl", "not UTF-8 text"),
        "empty file": (b"", ".jsonl", "not a Welcome Atlas backup"),
        "a JSON list": (
            (header + "\n[1, 2, 3]\n").encode(),
            ".jsonl",
            r"Line 2 .*expected an object, found list",
        ),
        "damaged line": ((header + "\n{not json\n").encode(), ".jsonl", r"Line 2 .*damaged"),
        "lines missing": (("\n".join(text[:-3]) + "\n").encode(), ".jsonl", "incomplete"),
        "header without counts": (
            b'{"format": "welcome-atlas-backup", "format_version": 1, "schema_revision": "x"}\n',
            ".jsonl",
            r"Line 1 .*no table counts",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "cut gzip",
        "random bytes",
        "random bytes, not gzip",
        "empty file",
        "a JSON list",
        "damaged line",
        "lines missing",
        "header without counts",
    ],
)
def test_damaged_file_is_refused_clearly(session, saved, tmp_path, case):
    good, before = saved
    content, suffix, pattern = _raw_cases(good)[case]
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=pattern):
        restore_database(session, path)
    session.rollback()
    assert _dump(session) == before


def test_the_command_line_prints_the_message_not_a_traceback(tmp_path, monkeypatch, capsys) -> None:
    from geo.__main__ import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    good = tmp_path / "good.jsonl"
    assert main(["db", "backup", str(good)]) == 0
    lines = good.read_text().splitlines()
    row = json.loads(lines[3])
    row["row"]["version"] = "abc" if "version" in row["row"] else row["row"].get("id")
    row["row"]["unexpected"] = 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*lines[:3], json.dumps(row), *lines[4:]]) + "\n")
    capsys.readouterr()
    assert main(["db", "restore", str(bad), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Line 4 of 'bad.jsonl'") and "Traceback" not in err


def test_a_damaged_backup_is_refused_in_french_with_the_parsers_reason(session, saved, tmp_path):
    good, before = saved
    header = gzip.decompress(good.read_bytes()).decode().splitlines()[0]
    path = tmp_path / "copie.jsonl"
    path.write_bytes((header + "\n{not json\n").encode())
    with pytest.raises(ImportFormatError) as caught:
        restore_database(session, path)
    session.rollback()
    assert str(caught.value).startswith("Line 2 of 'copie.jsonl': it is damaged (")
    said = caught.value.in_language("fr")
    # the JSON parser's own words stay as it wrote them, inside the French sentence
    assert said == (
        "Ligne 2 de 'copie.jsonl' : elle est endommagée (Expecting property name enclosed in "
        "double quotes). Rien n'a été restauré ; la base de données est inchangée."
    )
    assert _dump(session) == before

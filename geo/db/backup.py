"""Back up the whole database to one JSON Lines file, and restore it.

Line 1 is a header ``{"format": "welcome-atlas-backup", "format_version": 1,
"schema_revision": ..., "created_at": ..., "tables": {name: row count}}``; every other line is
``{"table": name, "row": {column: value}}`` with dates as ISO text. A name ending in ``.gz``
is gzip-compressed. Archived records, versions and the change log are all included.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.base import utc_now
from geo.db.session import head_revision, sync_id_sequences
from geo.db.tables import TABLES
from geo.errors import ImportFormatError

FORMAT = "welcome-atlas-backup"
FORMAT_VERSION = 1
_BATCH = 1000


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8", newline="\n")


def _encode(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def backup_database(session: Session, path: Path) -> dict[str, int]:
    """Write every table to ``path`` (JSON Lines, gzip if it ends in ``.gz``).

    Run it in a session that is not writing; PostgreSQL users who back up while others edit
    should open the session with ``isolation_level="REPEATABLE READ"`` for one snapshot.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    path : pathlib.Path
        File to write (replaced if it exists).

    Returns
    -------
    dict
        Row count per table.
    """
    session.flush()
    path = Path(path)
    counts = {
        t.name: session.scalar(sa.select(sa.func.count()).select_from(t)) or 0 for t in TABLES
    }
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "created_at": utc_now().isoformat(),
        "tables": counts,
    }
    with _open(path, "w") as handle:
        handle.write(json.dumps(header, ensure_ascii=False) + "\n")
        for table in TABLES:
            order = [c for c in table.primary_key.columns]
            for row in session.execute(sa.select(table).order_by(*order)).mappings():
                line = {
                    "table": table.name,
                    "row": {k: _encode(v) for k, v in row.items()},
                }
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return counts


def _decoder(table: sa.Table) -> dict[str, Any]:
    """Column name -> function turning JSON text back into the column's Python type."""
    decoders: dict[str, Any] = {}
    for column in table.columns:
        python_type = getattr(column.type, "impl", column.type)
        if isinstance(python_type, sa.DateTime):
            decoders[column.name] = datetime.fromisoformat
        elif isinstance(python_type, sa.Date):
            decoders[column.name] = date.fromisoformat
    return decoders


def _read(path: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    handle = _open(path, "r")
    try:
        header = json.loads(handle.readline() or "null")
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        handle.close()
        raise ImportFormatError(
            f"The file '{path.name}' is not a Welcome Atlas backup. "
            "Choose a file made with 'Back up the database'."
        )

    def lines() -> Iterator[dict[str, Any]]:
        with handle:
            for number, text in enumerate(handle, start=2):
                if text.strip():
                    try:
                        yield json.loads(text)
                    except json.JSONDecodeError as err:
                        raise ImportFormatError(
                            f"Line {number} of '{path.name}' is damaged ({err.msg}); "
                            "the backup cannot be restored."
                        ) from err

    return header, lines()


def _check_header(header: dict[str, Any], name: str) -> None:
    if (
        header.get("format_version") != FORMAT_VERSION
        or header.get("schema_revision") != head_revision()
    ):
        raise ImportFormatError(
            f"The backup '{name}' was made by another version of Welcome Atlas (format "
            f"{header.get('format_version')}, schema {header.get('schema_revision')}; "
            "this one reads "
            f"format {FORMAT_VERSION}, schema {head_revision()}). Restore it with that version."
        )


def restore_database(session: Session, path: Path) -> dict[str, int]:
    """Replace the whole database with a backup, in the caller's transaction.

    Everything is deleted and reloaded; if anything fails the caller's rollback leaves the
    database as it was. Commit the session to keep the restored contents.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    path : pathlib.Path
        File written by :func:`backup_database`.

    Returns
    -------
    dict
        Row count per table restored.

    Raises
    ------
    ImportFormatError
        If the file is not a backup, is damaged, or comes from another schema version.
    """
    path = Path(path)
    header, lines = _read(path)
    _check_header(header, path.name)
    tables = {t.name: t for t in TABLES}
    session.flush()
    for table in reversed(TABLES):
        session.execute(sa.delete(table))
    pending: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    counts = dict.fromkeys(tables, 0)
    for line in lines:
        table = tables.get(line.get("table", ""))
        if table is None:
            raise ImportFormatError(
                f"The backup '{path.name}' names an unknown table "
                f"'{line.get('table')}'; it cannot be restored."
            )
        decoders = _decoder(table)
        row = {
            k: (decoders[k](v) if k in decoders and v is not None else v)
            for k, v in line["row"].items()
        }
        pending[table.name].append(row)
        counts[table.name] += 1
    for table in TABLES:
        rows = pending[table.name]
        for start in range(0, len(rows), _BATCH):
            session.execute(sa.insert(table), rows[start : start + _BATCH])
    sync_id_sequences(session, list(TABLES))
    session.flush()
    session.expire_all()
    if counts != header.get("tables", counts):
        raise ImportFormatError(
            f"The backup '{path.name}' is incomplete (expected {header['tables']} "
            f"rows, found {counts}); nothing was restored."
        )
    return counts

"""Back up the whole database to one JSON Lines file, and restore it.

Line 1 is a header ``{"format": "welcome-atlas-backup", "format_version": 1,
"schema_revision": ..., "created_at": ..., "tables": {name: row count}}``; every other line is
``{"table": name, "row": {column: value}}`` with dates and times (opening hours) as ISO
text. A name ending in ``.gz`` is gzip-compressed. Archived records, versions and the change
log are all included.
"""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.backup_checks import FORMAT, check_keys, read_header, read_rows, read_text
from geo.db.base import utc_now
from geo.db.session import head_revision, sync_id_sequences
from geo.db.tables import TABLES
from geo.db.unit_of_work import changes
from geo.errors import ImportFormatError
from geo.messages import N_

FORMAT_VERSION = 1
_BATCH = 1000
BACKUP_PREFIX = "welcome-atlas-"


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8", newline="\n")


def _encode(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime | time) else value


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


def _check_header(header: dict[str, Any], name: str) -> None:
    if (
        header.get("format_version") != FORMAT_VERSION
        or header.get("schema_revision") != head_revision()
    ):
        raise ImportFormatError.said(
            N_(
                "The backup '{name}' was made by another version of Welcome Atlas (format "
                "{format}, schema {schema}; this one reads format {our_format}, schema "
                "{our_schema}). Restore it with that version."
            ),
            name=name,
            format=str(header.get("format_version")),
            schema=str(header.get("schema_revision")),
            our_format=str(FORMAT_VERSION),
            our_schema=str(head_revision()),
        )


def restore_database(session: Session, path: Path, *, user: str | None = None) -> dict[str, int]:
    """Replace the whole database with a backup, in the caller's transaction.

    Everything is deleted and reloaded; if anything fails the caller's rollback leaves the
    database as it was. Commit the session to keep the restored contents.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    path : pathlib.Path
        File written by :func:`backup_database`.
    user : str, optional
        Who restores; the restored change log then gains one entry saying so, with the counts.

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
    lines = read_text(path)
    header = read_header(lines, path.name)
    _check_header(header, path.name)
    rows = read_rows(lines, TABLES, path.name)
    counts = {name: len(found) for name, found in rows.items()}
    expected = {t.name: header["tables"].get(t.name, 0) for t in TABLES}
    if counts != expected or set(header["tables"]) - set(counts):
        raise ImportFormatError.said(
            N_(
                "The backup '{name}' is incomplete (expected {expected} rows, found {found}); "
                "nothing was restored."
            ),
            name=path.name,
            expected=str(header["tables"]),
            found=str(counts),
        )
    check_keys(rows, TABLES, path.name)
    session.flush()
    for table in reversed(TABLES):
        session.execute(sa.delete(table))
    for table in TABLES:
        values = [row for _, row in rows[table.name]]
        for start in range(0, len(values), _BATCH):
            session.execute(sa.insert(table), values[start : start + _BATCH])
    sync_id_sequences(session, list(TABLES))
    if user is not None:
        with changes(session, user) as uow:
            uow.event("database", path.name, "restore", counts)
    session.flush()
    session.expire_all()
    return counts


def backup_to_folder(session: Session, folder: Path, *, keep: int) -> tuple[Path, dict[str, int]]:
    """Write a time-stamped backup into ``folder`` and keep only the ``keep`` newest ones.

    Only files named like this function's own (``welcome-atlas-<UTC time>.jsonl.gz``) are
    ever removed, so other files in the folder are safe.
    """
    if keep < 1:
        raise ImportFormatError.said(
            N_("Keep at least one backup (asked to keep {keep})."), keep=str(keep)
        )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{BACKUP_PREFIX}{utc_now().strftime('%Y%m%dT%H%M%S%fZ')}.jsonl.gz"
    counts = backup_database(session, path)
    for old in sorted(folder.glob(f"{BACKUP_PREFIX}*.jsonl.gz"), reverse=True)[keep:]:
        old.unlink()
    return path, counts

"""The one write path: every change to the shared database goes through a unit of work.

``with changes(session, user) as uow:`` stamps versions (``version``, ``updated_at``,
``updated_by``), refuses a save made from a stale version (``UPDATE ... WHERE version =
:expected`` touching no row raises the caller's :class:`~geo.errors.EditConflict`), and writes
the change log: one row per changed field of a record (who, when, field, old and new value) and
one row per whole-file event (an import, a restore, a sync, a study-area import or delete, an
erasure: who, when, what and the counts). No other module inserts into ``change_log``; a test
in ``tests/db/test_unit_of_work.py`` reads the code to keep it so.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.base import rows_matched, utc_now
from geo.db.schema import ChangeLog

_STAMPS = ("created_at", "updated_at", "updated_by", "version")


def render(value: object) -> str | None:
    """A value as change-log text: text as is, dates ISO, lists and objects as JSON."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


class UnitOfWork:
    """Writes of one user in one transaction; the change log is written when it closes."""

    def __init__(self, session: Session, user: str) -> None:
        self.session = session
        self.user = user
        self.now = utc_now()
        self._entries: list[dict[str, object]] = []

    def log(
        self,
        entity: str,
        entity_id: str,
        action: str,
        *,
        field: str | None = None,
        old: object = None,
        new: object = None,
        version: int | None = None,
    ) -> None:
        """Record one change (a field of a record, or a whole record's creation)."""
        self._entries.append(
            {
                "changed_at": self.now,
                "changed_by": self.user,
                "entity": entity,
                "entity_id": str(entity_id)[:64],
                "action": action,
                "field": field,
                "old_value": render(old),
                "new_value": render(new),
                "version": version,
            }
        )

    def event(self, entity: str, what: str, action: str, counts: Mapping[str, int]) -> None:
        """Record one whole-file event (import, restore, sync...) with its counts."""
        self.log(entity, what, action, new={k: int(v) for k, v in counts.items()})

    def create(
        self,
        table: sa.Table,
        rows: list[dict[str, object]],
        *,
        entity: str,
        snapshots: list[object] | None = None,
    ) -> list[str]:
        """Insert records at version 1 (new ids where missing); log each one's creation."""
        key = _key(table)
        stamped = []
        for row in rows:
            stamps: dict[str, object] = {"created_at": self.now, "updated_at": self.now}
            stamps.update({"updated_by": self.user, "version": 1})
            extra = {k: v for k, v in stamps.items() if k in table.c}
            stamped.append({**row, **extra, key.name: str(row.get(key.name) or uuid.uuid4())})
        if stamped:
            self.session.execute(sa.insert(table), stamped)
        shown = snapshots or [_snapshot(r, key.name) for r in rows]
        for row, snapshot in zip(stamped, shown, strict=True):
            version = 1 if "version" in table.c else None
            self.log(entity, str(row[key.name]), "create", new=snapshot, version=version)
        return [str(r[key.name]) for r in stamped]

    def save(
        self,
        table: sa.Table,
        record_id: str,
        values: Mapping[str, object],
        *,
        expected_version: int,
        entity: str,
        diffs: Mapping[str, tuple[object, object]],
        conflict: Callable[[], Exception],
        action: str = "update",
    ) -> int:
        """Compare-and-set one record from ``expected_version``; log each diff; new version.

        Raises whatever ``conflict()`` builds when someone else saved first (the UPDATE then
        waits for their transaction and finds the version moved on).
        """
        key = _key(table)
        result = self.session.execute(
            sa.update(table)
            .where(key == record_id, table.c.version == expected_version)
            .values(
                **values,
                version=expected_version + 1,
                updated_at=self.now,
                updated_by=self.user,
            )
        )
        if rows_matched(result) != 1:
            raise conflict()
        for field, (old, new) in diffs.items():
            self.log(
                entity,
                record_id,
                action,
                field=field,
                old=old,
                new=new,
                version=expected_version + 1,
            )
        return expected_version + 1

    def redact(self, blank: Callable[[str | None], str | None], terms: list[str]) -> int:
        """Blank erased values in the history's old and new values; returns entries touched.

        The history is otherwise append-only: this is the one rewrite, for erasure requests.
        """
        table = ChangeLog.__table__
        found = sa.or_(
            *(
                column.icontains(term, autoescape=True)
                for term in terms
                for column in (table.c.old_value, table.c.new_value)
            )
        )
        rows = self.session.execute(
            sa.select(table.c.id, table.c.old_value, table.c.new_value).where(found)
        ).all()
        for row_id, old, new in rows:
            self.session.execute(
                sa.update(table)
                .where(table.c.id == row_id)
                .values(old_value=blank(old), new_value=blank(new))
            )
        return len(rows)

    def flush(self) -> None:
        """Write the collected change-log rows (executemany)."""
        if self._entries:
            self.session.execute(sa.insert(ChangeLog.__table__), self._entries)
            self._entries = []
        self.session.flush()


def _key(table: sa.Table) -> sa.Column:
    return next(iter(table.primary_key.columns))


def _snapshot(row: Mapping[str, object], key: str) -> dict[str, object]:
    return {
        k: render(v)
        for k, v in row.items()
        if k != key and k not in _STAMPS and v not in (None, "", [], ())
    }


@contextmanager
def changes(session: Session, user: str) -> Iterator[UnitOfWork]:
    """A unit of work in the session's transaction (``Session.begin()`` or autobegin).

    The caller commits or rolls back the records and their change log together; if the block
    raises, nothing of it is logged.

    Examples
    --------
    >>> with changes(session, "Amira Haddad (amira)") as uow:  # doctest: +SKIP
    ...     uow.event("import", "orgs.csv", "import", {"added": 12})
    """
    uow = UnitOfWork(session, user)
    yield uow
    uow.flush()


def record_event(
    session: Session, user: str, entity: str, what: str, action: str, counts: Mapping[str, int]
) -> None:
    """Log one whole-file event on its own (e.g. a study-area import, whose data are files)."""
    with changes(session, user) as uow:
        uow.event(entity, what, action, counts)

"""Versioned, logged writes for the field-work records (walkabouts, log entries, steps, staff).

The same rules as organizations (:mod:`geo.db.edits`): every save is
``UPDATE ... WHERE id = :id AND version = :expected`` and a refused one raises
:class:`~geo.errors.EditConflict` saying who changed what; every change is a ``change_log``
row; deleting is archiving, undone by restoring.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import unit_of_work
from geo.db.schema import ChangeLog
from geo.db.unit_of_work import render
from geo.errors import AssetNotFound, EditConflict
from geo.messages import N_, Message, enumeration

NOUNS = {
    "walkabout": N_("walk"),
    "engagement": N_("log entry"),
    "action_step": N_("action step"),
    "staff": N_("staff member"),
}


def insert_tracked(
    session: Session, table: sa.Table, values: Mapping[str, object], *, entity: str, user: str
) -> str:
    """Insert one record at version 1 and log its creation; returns its (new) id."""
    snapshot = {k: render(v) for k, v in values.items() if k != "id" and v not in (None, "", [])}
    with unit_of_work.changes(session, user) as uow:
        (record_id,) = uow.create(
            table, [{**values, "archived": False}], entity=entity, snapshots=[snapshot]
        )
    return record_id


def load_row(session: Session, table: sa.Table, record_id: str, entity: str) -> dict:
    """The stored row as a dict.

    Raises
    ------
    AssetNotFound
        If there is no such record.
    """
    row = session.execute(sa.select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        raise AssetNotFound(
            Message(
                N_(
                    "No {noun} has the id '{id}'. It may have been removed by a restore; "
                    "reload the page."
                ),
                noun=Message(NOUNS.get(entity, entity)),
                id=record_id,
            )
        )
    return dict(row)


def conflict(
    session: Session,
    entity: str,
    record_id: str,
    expected: int,
    current: Mapping[str, object],
    label: str,
) -> EditConflict:
    """The EditConflict for a save made from version ``expected``."""
    query = (
        sa.select(ChangeLog)
        .where(
            ChangeLog.entity == entity,
            ChangeLog.entity_id == record_id,
            ChangeLog.version > expected,
        )
        .order_by(ChangeLog.id)
    )
    changes = [
        {
            "field": c.field or c.action,
            "changed_by": c.changed_by,
            "changed_at": c.changed_at,
            "their_value": c.new_value,
        }
        for c in session.scalars(query)
    ]
    who = sorted({str(c["changed_by"]) for c in changes}) or [Message(N_("someone"))]
    fields = enumeration(dict.fromkeys(str(c["field"]) for c in changes))
    message = Message(
        N_(
            "The {noun} '{label}' was changed by {who} since you opened it (version "
            "{expected}, now {version}){fields}. Your changes were not saved. Reload it, check "
            "their changes, and make yours again."
        ),
        noun=Message(NOUNS.get(entity, entity)),
        label=label,
        who=enumeration(who),
        expected=str(expected),
        version=str(current["version"]),
        fields=Message(N_(": {fields}"), fields=fields) if fields else "",
    )
    return EditConflict(message, changes)


def update_tracked(
    session: Session,
    table: sa.Table,
    record_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int,
    entity: str,
    user: str,
    label_field: str = "title",
    action: str = "update",
    force_bump: bool = False,
) -> dict:
    """Save field changes from version ``expected_version``; log one row per changed field.

    ``force_bump`` bumps the version even when no column changed (a child table did).

    Raises
    ------
    AssetNotFound, EditConflict
    """
    current = load_row(session, table, record_id, entity)
    label = str(current.get(label_field) or record_id)
    if current["version"] != expected_version:
        raise conflict(session, entity, record_id, expected_version, current, label)
    diffs = {k: (current[k], v) for k, v in changes.items() if current[k] != v}
    if not diffs and not force_bump:
        return current
    with unit_of_work.changes(session, user) as uow:
        uow.save(
            table,
            record_id,
            {k: new for k, (_, new) in diffs.items()},
            expected_version=expected_version,
            entity=entity,
            diffs=diffs,
            conflict=lambda: conflict(
                session,
                entity,
                record_id,
                expected_version,
                load_row(session, table, record_id, entity),
                label,
            ),
            action=action,
        )
    return load_row(session, table, record_id, entity)


def log_detail(
    session: Session,
    entity: str,
    record_id: str,
    field: str,
    old: object,
    new: object,
    *,
    user: str,
    version: int,
    action: str = "update",
) -> None:
    """Log a change to a record's child rows (stops, links, trainings) under its version."""
    with unit_of_work.changes(session, user) as uow:
        uow.log(entity, record_id, action, field=field, old=old, new=new, version=version)


def set_archived(
    session: Session,
    table: sa.Table,
    record_id: str,
    archived: bool,
    *,
    entity: str,
    user: str,
    expected_version: int | None = None,
    label_field: str = "title",
) -> dict:
    """Archive (soft-delete) or restore a record; see :func:`update_tracked`."""
    current = load_row(session, table, record_id, entity)
    expected = current["version"] if expected_version is None else expected_version
    return update_tracked(
        session,
        table,
        record_id,
        {"archived": archived},
        expected_version=expected,
        entity=entity,
        user=user,
        label_field=label_field,
        action="archive" if archived else "restore",
    )

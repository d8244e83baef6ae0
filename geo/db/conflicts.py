"""The message a refused save shows: who changed what since the form was opened."""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.models import Asset
from geo.db.queries import ENTITY
from geo.db.records import render_value
from geo.db.schema import ChangeLog
from geo.errors import EditConflict
from geo.messages import N_, Listing, Message, enumeration


def changes_since(
    session: Session, organization_id: str, mine: Mapping[str, object], expected: int
) -> list[dict[str, object]]:
    """Per field, the latest change others saved after version ``expected``."""
    query = (
        sa.select(ChangeLog)
        .where(
            ChangeLog.entity == ENTITY,
            ChangeLog.entity_id == organization_id,
            ChangeLog.version > expected,
        )
        .order_by(ChangeLog.id)
    )
    latest: dict[str, dict[str, object]] = {}
    for entry in session.scalars(query):
        field = entry.field or entry.action
        opened = latest.get(field, {}).get("value_when_you_opened", entry.old_value)
        latest[field] = {
            "field": field,
            "changed_by": entry.changed_by,
            "changed_at": entry.changed_at,
            "action": entry.action,
            "their_value": entry.new_value,
            "your_value": render_value(mine.get(field)) if field in mine else None,
            "you_changed": field in mine,
            "value_when_you_opened": opened,
        }
    return list(latest.values())


def build_conflict(
    session: Session, asset: Asset, mine: Mapping[str, object], expected: int
) -> EditConflict:
    """The EditConflict for a save made from version ``expected``; ``.changes`` per field."""
    changes = changes_since(session, asset.id, mine, expected)
    who = sorted({str(c["changed_by"]) for c in changes}) or [Message(N_("someone"))]
    parts = [
        Message(
            N_("{field}: their value {theirs}, your value {yours}")
            if c["you_changed"]
            else N_("{field}: their value {theirs}, your value {yours} (unchanged by you)"),
            field=c["field"],
            theirs=_show(c["their_value"]),
            yours=_show(c["your_value"] if c["you_changed"] else c["value_when_you_opened"]),
        )
        for c in changes
    ]
    message = Message(
        N_(
            "'{name}' was changed by {who} since you opened it (version {expected}, now "
            "{version}). {changes}Your changes were not saved. Reload the record, check their "
            "changes, and make yours again."
        ),
        name=asset.name,
        who=enumeration(who),
        expected=str(expected),
        version=str(asset.version),
        changes=Message(N_("{changes}. "), changes=Listing(parts)) if parts else "",
    )
    return EditConflict(message, changes)


def _show(value: object) -> Message | str:
    return Message(N_("(empty)")) if value is None else f"'{value}'"

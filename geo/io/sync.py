"""Sync the shared database with a feed (a 211 / HSDS export) run every night.

Records are matched by the feed's name (``source``) and the feed's own id (``source_id``).
New ids are added, changed fields are updated (the history names the feed as who changed
them), records that left the feed are archived (restorable), and any field a staff member
changed since the feed last wrote it is left alone and listed in the report. Rows of the feed
that resemble each other or stored records are flagged in the report, never refused. A feed
that would archive more than a set share of the source's records (a truncated download) is
refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from geo.db import add_assets, archive_asset, restore_asset, update_asset
from geo.db.duplicates import DuplicateMatch, find_duplicates_many
from geo.db.queries import ENTITY, to_asset
from geo.db.records import ALIASES, EDITABLE_FIELDS, LIST_FIELDS, Asset
from geo.db.schema import ChangeLog, Organization
from geo.db.unit_of_work import changes
from geo.errors import ValidationError
from geo.io.importer import REASONS, prepare_import
from geo.io.readers import SourceTable
from geo.io.sync_report import SyncReport
from geo.messages import N_, Listing, Message, enumeration

_SKIP = ("source", "source_id", "id", "status")


def sync_user(source: str) -> str:
    """The name the feed's changes carry in the history."""
    return f"{source} (sync)"


def _feed_fields(mapping: Mapping[str, str]) -> list[str]:
    """Fields the feed provides; the others (contacts, notes...) belong to staff."""
    named = {ALIASES.get(f, f) for f in mapping}
    return [f for f in EDITABLE_FIELDS if f in named and f not in _SKIP]


def _same(name: str, stored: object, feed: object) -> bool:
    if name in LIST_FIELDS and name != "contacts":
        return sorted(map(repr, stored or ())) == sorted(map(repr, feed or ()))  # type: ignore[call-overload]
    return stored == feed


def _read_feed(
    source: str | Path | SourceTable, report: SyncReport
) -> tuple[dict[str, dict[str, object]], list[str]]:
    plan = prepare_import(source)
    report.feed_rows = plan.report.rows_read
    problems: dict[int | None, list[str]] = {}
    for issue in plan.report.issues:
        if issue.severity == "error":
            problems.setdefault(issue.row, []).append(
                Message(N_("{field} {message}"), field=issue.field, message=issue.message)
            )
    report.rejected = [{"row": r, "message": Listing(m)} for r, m in problems.items()]
    feed: dict[str, dict[str, object]] = {}
    for row, record in plan.records:
        sid = str(record.get("source_id") or "").strip()
        if not sid:
            report.rejected.append({"row": row, "message": Message(N_("has no id in the feed"))})
        elif sid in feed:
            repeats = Message(N_("repeats the feed id {id}"), id=sid)
            report.rejected.append({"row": row, "message": repeats})
        else:
            feed[sid] = dict(record)
    return feed, _feed_fields(plan.mapping)


def _stored(session: Session, source: str) -> dict[str, Asset]:
    query = (
        sa.select(Organization)
        .where(Organization.source == source)
        .options(
            selectinload(Organization.locations),
            selectinload(Organization.services),
            selectinload(Organization.languages),
            selectinload(Organization.communities),
            selectinload(Organization.contacts),
        )
    )
    return {str(o.source_id): to_asset(o) for o in session.scalars(query)}


def _last_writers(session: Session, source: str) -> dict[tuple[str, str], str]:
    """(organization id, field) -> who last changed it ('status' for archive/restore)."""
    ids = sa.select(Organization.id).where(Organization.source == source)
    query = (
        sa.select(ChangeLog.entity_id, ChangeLog.field, ChangeLog.changed_by)
        .where(ChangeLog.entity == ENTITY, ChangeLog.entity_id.in_(ids))
        .where(ChangeLog.action.in_(("update", "archive", "restore", "erase")))
        .order_by(ChangeLog.id)
    )
    return {(e, f or "status"): who for e, f, who in session.execute(query)}


def _refuse_mass_archive(report: SyncReport, active: int, share: float) -> None:
    gone = len(report.archived)
    if active and gone / active > share:
        raise ValidationError(
            Message(
                N_(
                    "The feed '{source}' would archive {gone} of its {active} active records "
                    "({part:.0%}, more than the {share:.0%} allowed by {setting}). The download "
                    "may be cut short: check the feed and run the sync again. Nothing was "
                    "changed."
                ),
                source=report.source,
                gone=gone,
                active=active,
                part=gone / active,
                share=share,
                setting="WELCOME_ATLAS_SYNC_MAX_ARCHIVE_SHARE",
            )
        )


def _match_words(match: DuplicateMatch) -> Message:
    reasons = enumeration(Message(REASONS.get(r, r)) for r in match.reasons)
    return Message(N_("'{name}' (same {reasons})"), name=match.name, reasons=reasons)


def _plan_updates(
    report: SyncReport,
    feed: dict[str, dict[str, object]],
    stored: dict[str, Asset],
    fields: list[str],
    writers: dict[tuple[str, str], str],
) -> dict[str, dict[str, object]]:
    """Per stored record, the feed's changes that no staff edit holds back."""
    me = sync_user(report.source)
    plans: dict[str, dict[str, object]] = {}
    for sid, record in feed.items():
        asset = stored.get(sid)
        if asset is None:
            continue
        changed: dict[str, object] = {}
        for name in fields:
            if _same(name, getattr(asset, name), record.get(name)):
                continue
            who = writers.get((asset.id, name))
            if who is not None and who != me:
                report.kept.append(
                    {
                        "source_id": sid,
                        "id": asset.id,
                        "field": name,
                        "changed_by": who,
                        "feed_value": record.get(name),
                    }
                )
            else:
                changed[name] = record.get(name)
        if changed:
            plans[sid] = changed
            report.updated[sid] = list(changed)
    return plans


def _plan_status(
    report: SyncReport,
    feed: Mapping[str, object],
    stored: dict[str, Asset],
    writers: dict[tuple[str, str], str],
) -> None:
    me = sync_user(report.source)
    for sid, asset in stored.items():
        if sid not in feed and asset.status == "active":
            report.archived.append(sid)
        elif sid in feed and asset.status == "archived":
            if writers.get((asset.id, "status"), me) == me:
                report.restored.append(sid)
            else:
                who = writers[(asset.id, "status")]
                report.kept.append(
                    {
                        "source_id": sid,
                        "id": asset.id,
                        "field": "status",
                        "changed_by": who,
                        "feed_value": "active",
                    }
                )


def _add_new(
    session: Session, report: SyncReport, feed: dict[str, dict[str, object]], stored: Mapping
) -> None:
    new = [
        {**record, "source": report.source, "source_id": sid, "id": None}
        for sid, record in feed.items()
        if sid not in stored
    ]
    for index, matches in sorted(find_duplicates_many(session, new).items()):
        report.duplicates.append(
            {
                "source_id": new[index]["source_id"],
                "message": Message(
                    N_("{name} ({id}) looks like {matches}"),
                    name=new[index]["name"],
                    id=new[index]["source_id"],
                    matches=Listing(_match_words(m) for m in matches),
                ),
            }
        )
    add_assets(session, new, user=sync_user(report.source), allow_duplicate=True)
    report.added = [str(r["source_id"]) for r in new]


def sync_feed(
    session: Session,
    feed_path: str | Path | SourceTable,
    *,
    source: str,
    user: str,
    max_archive_share: float,
    dry_run: bool = False,
) -> SyncReport:
    """Bring the source's records in line with the feed, in the caller's transaction.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; commit to keep the changes (a dry run: roll back).
    feed_path : str, Path or SourceTable
        The feed: an HSDS datapackage (folder or zip) or any importable file with ids.
    source : str
        The feed's stable name (e.g. ``open211-miami``); records are matched by it and id.
    user : str
        Who runs the sync (the sync's own history entry); field changes are made under
        :func:`sync_user`.
    max_archive_share : float
        Refuse a feed that would archive more than this share of the source's active records.
    dry_run : bool, optional
        Only marks the report; the caller rolls back.

    Raises
    ------
    ValidationError
        If the feed would archive too many records; nothing is written.
    ImportFormatError
        If the feed cannot be read.
    """
    report = SyncReport(source=source, dry_run=dry_run)
    feed, fields = _read_feed(feed_path, report)
    stored = _stored(session, source)
    writers = _last_writers(session, source)
    _plan_status(report, feed, stored, writers)
    active = sum(1 for a in stored.values() if a.status == "active")
    _refuse_mass_archive(report, active, max_archive_share)
    plans = _plan_updates(report, feed, stored, fields, writers)
    me = sync_user(source)
    for sid, changed in plans.items():
        asset = stored[sid]
        update_asset(session, asset.id, changed, expected_version=asset.version, user=me)
    for sid in report.archived:
        archive_asset(session, stored[sid].id, user=me)
    for sid in report.restored:
        restore_asset(session, stored[sid].id, user=me)
    _add_new(session, report, feed, stored)
    with changes(session, user) as uow:
        uow.event("sync", source, "sync", report.counts())
    return report

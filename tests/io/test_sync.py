"""The nightly feed sync on the real Miami Open Referral feed (1,074 organizations)."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import get_asset, get_history, update_asset
from geo.db.schema import ChangeLog, Organization
from geo.errors import ValidationError
from geo.io.readers import SourceTable
from geo.io.sources import read_source
from geo.io.sync import sync_feed, sync_user
from tests.io.conftest import MIAMI, real

SOURCE = "open211-miami"


@pytest.fixture(scope="module")
def feed() -> SourceTable:
    return read_source(real(MIAMI))


def _variant(feed: SourceTable, change) -> SourceTable:
    frame = feed.frame.copy()
    return dataclasses.replace(feed, frame=change(frame))


def _sync(session: Session, table: SourceTable, *, dry_run: bool = False, share: float = 0.2):
    report = sync_feed(
        session, table, source=SOURCE, user="cron", max_archive_share=share, dry_run=dry_run
    )
    session.rollback() if dry_run else session.commit()
    return report


def _org(session: Session, source_id: str) -> Organization:
    return session.scalars(
        sa.select(Organization).where(
            Organization.source == SOURCE, Organization.source_id == source_id
        )
    ).one()


def _count(session: Session, **where: object) -> int:
    query = sa.select(sa.func.count()).select_from(Organization).filter_by(source=SOURCE, **where)
    return session.scalar(query) or 0


def test_a_nightly_sync_of_the_miami_feed(session: Session, feed: SourceTable) -> None:
    first = _sync(session, feed)
    assert (len(first.added), _count(session)) == (1074, 1074)
    assert len(first.duplicates) == 18  # rows sharing a phone or website: flagged, all kept

    again = _sync(session, feed)
    assert again.counts()["added"] == again.counts()["changed"] == 0
    assert again.counts()["duplicates"] == again.counts()["archived"] == 0

    sid, staff_sid = str(feed.frame["source_id"].iloc[0]), str(feed.frame["source_id"].iloc[1])
    dry = _sync(session, _variant(feed, lambda f: f.iloc[1:]), dry_run=True)
    assert dry.archived == [sid] and _count(session, status="active") == 1074

    def new_text(frame):
        frame.loc[frame["source_id"] == sid, "description"] = "Now also offers ESL classes."
        return frame

    changed = _sync(session, _variant(feed, new_text))
    assert changed.updated == {sid: ["description"]} and changed.counts()["added"] == 0
    org = _org(session, sid)
    (entry,) = [c for c in get_history(session, org.id) if c.field == "description"]
    assert entry.changed_by == sync_user(SOURCE) and entry.new_value == org.description

    staff = _org(session, staff_sid)
    update_asset(
        session,
        staff.id,
        {"description": "Checked by phone: closed on Fridays."},
        expected_version=staff.version,
        user="Amira (amira)",
    )
    session.commit()
    kept = _sync(session, _variant(feed, new_text))
    assert [(k["source_id"], k["field"]) for k in kept.kept] == [(staff_sid, "description")]
    assert kept.kept[0]["changed_by"] == "Amira (amira)"
    assert get_asset(session, staff.id).description == "Checked by phone: closed on Fridays."
    assert any("kept staff edit" in line for line in kept.lines())

    left = str(feed.frame["source_id"].iloc[2])
    gone = _sync(session, _variant(feed, lambda f: new_text(f).drop(f.index[2])))
    assert gone.archived == [left] and gone.counts()["changed"] == 0
    assert _count(session, status="archived") == 1 and _count(session) == 1074
    assert get_history(session, _org(session, left).id)[-1].changed_by == sync_user(SOURCE)

    back = _sync(session, _variant(feed, new_text))
    assert back.restored == [left] and _count(session, status="active") == 1074


def test_a_truncated_feed_is_refused_and_changes_nothing(
    session: Session, feed: SourceTable
) -> None:
    _sync(session, feed)
    before = session.scalar(sa.select(sa.func.count()).select_from(ChangeLog))
    half = _variant(feed, lambda f: f.iloc[: len(f) // 2])
    with pytest.raises(ValidationError, match=r"would archive 537 of its 1074 .*cut short"):
        _sync(session, half)
    session.rollback()
    assert _count(session, status="active") == 1074
    assert session.scalar(sa.select(sa.func.count()).select_from(ChangeLog)) == before

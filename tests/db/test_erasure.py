"""Erasure on request: the person is gone from records and history; that it happened is kept."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import add_asset, get_asset, update_asset
from geo.db.engagement import add_engagement, get_engagement
from geo.db.erasure import contacts_due_for_review, erase_person
from geo.db.schema import ChangeLog
from geo.db.tables import TABLES
from geo.db.walk_reports import record_walk_report
from geo.db.walkabouts import get_walkabout, save_walkabout
from geo.errors import EditConflict, ValidationError
from geo.fieldwork.routes import Stop
from tests.db.conftest import org

PERSON = "Omar Haddad"
PHONE = "(555) 010-4242"


def _everything(session: Session) -> str:
    """Every value of every table as one text, to search for what must be gone."""
    return json.dumps(
        [[dict(r) for r in session.execute(sa.select(t)).mappings()] for t in TABLES],
        default=str,
        ensure_ascii=False,
    )


@pytest.fixture
def mentioned(session: Session) -> dict[str, object]:
    contact = {"name": PERSON, "role": "Imam", "phone": PHONE, "email": "omar@example.org"}
    other = {"name": "Ana Ruiz", "role": "Director"}
    asset = add_asset(session, org("Riverton Mosque", contacts=[contact, other]), user="ana")
    asset = update_asset(
        session, asset.id, {"description": "Friday meals"}, expected_version=1, user="bo"
    )
    entry = add_engagement(
        session,
        {
            "contact_on": date(2025, 3, 1),
            "staff": "Ana",
            "technique": "introduction",
            "continuum": "outreach",
            "summary": f"Met omar haddad at the mosque; call {PHONE}.",
            "needs": "ESL classes",
        },
        user="ana",
    )
    walk = save_walkabout(
        session,
        title="Eastside walk",
        branch_id=None,
        area={},
        stops=[Stop(label="Mosque", lat=41.0, lon=-45.0)],
        user="ana",
    )
    record_walk_report(
        session,
        walk,
        [{"position": 1, "visited": True, "met": f"{PERSON}, imam", "learned": "needs rooms"}],
        expected_version=1,
        user="ana",
    )
    session.commit()
    return {"asset": asset, "entry": entry, "walk": walk}


def test_the_person_is_gone_everywhere_and_the_erasure_is_recorded(session, mentioned):
    assert PERSON in _everything(session) and PHONE in _everything(session)
    report = erase_person(session, "omar HADDAD", user="Amira (amira)")
    session.commit()
    everything = _everything(session)
    assert PERSON.lower() not in everything.lower()
    assert PHONE not in everything and "omar@example.org" not in everything
    assert (report.contacts, report.organizations) == (1, 1)
    assert (report.engagement_entries, report.walks) == (1, 1)
    assert report.history_entries >= 3
    asset = get_asset(session, mentioned["asset"].id)
    assert [c.name for c in asset.contacts] == ["Ana Ruiz"]
    assert get_engagement(session, mentioned["entry"])["summary"] == (
        "Met [erased] at the mosque; call [erased]."
    )
    assert get_walkabout(session, mentioned["walk"]).stops[0].met == "[erased], imam"
    erased = list(session.scalars(sa.select(ChangeLog).where(ChangeLog.action == "erase")))
    assert {e.changed_by for e in erased} == {"Amira (amira)"}
    assert all(e.old_value is None for e in erased)
    event = next(e for e in erased if e.entity == "person")
    assert json.loads(event.new_value)["contacts"] == 1


def test_an_open_form_cannot_save_the_erased_text_back(session, mentioned):
    asset = mentioned["asset"]
    erase_person(session, PERSON, user="amira")
    with pytest.raises(EditConflict, match="amira"):
        update_asset(session, asset.id, {"phone": "555"}, expected_version=asset.version, user="bo")


def test_a_short_name_is_refused_so_nothing_else_is_erased(session, mentioned):
    with pytest.raises(ValidationError, match="full name"):
        erase_person(session, "Om", user="amira")


def test_contacts_older_than_the_retention_period_are_listed(session, mentioned):
    now = datetime.now(UTC)
    assert contacts_due_for_review(session, months=24, now=now) == []
    due = contacts_due_for_review(session, months=24, now=now + timedelta(days=24 * 31))
    assert sorted(d["contact"] for d in due) == ["Ana Ruiz", PERSON]
    assert {d["organization"] for d in due} == {"Riverton Mosque"}
    just_before = contacts_due_for_review(session, months=24, now=now + timedelta(days=700))
    assert just_before == []

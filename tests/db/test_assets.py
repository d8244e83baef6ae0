"""Add, edit, archive and restore organizations, with every change in the history."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import (
    EDITABLE_FIELDS,
    LanguageServed,
    add_asset,
    add_assets,
    archive_asset,
    get_asset,
    get_history,
    list_assets,
    restore_asset,
    update_asset,
)
from geo.db.schema import Organization
from geo.errors import AssetNotFound, ValidationError
from tests.db.conftest import org
from tests.db.statements import count_statements

UNICODE_NAMES = [
    "مركز الجالية العربية للخدمات",
    "华人社区服务中心",
    "Украинский культурный центр",
    "नेपाली भूटानी समुदाय सेवा",
    "Ñandú Café & Crêperie",
]


def test_add_and_read_back_every_field(session: Session) -> None:
    record = org(
        "Welcome Center",
        organization_id="ORG-9",
        category="legal;english",
        alternate_name="WC",
        description="Forms",
        email="hi@wc.example.org",
        website="wc.example.org",
        phone="555-0100",
        languages=["ar: interpreter on request", "prs"],
        communities="Afghanistan;Syria",
        address="1 Main",
        lat=41.0,
        lon=-45.0,
        contacts=[{"name": "Ana", "role": "Director", "phone": "555", "email": "a@x"}],
        entry_technique="Community event",
        collected_by="Ana",
        collected_on="2025-01-02",
        last_verified_on=date(2025, 2, 3),
    )
    asset = add_asset(session, record, user="ana")
    session.commit()
    stored = get_asset(session, "ORG-9")
    assert stored == asset
    assert stored.categories == ("legal", "english")
    assert stored.languages == (
        LanguageServed(code="ar", note="interpreter on request"),
        LanguageServed(code="prs"),
    )
    assert stored.contacts[0].role == "Director" and stored.entry_technique == "event"
    assert (stored.version, stored.updated_by, stored.status) == (1, "ana", "active")
    assert stored.collected_on == date(2025, 1, 2)
    (created,) = get_history(session, "ORG-9")
    assert (created.action, created.changed_by, created.version) == ("create", "ana", 1)


def test_new_asset_without_id_gets_a_uuid(session: Session) -> None:
    asset = add_asset(session, org("No Id"), user="ana")
    assert len(asset.id) == 36 and asset.needs_location


def test_edit_records_who_field_old_new(session: Session) -> None:
    asset = add_asset(session, org("Old Name", phone="555-0100", languages="ar"), user="ana")
    session.commit()
    updated = update_asset(
        session,
        asset.id,
        {"name": "New Name", "languages": "ar;so", "lat": 41.0, "lon": -45.0},
        expected_version=1,
        user="bo",
    )
    session.commit()
    assert (updated.name, updated.version, updated.updated_by) == ("New Name", 2, "bo")
    changes = {c.field: c for c in get_history(session, asset.id) if c.action == "update"}
    assert set(changes) == {"name", "languages", "lat", "lon"}
    assert (
        changes["name"].changed_by,
        changes["name"].old_value,
        changes["name"].new_value,
    ) == ("bo", "Old Name", "New Name")
    assert (changes["languages"].old_value, changes["languages"].new_value) == (
        "ar",
        "ar;so",
    )
    assert changes["lat"].old_value is None and changes["lat"].version == 2
    assert not get_asset(session, asset.id).needs_location


def test_edit_with_no_difference_keeps_the_version(session: Session) -> None:
    asset = add_asset(session, org("Same", phone="1"), user="ana")
    assert (
        update_asset(session, asset.id, {"name": "Same"}, expected_version=1, user="bo").version
        == 1
    )
    assert [c.action for c in get_history(session, asset.id)] == ["create"]


def test_archive_and_restore_are_logged_and_hide_the_asset(session: Session) -> None:
    asset = add_asset(session, org("Seasonal Pantry"), user="ana")
    session.commit()
    archived = archive_asset(session, asset.id, user="bo", expected_version=1)
    session.commit()
    assert archived.status == "archived" and archived.version == 2
    assert list_assets(session).empty
    assert list(list_assets(session, include_archived=True)["organization_id"]) == [asset.id]
    restored = restore_asset(session, asset.id, user="cy")
    session.commit()
    assert restored.status == "active" and restored.version == 3
    history = [
        (c.action, c.changed_by, c.old_value, c.new_value) for c in get_history(session, asset.id)
    ]
    assert history[1:] == [
        ("archive", "bo", "active", "archived"),
        ("restore", "cy", "archived", "active"),
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"categories": "fishing"}, "categories"),
        ({"lat": 123}, "lat"),
        ({"languages": "Arabic"}, "languages"),
        ({"entry_technique": "telepathy"}, "entry_technique"),
        ({"collected_on": "yesterday"}, "collected_on"),
        ({"status": "archived"}, "status"),
        ({"version": 7}, "version"),
    ],
)
def test_invalid_edits_are_refused(
    session: Session, changes: dict[str, object], field: str
) -> None:
    asset = add_asset(session, org("Valid"), user="ana")
    with pytest.raises(ValidationError) as caught:
        update_asset(session, asset.id, changes, expected_version=1, user="bo")
    assert caught.value.problems[0]["field"] == field
    assert get_asset(session, asset.id).version == 1


def test_lat_without_lon_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError, match="lat/lon"):
        add_asset(session, org("Half placed", lat=41.0), user="ana")
    asset = add_asset(session, org("Placed", lat=41.0, lon=-45.0), user="ana")
    with pytest.raises(ValidationError, match="Latitude and longitude"):
        update_asset(session, asset.id, {"lon": None}, expected_version=1, user="ana")


def test_unknown_asset(session: Session) -> None:
    with pytest.raises(AssetNotFound, match="ORG-404"):
        update_asset(session, "ORG-404", {"name": "x"}, expected_version=1, user="ana")
    with pytest.raises(AssetNotFound):
        archive_asset(session, "ORG-404", user="ana")


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_unicode_round_trip(engine: sa.Engine, name: str) -> None:
    with Session(engine) as session, session.begin():
        organization_id = add_asset(
            session, org(name, description=name * 3, communities=name), user="علي"
        ).id
    with Session(engine) as session:
        stored = get_asset(session, organization_id)
        assert (stored.name, stored.description, stored.communities) == (
            name,
            name * 3,
            (name,),
        )
        assert get_history(session, organization_id)[0].changed_by == "علي"
        assert list(list_assets(session, search=name.split()[0])["name"]) == [name]


def test_bulk_add_is_batched_and_all_or_nothing(engine: sa.Engine) -> None:
    records = [
        org(
            f"Organization {i}",
            category="food;health",
            languages="es;ar",
            communities="Syria",
            lat=41 + i / 1000,
            lon=-45.0,
            phone=f"555-{i:07d}",
        )
        for i in range(1200)
    ]
    with Session(engine) as session, session.begin(), count_statements(engine) as sent:
        ids = add_assets(session, records, user="importer")
    assert len(ids) == 1200
    assert len(sent) < 60, len(sent)  # a few per table and duplicate-key chunk, not per row
    bad = [org(f"Batch {i}") for i in range(50)] + [org("", category="nope")]
    with (
        pytest.raises(ValidationError) as caught,
        Session(engine) as session,
        session.begin(),
    ):
        add_assets(session, bad, user="importer")
    assert caught.value.problems[0]["row"] == 50
    with Session(engine) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Organization)) == 1200


def test_taken_id_is_refused(session: Session) -> None:
    add_asset(session, org("First", organization_id="ORG-1"), user="ana")
    with pytest.raises(ValidationError, match="already used"):
        add_assets(session, [org("Second", organization_id="ORG-1")], user="ana")


def test_editable_fields_are_documented() -> None:
    assert {"name", "categories", "languages", "lat", "last_verified_on"} <= set(EDITABLE_FIELDS)

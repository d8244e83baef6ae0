"""Field-work records in the shared database, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from geo.db import add_asset, add_branches, get_history, list_assets
from geo.db.action_plan import (
    add_staff,
    add_step,
    archive_step,
    complete_step,
    list_staff,
    list_steps,
    restore_step,
    set_trainings,
    update_step,
)
from geo.db.backup import backup_database, restore_database
from geo.db.engagement import (
    add_engagement,
    archive_engagement,
    get_engagement,
    list_engagement,
    restore_engagement,
    update_engagement,
)
from geo.db.walk_reports import add_found_place, record_walk_report
from geo.db.walkabouts import (
    archive_walkabout,
    get_walkabout,
    list_walkabouts,
    restore_walkabout,
    save_walkabout,
)
from geo.errors import EditConflict, ValidationError
from geo.fieldwork.routes import Stop

TODAY = date(2026, 3, 1)


@pytest.fixture
def seeded(engine):
    with Session(engine) as s, s.begin():
        add_branches(
            s,
            [{"branch_id": "BR-01", "name": "Central", "lat": "41.0", "lon": "-45.0"}],
            user="setup",
        )
        add_asset(
            s,
            {
                "id": "ORG-1",
                "name": "Food Bank",
                "category": "food;social",
                "lat": 41.001,
                "lon": -45.0,
            },
            user="setup",
        )
        add_asset(
            s,
            {
                "id": "ORG-2",
                "name": "Youth Club",
                "category": "youth",
                "lat": 41.002,
                "lon": -45.001,
            },
            user="setup",
        )
    return engine


def _walk(session):
    return save_walkabout(
        session,
        title="Saturday walk",
        branch_id="BR-01",
        area={"kind": "catchment", "radius_m": 800},
        stops=[
            Stop(label="Food Bank", lat=41.001, lon=-45.0, organization_id="ORG-1"),
            Stop(label="Corner café", lat=41.0015, lon=-45.002),
        ],
        user="amira",
        planned_on=date(2026, 3, 7),
        team="Newcomer services",
        questions=["What do newcomers ask you for?"],
    )


def test_walk_is_saved_reported_and_recorded(seeded):
    with Session(seeded) as s, s.begin():
        walk_id = _walk(s)
    with Session(seeded) as s, s.begin():
        walk = get_walkabout(s, walk_id)
        assert [(st.position, st.kind) for st in walk.stops] == [(1, "organization"), (2, "point")]
        walk = record_walk_report(
            s,
            walk_id,
            [
                {
                    "position": 1,
                    "visited": True,
                    "met": "Ana, coordinator",
                    "learned": "Needs Dari volunteers",
                }
            ],
            expected_version=walk.version,
            user="ben",
        )
    assert walk.status == "walked" and walk.version == 2
    assert walk.stops[0].visited is True and walk.stops[0].learned == "Needs Dari volunteers"
    with Session(seeded) as s:
        history = get_history(s, walk_id, entity="walkabout")
        listed = list_walkabouts(s)
    assert {c.field for c in history} >= {None, "status", "stop 1 visited", "stop 1 learned"}
    assert history[-1].changed_by == "ben"
    assert listed.loc[0, "stops"] == 2 and listed.loc[0, "visited"] == 1


def test_second_report_from_an_old_version_is_refused(seeded):
    with Session(seeded) as s, s.begin():
        walk_id = _walk(s)
    with Session(seeded) as s, s.begin():
        record_walk_report(
            s, walk_id, [{"position": 2, "met": "owner"}], expected_version=1, user="ben"
        )
    with Session(seeded) as s, pytest.raises(EditConflict, match="ben"):
        record_walk_report(
            s, walk_id, [{"position": 2, "met": "someone"}], expected_version=1, user="cleo"
        )


def test_found_place_becomes_a_walkabout_asset_on_everyones_map(seeded):
    with Session(seeded) as s, s.begin():
        walk_id = _walk(s)
        asset = add_found_place(
            s,
            walk_id,
            {
                "name": "Nepali grocery",
                "category": "business",
                "languages": "ne",
                "lat": 41.0012,
                "lon": -45.0011,
            },
            expected_version=1,
            user="ana",
        )
    with Session(seeded) as s:
        assets = list_assets(s)
        walk = get_walkabout(s, walk_id)
    row = assets[assets["organization_id"] == asset.id].iloc[0]
    assert row["entry_technique"] == "walkabout" and row["collected_by"] == "ana"
    assert "Saturday walk" in row["description"] and walk_id in row["description"]
    assert walk.stops[-1].kind == "found" and walk.stops[-1].organization_id == asset.id
    assert walk.version == 2


def test_found_place_without_coordinates_is_refused(seeded):
    with Session(seeded) as s, s.begin():
        walk_id = _walk(s)
    with Session(seeded) as s, pytest.raises(ValidationError, match="latitude"):
        add_found_place(
            s, walk_id, {"name": "Somewhere", "category": "food"}, expected_version=1, user="ana"
        )


def test_walk_without_stops_is_refused(seeded):
    with Session(seeded) as s, pytest.raises(ValidationError, match="no stops"):
        save_walkabout(s, title="Empty", branch_id="BR-01", area={}, stops=[], user="a")


def test_walk_archive_and_restore(seeded):
    with Session(seeded) as s, s.begin():
        walk_id = _walk(s)
        archive_walkabout(s, walk_id, user="ana")
        assert list_walkabouts(s).empty
        assert len(list_walkabouts(s, include_archived=True)) == 1
        walk = restore_walkabout(s, walk_id, user="ana")
    assert not walk.archived and walk.version == 3
    with Session(seeded) as s:
        assert [c.action for c in get_history(s, walk_id, entity="walkabout")][-2:] == [
            "archive",
            "restore",
        ]


def _entry(session, **overrides):
    fields = {
        "contact_on": date(2026, 2, 1),
        "staff": "Amira",
        "branch_id": "BR-01",
        "team": "Youth",
        "technique": "event",
        "continuum": "consult",
        "needs": "Homework help in Arabic",
        "follow_up_on": date(2026, 3, 1),
        **overrides,
    }
    return add_engagement(
        session, fields, user="amira", organization_ids=["ORG-2"], communities=["Syria", "Iraq"]
    )


def test_engagement_entry_roundtrip_edit_conflict_archive(seeded):
    with Session(seeded) as s, s.begin():
        entry_id = _entry(s)
    with Session(seeded) as s, s.begin():
        listed = list_engagement(s)
        assert listed.loc[0, "organizations"] == ["Youth Club"]
        assert listed.loc[0, "communities"] == ["Syria", "Iraq"]
        update_engagement(s, entry_id, {"continuum": "involve"}, expected_version=1, user="ben")
    with Session(seeded) as s, pytest.raises(EditConflict, match="ben"):
        update_engagement(s, entry_id, {"needs": "x"}, expected_version=1, user="cleo")
    with Session(seeded) as s, s.begin():
        archive_engagement(s, entry_id, user="ben")
        assert list_engagement(s).empty
        restore_engagement(s, entry_id, user="ben")
        assert get_engagement(s, entry_id)["continuum"] == "involve"
        fields = [c.field for c in get_history(s, entry_id, entity="engagement")]
    assert "continuum" in fields and "archived" in fields


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"technique": "telepathy"}, "technique"),
        ({"continuum": "rule"}, "continuum"),
        ({"staff": " "}, "who from the library"),
        ({"follow_up_on": date(2026, 1, 1)}, "before the contact"),
    ],
)
def test_bad_engagement_entries_are_refused(seeded, bad, message):
    with Session(seeded) as s, pytest.raises(ValidationError, match=message):
        _entry(s, **bad)


def test_action_steps_due_dates_completion_archive(seeded):
    with Session(seeded) as s, s.begin():
        with pytest.raises(ValidationError, match="in the past"):
            add_step(
                s,
                {"title": "Call Ana", "due_on": TODAY - timedelta(days=1)},
                user="amira",
                today=TODAY,
            )
        step_id = add_step(
            s,
            {"title": "Call Ana", "who": "Amira", "due_on": TODAY},
            user="amira",
            today=TODAY,
            links=[("asset", "ORG-1"), ("tract", "99001000100")],
        )
    with Session(seeded) as s, s.begin():
        step = complete_step(
            s, step_id, expected_version=1, user="amira", today=TODAY + timedelta(days=2)
        )
        assert step["status"] == "done" and step["completed_on"] == TODAY + timedelta(days=2)
        with pytest.raises(EditConflict):
            update_step(s, step_id, {"who": "Ben"}, expected_version=1, user="ben", today=TODAY)
        archive_step(s, step_id, user="ben")
        assert list_steps(s).empty
        restore_step(s, step_id, user="ben")
        steps = list_steps(s)
    assert steps.loc[0, "links"] == "asset:ORG-1; tract:99001000100"
    with Session(seeded) as s:
        actions = [c.action for c in get_history(s, step_id, entity="action_step")]
    assert actions[0] == "create" and actions[-2:] == ["archive", "restore"]


def test_staff_capacity(seeded):
    with Session(seeded) as s, s.begin():
        staff_id = add_staff(
            s,
            name="Amira",
            branch_id="BR-01",
            team="Youth",
            user="lead",
            trainings={"listening": date(2025, 5, 1)},
        )
        set_trainings(
            s,
            staff_id,
            {"listening": date(2025, 5, 1), "cultural_competence": None},
            expected_version=2,
            user="lead",
        )
        staff = list_staff(s)
    assert set(staff.loc[0, "trainings"]) == {"listening", "cultural_competence"}
    with Session(seeded) as s, pytest.raises(ValidationError, match="Unknown training"):
        set_trainings(s, staff_id, {"juggling": None}, expected_version=3, user="lead")


def test_backup_and_restore_round_trip_the_fieldwork_tables(seeded, tmp_path):
    with Session(seeded) as s, s.begin():
        walk_id = _walk(s)
        _entry(s)
        add_step(
            s,
            {"title": "Step", "due_on": TODAY},
            user="a",
            today=TODAY,
            links=[("walkabout", walk_id)],
        )
        add_staff(s, name="Amira", user="a", trainings={"listening": TODAY})
        counts = backup_database(s, tmp_path / "backup.jsonl")
    assert counts["walkabout_stops"] == 2 and counts["staff_training"] == 1
    with Session(seeded) as s, s.begin():
        restored = restore_database(s, tmp_path / "backup.jsonl")
        walk = get_walkabout(s, walk_id)
    assert restored == counts
    assert walk.questions == ("What do newcomers ask you for?",) and len(walk.stops) == 2

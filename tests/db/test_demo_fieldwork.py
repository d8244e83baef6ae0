"""The demo city's illustrative field work: seeded into a fresh demo database, once, on request."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.config import DEMO_DIR, load_settings
from geo.db import list_assets, list_branches, open_database, seed_demo
from geo.db.action_plan import list_staff, list_steps
from geo.db.engagement import list_engagement
from geo.db.schema import ChangeLog
from geo.db.walkabouts import get_walkabout, list_walkabouts
from geo.demo_fieldwork import STORY_NAME, fieldwork_seeder, seed_demo_fieldwork
from geo.fieldwork.action_plan import mark_overdue
from geo.presenter.stories import list_stories, load_story

ON = load_settings({"WELCOME_ATLAS_DEMO_FIELDWORK": "1"})
TODAY = date(2030, 1, 15)


@pytest.fixture
def demo_session(session: Session) -> Session:
    """A migrated database holding the demo city and its field work, dated from TODAY."""
    seed_demo(session, DEMO_DIR)
    seed_demo_fieldwork(session, today=TODAY)
    session.commit()
    return session


def _fieldwork_counts(session: Session) -> tuple[int, int, int, int, int]:
    return (
        len(list_engagement(session, include_archived=True)),
        len(list_steps(session, include_archived=True)),
        len(list_staff(session, include_archived=True)),
        len(list_walkabouts(session, include_archived=True)),
        len(list_stories(session, status=None)),
    )


def test_a_fresh_demo_database_opens_with_field_work_dated_from_today(database_url):
    engine = open_database(
        database_url, seed_demo_from=DEMO_DIR, seed_fieldwork=fieldwork_seeder(ON)
    )
    try:
        with Session(engine) as session:
            entries, steps, staff, walks, stories = _fieldwork_counts(session)
            assert 12 <= entries <= 20 and 10 <= steps <= 12 and staff >= 3
            assert (walks, stories) == (1, 1)
            contacts = list_engagement(session)["contact_on"]
            today = date.today()
            assert today - timedelta(days=7) <= max(contacts) <= today
            assert today - timedelta(days=130) <= min(contacts) < today - timedelta(days=90)
            overdue = mark_overdue(list_steps(session), today=today)
            assert overdue["overdue"].sum() == 2
    finally:
        engine.dispose()


def test_dates_count_from_the_day_the_database_is_created(demo_session):
    entries = list_engagement(demo_session)
    assert max(entries["contact_on"]) == TODAY - timedelta(days=2)
    steps = list_steps(demo_session)
    overdue = mark_overdue(steps, today=TODAY)
    late = overdue[overdue["overdue"]]
    assert sorted(late["due_on"]) == [TODAY - timedelta(days=9), TODAY - timedelta(days=4)]
    assert set(late["status"]) == {"open", "in_progress"}
    assert (steps["status"] == "done").sum() == 3 and (steps["due_on"] > TODAY).sum() >= 5
    done = steps[steps["status"] == "done"]
    assert all(d <= TODAY for d in done["completed_on"])


def test_every_link_names_a_stored_record(demo_session):
    organizations = set(list_assets(demo_session)["organization_id"])
    branches = set(list_branches(demo_session)["branch_id"])
    entries = list_engagement(demo_session)
    assert set(entries["branch_id"]) <= branches and entries["branch_id"].nunique() >= 6
    assert entries["technique"].nunique() == 5 and entries["continuum"].nunique() == 5
    for involved in entries["organization_ids"]:
        assert involved and set(involved) <= organizations
    assert all(entries["communities"].map(len)) and entries["needs"].notna().sum() >= 10
    geoids = set(gpd.read_file(DEMO_DIR / "tracts.geojson")["GEOID"])
    walk_id = list_walkabouts(demo_session)["id"].iloc[0]
    known = {
        "asset": organizations,
        "engagement": set(entries["id"]),
        "tract": geoids,
        "walkabout": {walk_id},
    }
    steps = list_steps(demo_session)
    kinds = set()
    for links in steps["links"]:
        for link in links.split("; "):
            kind, ref = link.split(":", 1)
            kinds.add(kind)
            assert kind == "community" or ref in known[kind], link
    assert kinds == {"asset", "engagement", "tract", "walkabout", "community"}


def test_the_walk_is_saved_with_what_the_team_noted_after_it(demo_session):
    walk = get_walkabout(demo_session, list_walkabouts(demo_session)["id"].iloc[0])
    assert walk.status == "walked" and walk.branch_id == "BR-06" and len(walk.stops) == 5
    assert all(s.visited and s.learned for s in walk.stops)
    assert walk.planned_on == TODAY - timedelta(days=110) and walk.distance_m
    assert "illustrative" in walk.title


def test_the_story_has_four_captioned_slides_of_the_demo_map(demo_session):
    [(story_id, name)] = list_stories(demo_session)
    assert name == STORY_NAME == "Riverton newcomer scan — illustrative"
    slides = load_story(demo_session, story_id).slides
    assert len(slides) == 4 and all("illustrative" in s.caption for s in slides)
    assert {s.view.study_area for s in slides} == {"demo"}
    assert slides[3].view.filters.countries == ("Burma (Myanmar)", "Bhutan")


def test_everything_is_marked_illustrative_and_written_to_the_history(demo_session):
    entries = list_engagement(demo_session)
    assert all(s.startswith("(Illustrative)") for s in entries["summary"])
    logged = demo_session.execute(
        sa.select(ChangeLog.entity, sa.func.count()).group_by(ChangeLog.entity)
    ).all()
    counts = dict(logged)
    assert counts["engagement"] >= len(entries) and counts["action_step"] >= 11
    assert counts["story"] >= 5 and counts["walkabout"] >= 2


def test_seeding_twice_adds_nothing(database_url):
    for _ in range(2):
        engine = open_database(
            database_url, seed_demo_from=DEMO_DIR, seed_fieldwork=fieldwork_seeder(ON)
        )
        with Session(engine) as session:
            counts = _fieldwork_counts(session)
            again = seed_demo_fieldwork(session)
            assert again.slides == 0 and again.fieldwork.entries == 0
            assert _fieldwork_counts(session) == counts
        engine.dispose()
    assert counts == (17, 11, 5, 1, 1)


def test_an_existing_database_gets_no_field_work_when_opened_later(database_url):
    open_database(database_url, seed_demo_from=DEMO_DIR).dispose()
    engine = open_database(
        database_url, seed_demo_from=DEMO_DIR, seed_fieldwork=fieldwork_seeder(ON)
    )
    with Session(engine) as session:
        assert _fieldwork_counts(session) == (0, 0, 0, 0, 0)
    engine.dispose()


def test_the_setting_turns_it_off_and_the_test_suite_runs_with_it_off(database_url):
    assert load_settings({}).demo_fieldwork is True
    assert load_settings().demo_fieldwork is False  # tests/conftest.py
    off = load_settings({"WELCOME_ATLAS_DEMO_FIELDWORK": "0"})
    assert fieldwork_seeder(off) is None
    engine = open_database(
        database_url, seed_demo_from=DEMO_DIR, seed_fieldwork=fieldwork_seeder(off)
    )
    with Session(engine) as session:
        assert _fieldwork_counts(session) == (0, 0, 0, 0, 0)
        assert len(list_assets(session)) > 300
    engine.dispose()


def test_only_the_bundled_demo_folder_gets_it(tmp_path: Path):
    copy = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, copy)
    other = load_settings(
        {"WELCOME_ATLAS_DEMO_FIELDWORK": "1", "WELCOME_ATLAS_DEMO_DIR": str(copy)}
    )
    assert fieldwork_seeder(other) is None
    assert fieldwork_seeder(ON) is seed_demo_fieldwork

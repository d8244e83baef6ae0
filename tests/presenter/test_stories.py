"""Stories in the shared database (SQLite and PostgreSQL): slides reopen their views exactly."""

import json
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.schema import ChangeLog
from geo.errors import EditConflict, ValidationError
from geo.filters import Filters
from geo.presenter import stories
from geo.view import View, view_to_params

VIEWS = [
    View(study_area="demo"),
    View(
        page="gaps",
        study_area="nyc",
        filters=Filters(
            countries=("China, excluding Hong Kong and Taiwan", "Bangladesh"),
            languages=("bn",),
            categories=("legal", "english"),
            min_arrived_2010_pct=25.0,
            min_noncitizen_pct=10.0,
        ),
        indicator="origin_share",
        scheme="natural_breaks",
        radius_m=1750,
        centre=(40.71234, -73.95678),
        zoom=14,
    ),
]


def test_every_view_field_is_set_in_the_examples():
    # the round trips below cover every field of the shared view, none left at its default
    default, full = asdict(View()), asdict(VIEWS[1])
    assert [name for name in full if full[name] == default[name]] == []
    unset = [name for name, value in full["filters"].items() if not value]
    assert unset == ["min_limited_english_hh_pct"]


@pytest.mark.parametrize("view", VIEWS)
def test_view_round_trips_through_its_parameters(view):
    assert stories.read_view(view_to_params(view)) == view


def test_a_slide_stored_before_the_shared_view_reads_back():
    # the query-string form the first presenter release wrote (migration 0006)
    stored = {
        "area": ["nyc"],
        "category": ["legal", "english"],
        "arrived": ["25"],
        "indicator": ["limited_english_share"],
        "breaks": ["natural_breaks"],
        "radius": ["1750"],
        "at": ["40.71234,-73.95678,14"],
    }
    assert stories.read_view(stored) == View(
        study_area="nyc",
        filters=Filters(categories=("legal", "english"), min_arrived_2010_pct=25.0),
        indicator="limited_english_share",
        scheme="natural_breaks",
        radius_m=1750,
        centre=(40.71234, -73.95678),
        zoom=14,
    )


def test_defaults_store_nothing_but_the_study_area():
    assert view_to_params(View(study_area="demo")) == {"area": ["demo"]}


def test_a_story_keeps_its_slides_in_order_and_reopens_each_view(engine):
    with Session(engine) as session, session.begin():
        story_id = stories.create_story(session, "Spring workshop", user="Amira (amira)")
        first = stories.add_slide(session, story_id, VIEWS[0], "Where newcomers live", user="a")
        second = stories.add_slide(session, story_id, VIEWS[1], "Bangladeshi <b>", user="a")
    with Session(engine) as session:
        story = stories.load_story(session, story_id)
    assert story.name == "Spring workshop"
    assert [s.slide_id for s in story.slides] == [first, second]
    assert [s.view for s in story.slides] == VIEWS
    assert story.slides[1].caption == "Bangladeshi <b>"

    with Session(engine) as session, session.begin():
        stories.move_slide(session, story_id, second, -1, user="a")
    with Session(engine) as session:
        moved = stories.load_story(session, story_id)
    assert [s.slide_id for s in moved.slides] == [second, first]
    assert [s.position for s in moved.slides] == [0, 1]

    with Session(engine) as session, session.begin():
        stories.remove_slide(session, story_id, second, user="a")
        stories.set_story_status(session, story_id, "archived", user="a")
    with Session(engine) as session:
        assert [s.slide_id for s in stories.load_story(session, story_id).slides] == [first]
        assert stories.list_stories(session) == []
        assert stories.list_stories(session, status=None) == [(story_id, "Spring workshop")]


def test_a_story_needs_a_name(engine):
    with Session(engine) as session, pytest.raises(ValidationError, match="needs a name"):
        stories.create_story(session, "  ", user="a")


def _history(engine, story_id: int) -> list[ChangeLog]:
    with Session(engine) as session:
        rows = session.scalars(
            sa.select(ChangeLog)
            .where(ChangeLog.entity == "story", ChangeLog.entity_id == str(story_id))
            .order_by(ChangeLog.id)
        ).all()
        session.expunge_all()
    return list(rows)


def test_every_story_write_is_in_the_change_log_with_who_when_what(engine):
    def as_(user, action, *args):
        with Session(engine) as session, session.begin():
            return action(session, *args, user=user)

    started = datetime.now(UTC) - timedelta(seconds=5)
    story_id = as_("Amira (amira)", stories.create_story, "Spring workshop")
    as_("Bo (bo)", stories.rename_story, story_id, "Spring workshop, Queens")
    first = as_("Amira (amira)", stories.add_slide, story_id, VIEWS[0], "Where newcomers live")
    second = as_("Bo (bo)", stories.add_slide, story_id, VIEWS[1], "Legal help")
    as_("Bo (bo)", stories.move_slide, story_id, second, -1)
    as_("Amira (amira)", stories.remove_slide, story_id, first)
    as_("Amira (amira)", stories.set_story_status, story_id, "archived")
    as_("Bo (bo)", stories.set_story_status, story_id, "active")

    rows = _history(engine, story_id)
    assert [(r.changed_by, r.action, r.field) for r in rows] == [
        ("Amira (amira)", "create", None),
        ("Bo (bo)", "update", "name"),
        ("Amira (amira)", "update", "slides"),
        ("Amira (amira)", "update", f"slide {first}"),
        ("Bo (bo)", "update", "slides"),
        ("Bo (bo)", "update", f"slide {second}"),
        ("Bo (bo)", "update", "slides"),
        ("Amira (amira)", "update", "slides"),
        ("Amira (amira)", "update", f"slide {first}"),
        ("Amira (amira)", "archive", "status"),
        ("Bo (bo)", "restore", "status"),
    ]
    assert all(r.changed_at >= started for r in rows)
    assert [r.version for r in rows] == [1, 2, 3, 3, 4, 4, 5, 6, 6, 7, 8]
    assert (rows[1].old_value, rows[1].new_value) == ("Spring workshop", "Spring workshop, Queens")
    moved = rows[6]
    assert json.loads(moved.old_value) == [
        f"Where newcomers live [slide {first}]",
        f"Legal help [slide {second}]",
    ]
    assert json.loads(moved.new_value) == [
        f"Legal help [slide {second}]",
        f"Where newcomers live [slide {first}]",
    ]
    added = json.loads(rows[5].new_value)
    assert added["caption"] == "Legal help"
    assert stories.read_view(added["view"]) == VIEWS[1]  # the history holds the whole view
    removed = json.loads(rows[8].old_value)
    assert removed["caption"] == "Where newcomers live" and rows[8].new_value is None
    with Session(engine) as session:
        story = stories.load_story(session, story_id)
    assert (story.name, story.version) == ("Spring workshop, Queens", 8)
    assert [s.slide_id for s in story.slides] == [second]


def test_a_change_from_a_stale_copy_is_refused_and_says_who_changed_it(engine):
    with Session(engine) as session, session.begin():
        story_id = stories.create_story(session, "Workshop", user="Amira (amira)")
        first = stories.add_slide(session, story_id, VIEWS[0], "One", user="Amira (amira)")
    with Session(engine) as session:
        opened = stories.load_story(session, story_id)  # both editors see version 2
    with Session(engine) as session, session.begin():
        stories.add_slide(
            session, story_id, VIEWS[1], "Two", user="Bo (bo)", expected_version=opened.version
        )
    with pytest.raises(EditConflict, match=r"changed by Bo \(bo\).*slides") as err:  # noqa: SIM117
        with Session(engine) as session, session.begin():  # rolled back as a whole
            stories.remove_slide(
                session, story_id, first, user="Amira (amira)", expected_version=opened.version
            )
    assert {c["changed_by"] for c in err.value.changes} == {"Bo (bo)"}
    with Session(engine) as session:
        story = stories.load_story(session, story_id)
    assert [s.caption for s in story.slides] == ["One", "Two"] and story.version == 3
    assert len(_history(engine, story_id)) == 5  # create, 2 x (slides + slide): nothing of Amira's

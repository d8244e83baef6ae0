"""Stories in the shared database (SQLite and PostgreSQL): slides reopen their views exactly."""

from dataclasses import asdict

import pytest
from sqlalchemy.orm import Session

from geo.errors import ValidationError
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
        assert stories.list_stories(session, include_archived=True) == [
            (story_id, "Spring workshop")
        ]


def test_a_story_needs_a_name(engine):
    with Session(engine) as session, pytest.raises(ValidationError, match="needs a name"):
        stories.create_story(session, "  ", user="a")

"""The demo's illustrative field work as a manager or a workshop audience first sees it."""

import os

import pytest

from geo.config import DEMO_DIR, load_settings
from geo.db import open_database
from geo.db.demo_fieldwork import STEPS
from geo.demo_fieldwork import SLIDES, STORY_NAME, fieldwork_seeder


@pytest.fixture
def demo_app(app, monkeypatch):
    """The app on a fresh demo database seeded with its field work (off in other tests).

    The database is opened as the app opens it, before the signed-in account is added
    (adding it would otherwise seed the demo city alone first).
    """
    monkeypatch.setenv("WELCOME_ATLAS_DEMO_FIELDWORK", "1")
    seeder = fieldwork_seeder(load_settings())
    open_database(
        os.environ["DATABASE_URL"], seed_demo_from=DEMO_DIR, seed_fieldwork=seeder
    ).dispose()
    return app


def _cells(at) -> str:
    return " ".join(str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())


def _text(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_the_action_plan_shows_the_demo_steps_two_overdue_and_staff_capacity(demo_app):
    at = demo_app("pages/action_plan.py", role="viewer")
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["2 steps are overdue."]
    cells = _cells(at)
    open_steps = [s for s in STEPS if s.status not in ("done", "dropped")]
    assert all(step.title in cells for step in open_steps)
    assert "Robin Demo" in cells and "Jordan Sample" in cells


def test_a_visitor_presents_the_demo_story(demo_app):
    at = demo_app("pages/presenter.py")
    assert not at.exception, at.exception
    assert not any("No story yet" in i.value for i in at.info)
    assert at.selectbox(key="presenter.story").options == [STORY_NAME]
    next(b for b in at.button if b.label == "Present").click().run()
    assert not at.exception, at.exception
    assert any(SLIDES[0][1] in _text(m.value) for m in at.markdown)
    next(b for b in at.button if b.label == "Next ▶").click().run()
    assert any(SLIDES[1][1] in _text(m.value) for m in at.markdown)

"""Walk stops are sites, and each says whether it is open when the walk gets there."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy.orm import Session

from geo.accounts import create_account
from geo.db import add_asset, list_branches, make_engine
from tests.app.conftest import sign_in_as

WALK = "pages/walkabout.py"
NAME = "Evening Clinic <b>"  # markup in a name stays text


@pytest.fixture
def walk_page(app, tmp_path):
    """The planner as an editor, with a clinic whose main site is far from every branch and
    whose second site is 300 m north of the first branch (that room: Mo-Fr 09:00-17:00)."""
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    at = app()  # creates and seeds the database
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        branch = list_branches(s).iloc[0]
        add_asset(
            s,
            {
                "name": NAME,
                "category": "health",
                "languages": "es",
                "sites": [
                    {"name": "Head office", "address": "9 Far Road", "lat": 45.0, "lon": -40.0},
                    {
                        "name": "Ferry Street room",
                        "address": "12 Ferry Street",
                        "lat": float(branch.lat) + 0.0027,
                        "lon": float(branch.lon),
                    },
                ],
                "hours": [
                    {"weekday": d, "opens_at": "09:00", "closes_at": "17:00", "site": 1}
                    for d in range(1, 6)
                ],
            },
            user="test",
        )
        create_account(s, "amira", role="editor", by="test", display_name="Amira")
    engine.dispose()
    at.session_state["auth.signed_in"] = sign_in_as(url, "amira", "editor")
    at.run()
    at.switch_page(WALK).run()
    at.selectbox(key="walkabout.branch").set_value(branch.branch_id).run()
    assert not at.exception, at.exception
    return at


def _stop_list(at) -> str:
    """The numbered list as the reader sees it (Markdown escapes removed)."""
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    return listed.replace("\\", "")


def test_an_organization_is_offered_at_its_site_inside_the_area(walk_page):
    at = walk_page
    offered = at.multiselect(key="walkabout.stops")
    labels = [o for o in offered.options if o.startswith("Evening Clinic")]
    assert labels == [f"{NAME} (Ferry Street room)"]  # the head office is 600 km away


@pytest.mark.parametrize(
    ("day", "leave", "expected"),
    [
        (date(2026, 12, 7), time(10, 0), "Open at"),  # a Monday morning
        (date(2026, 12, 6), time(10, 0), "Closed at"),  # a Sunday
        (date(2026, 12, 7), time(16, 58), "Closed at"),  # arrives after 17:00
    ],
)
def test_the_stop_list_says_open_or_closed_at_the_walks_time(walk_page, day, leave, expected):
    at = walk_page
    at.date_input(key="walkabout.date").set_value(day).run()
    at.time_input(key="walkabout.start_time").set_value(leave).run()
    at.multiselect(key="walkabout.stops").select(f"{NAME} (Ferry Street room)").run()
    assert not at.exception
    listed = _stop_list(at)
    assert listed.startswith(f"1. {NAME} (Ferry Street room) · ")
    assert f"{expected} " in listed and "(hours: Mo-Fr 09:00-17:00)" in listed, listed
    assert "12 Ferry Street" in listed

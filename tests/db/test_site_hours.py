"""Opening hours where staff read them: the directory's main-site hours and each site's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from geo.db import add_asset, get_asset
from geo.db.sites import directory_hours, site_hours_table
from geo.errors import ValidationError
from geo.hours import DEFAULT_ZONE, study_area_zone

# Monday 30 November 2026, 15:00 UTC = 10:00 in New York, 07:00 in Los Angeles.
MONDAY_15_UTC = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
WEEKDAYS_9_TO_5 = [{"weekday": d, "opens_at": "09:00", "closes_at": "17:00"} for d in range(1, 6)]


@pytest.fixture
def agency(session: Session) -> str:
    record = {
        "name": "Welcome Hub",
        "category": "social",
        "sites": [
            {"name": "Main office", "address": "1 Main St", "lat": 41.0, "lon": -45.0},
            {"name": "Evening class room", "address": "9 School Rd", "lat": 41.01, "lon": -45.0},
            {"name": "Drop-in corner", "address": "3 Elm St", "lat": 41.02, "lon": -45.0},
        ],
        "hours": [
            *({**h, "site": 0} for h in WEEKDAYS_9_TO_5),
            {"weekday": 2, "opens_at": "18:00", "closes_at": "21:00", "site": 1},
        ],
    }
    organization_id = add_asset(session, record, user="t").id
    session.commit()
    return organization_id


@pytest.mark.parametrize(
    ("tz", "label"),
    [("America/New_York", "open now"), ("America/Los_Angeles", "closed now")],
)
def test_directory_says_open_now_in_the_study_areas_time_zone(
    session: Session, agency: str, tz: str, label: str
) -> None:
    hours, now = directory_hours(session, [agency], now=MONDAY_15_UTC, tz=tz)
    assert hours == {agency: "Mo-Fr 09:00-17:00"}
    assert now == {agency: label}


def test_organization_without_hours_is_not_called_closed(session: Session) -> None:
    lone = add_asset(session, {"name": "No Hours Org", "category": "food"}, user="t").id
    hours, now = directory_hours(session, [lone], now=MONDAY_15_UTC, tz=DEFAULT_ZONE)
    assert (hours[lone], now[lone]) == ("", "hours not known")


def test_each_site_shows_its_own_hours(session: Session, agency: str) -> None:
    table = site_hours_table(get_asset(session, agency), now=MONDAY_15_UTC, tz=DEFAULT_ZONE)
    assert list(table["Site"]) == ["Main office", "Evening class room", "Drop-in corner"]
    assert list(table["Hours"]) == ["Mo-Fr 09:00-17:00", "Tu 18:00-21:00", ""]
    assert list(table["Now"]) == ["open now", "closed now", "hours not known"]


@pytest.mark.parametrize(
    ("geoids", "declared", "expected"),
    [
        (["36061000100", "36047000200"], None, "America/New_York"),  # New York
        (["48201000100", "48201000200", "35001000100"], None, "America/Chicago"),  # mostly TX
        (["06037101110"], None, "America/Los_Angeles"),
        (["48141000100"], "America/Denver", "America/Denver"),  # El Paso says so itself
        (["99001010101"], None, DEFAULT_ZONE),  # the illustrative demo city
    ],
)
def test_study_area_time_zone(geoids: list[str], declared: str | None, expected: str) -> None:
    assert study_area_zone(geoids, declared=declared) == expected


def test_a_wrong_declared_time_zone_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a time zone name"):
        study_area_zone(["36061000100"], declared="Mars/Olympus")


def test_hours_for_the_whole_organization_reach_every_site(session: Session) -> None:
    """Hours recorded without a site (the organization's) apply at each of its offices."""
    from geo.db.sites import list_sites

    record = {
        "name": "Two Offices Agency",
        "category": "legal",
        "sites": [
            {"name": "North office", "address": "1 North St", "lat": 41.0, "lon": -45.0},
            {"name": "South office", "address": "2 South St", "lat": 40.9, "lon": -45.0},
        ],
        "hours": [{**h, "site": None} for h in WEEKDAYS_9_TO_5],
    }
    organization_id = add_asset(session, record, user="t").id
    session.commit()
    sites = list_sites(session)
    ours = sites[sites["organization_id"] == organization_id]
    assert list(ours["site_name"]) == ["North office", "South office"]
    assert list(ours["hours"]) == ["Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00"]

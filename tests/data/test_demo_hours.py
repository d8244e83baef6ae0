"""The demo organizations' opening hours: valid OSM syntax, typical of each kind, some unknown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.demo.city import make_rng
from geo.demo.hours import build_opening_hours
from geo.hours import is_open, parse_opening_hours

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
# Local times: Monday 30 November 2026 at noon, Sunday 6 December 2026 at 20:00.
MONDAY_NOON = datetime(2026, 11, 30, 12)
SUNDAY_EVENING = datetime(2026, 12, 6, 20)


@pytest.fixture(scope="module")
def orgs() -> pd.DataFrame:
    return pd.read_csv(DEMO / "organizations.csv", dtype=str, keep_default_na=False)


def _weekdays(text: str) -> set[int]:
    return {h.weekday for h in parse_opening_hours(text)}


def test_every_value_is_osm_syntax_and_about_one_in_seven_is_unknown(orgs) -> None:
    for text in orgs["opening_hours"]:
        parse_opening_hours(text)  # raises on anything the importer would refuse
    unknown = (orgs["opening_hours"] == "").mean()
    assert 0.08 <= unknown <= 0.22
    assert orgs["opening_hours"].nunique() >= 30


def test_kinds_have_their_own_hours(orgs) -> None:
    known = orgs[orgs["opening_hours"] != ""]
    by_kind = known.groupby("category")["opening_hours"]
    offices = by_kind.get_group("resettlement")
    assert all(_weekdays(t) <= {1, 2, 3, 4, 5} for t in offices)
    shops = by_kind.get_group("business")
    assert all(6 in _weekdays(t) for t in shops), "shops open on Saturdays"
    assert np.mean([7 in _weekdays(t) for t in shops]) > 0.8, "most on Sundays too"
    faith = by_kind.get_group("faith")
    weekend_or_evening = [
        _weekdays(t) & {5, 6, 7} or any(h.closes_at.hour >= 20 for h in parse_opening_hours(t))
        for t in faith
    ]
    assert all(weekend_or_evening)
    esl = known[known["name"].str.contains("Evening ESL|Parents' English")]["opening_hours"]
    assert len(esl) >= 3
    assert all(h.opens_at.hour >= 18 for t in esl for h in parse_opening_hours(t))
    clinics = by_kind.get_group("health")
    assert sum(6 in _weekdays(t) for t in clinics) >= 5, "clinics with a Saturday morning"
    assert len(set(offices) & set(shops)) == 0


def test_open_and_closed_both_show_at_a_weekday_noon_and_a_sunday_evening(orgs) -> None:
    known = [parse_opening_hours(t) for t in orgs["opening_hours"] if t]
    noon = [is_open(rows, MONDAY_NOON) for rows in known]
    sunday_evening = [is_open(rows, SUNDAY_EVENING) for rows in known]
    assert 0.3 < np.mean(noon) < 0.9
    assert 0 < np.mean(sunday_evening) < 0.3


def test_generator_is_reproducible_and_leaves_some_unknown() -> None:
    rows = [
        ["ORG-0001", "Old Market Resettlement Office", "resettlement"],
        ["ORG-0002", "Al-Sham Evening ESL", "english"],
        ["ORG-0003", "Baghdad Grill", "business"],
        ["ORG-0004", "Harbor Community Fridge", "food"],
    ]
    first = build_opening_hours(rows, make_rng("hours"))
    assert first == build_opening_hours(rows, make_rng("hours"))
    assert build_opening_hours(rows * 50, np.random.default_rng(1)).count("") > 0
    known = [t for t in build_opening_hours(rows * 50, np.random.default_rng(2)) if t]
    assert {"24/7", "Tu-Su 11:00-22:00"} <= set(known)

"""Each promise of the README pinned from both sides, so a small deliberate bug fails a test.

Checked by mutating the code: CV boundary ``<=`` -> ``<``; duplicate radius 150 m -> 121 m,
1,500 m, ``<=`` -> ``<``; template-literal escaping dropped from ``escape()``; provenance shown in
the public organization panel; dashed outline of unreliable tracts removed; latitude and
longitude swapped in GPX; the version check removed from field-work saves.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import date

import gpxpy
import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.census.moe import classify_reliability
from geo.db import add_asset, add_branches, duplicates
from geo.db.action_plan import add_step, list_steps, update_step
from geo.db.duplicates import find_duplicates
from geo.db.engagement import add_engagement, get_engagement, update_engagement
from geo.db.walk_reports import record_walk_report
from geo.db.walkabouts import get_walkabout, save_walkabout
from geo.errors import EditConflict
from geo.fieldwork.gpx import export_gpx
from geo.fieldwork.points import EARTH_RADIUS_M
from geo.fieldwork.routes import Stop, plan_walkabout
from geo.maps.layers import Classes, escape

# --- reliability: CV <= 15 % high, <= 30 % caution, above unreliable ---------------------


@pytest.mark.parametrize(
    ("cv", "expected"),
    [
        (14.99, "high"),
        (15.0, "high"),
        (15.01, "caution"),
        (30.0, "caution"),
        (30.01, "unreliable"),
        (float("nan"), "unreliable"),
    ],
)
def test_reliability_classes_at_both_sides_of_each_boundary(cv: float, expected: str) -> None:
    assert classify_reliability(pd.Series([cv])).iloc[0] == expected


# --- duplicates: the same name within 150 m -----------------------------------------------


def _north_of(lat: float, metres: float) -> float:
    return lat + math.degrees(metres / EARTH_RADIUS_M)


@pytest.fixture
def stored_pantry(session: Session) -> None:
    add_asset(session, {"name": "Riverton Food Pantry", "lat": 41.0, "lon": -45.0}, user="ana")


@pytest.mark.parametrize(("metres", "flagged"), [(120.0, True), (149.0, True), (151.0, False)])
def test_same_name_is_a_duplicate_within_150_m_only(
    session: Session, stored_pantry: None, metres: float, flagged: bool
) -> None:
    candidate = {"name": "Riverton Food Pantry Inc.", "lat": _north_of(41.0, metres), "lon": -45.0}
    assert bool(find_duplicates(session, candidate)) is flagged


def test_exactly_150_m_is_still_a_duplicate(
    session: Session, stored_pantry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(duplicates, "distance_m", lambda *points: 150.0)
    candidate = {"name": "Riverton Food Pantry", "lat": 41.001, "lon": -45.0}
    assert find_duplicates(session, candidate)


def test_far_away_namesake_is_not_a_duplicate(session: Session, stored_pantry: None) -> None:
    candidate = {"name": "Riverton Food Pantry", "lat": _north_of(41.0, 1400.0), "lon": -45.0}
    assert find_duplicates(session, candidate) == []


# --- escaping: HTML and JavaScript template literals --------------------------------------


def test_escape_leaves_no_html_or_template_literal_syntax() -> None:
    text = escape("<img src=x onerror=alert(1)> `whoami` ${1+1} \\u0041")
    assert not any(c in text for c in "<>`$\\")
    assert "&lt;img" in text and "&#96;whoami&#96;" in text and "&#36;{1+1}" in text


# --- public view: no record provenance ----------------------------------------------------


def _organization_panel(internal: bool) -> str:
    from streamlit.testing.v1 import AppTest

    def script(internal: bool) -> None:
        import pandas as pd

        from ui.details import show_organization

        show_organization(
            pd.Series(
                {
                    "name": "Kyiv Cultural Club",
                    "category": "cultural",
                    "languages": "uk",
                    "communities": "Ukraine",
                    "address": "1 Main St",
                    "phone": "555-0101",
                    "website": "https://kyiv.example.org",
                    "description": "Saturday school",
                    "entry_technique": "walkabout",
                    "collected_by": "Secret Collector",
                    "collected_on": "2025-01-02",
                    "last_verified_on": "2025-06-01",
                }
            ),
            internal=internal,
        )

    at = AppTest.from_function(script, kwargs={"internal": internal}, default_timeout=60).run()
    assert not at.exception
    return " ".join(str(e.value) for e in [*at.text, *at.caption, *at.markdown, *at.subheader])


def test_the_public_organization_panel_has_no_provenance() -> None:
    public, staff = _organization_panel(False), _organization_panel(True)
    assert "555-0101" in public and "Saturday school" in public
    for secret in ("Secret Collector", "2025-01-02", "2025-06-01", "walkabout"):
        assert secret not in public and secret.replace("-", "\\-") not in public
    assert "Secret Collector" in staff


def test_anonymous_visitors_may_not_see_internal_details() -> None:
    from geo.accounts.roles import can

    assert not can(None, "view_internal")
    assert can("viewer", "view_internal")


# --- the map: unreliable tracts faded with a dashed outline -------------------------------


_STYLE_IN_NODE = """
const fs = require("fs");
const src = fs.readFileSync(process.argv[1], "utf8");
function grab(name) {
  const start = src.indexOf("function " + name + "(");
  let depth = 0, i = src.indexOf("{", start);
  for (; i < src.length; i++) {
    if (src[i] === "{") depth++;
    if (src[i] === "}" && --depth === 0) break;
  }
  return src.slice(start, i + 1);
}
const state = JSON.parse(process.argv[2]);
const body = grab("family") + grab("tractStyle") + "return tractStyle;";
const tractStyle = new Function("state", body)(state);
console.log(JSON.stringify(state.codes.split("").map((_, i) => tractStyle(i))));
"""


def test_unreliable_tracts_are_dashed_and_faded_reliable_ones_are_not() -> None:
    import json
    import shutil
    import subprocess
    from pathlib import Path

    from geo.maps.map_state import encode_tracts

    geoids = ("99001000100", "99001000200", "99001000300")
    values = pd.DataFrame(
        {
            "estimate": [100.0, 5.0, 40.0],
            "moe": [10.0, 40.0, 15.0],
            "reliability": ["high", "unreliable", "caution"],
        },
        index=list(geoids),
    )
    classes = Classes(upper_bounds=(50.0, 200.0), colours=("#eeeeee", "#111111"), scheme="q")
    codes, _, _ = encode_tracts(geoids, values, classes, "count")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; the map's style code runs in the browser")
    script = Path(__file__).resolve().parents[1] / "static" / "atlas" / "home_map.js"
    state = json.dumps({"codes": codes, "colours": list(classes.colours)})
    out = subprocess.run(
        [node, "-e", _STYLE_IN_NODE, str(script), state], capture_output=True, text=True, check=True
    )
    reliable, unreliable, caution = json.loads(out.stdout)
    assert unreliable["dashArray"] and not reliable["dashArray"] and not caution["dashArray"]
    assert unreliable["fillOpacity"] < reliable["fillOpacity"] == caution["fillOpacity"]


# --- GPX: latitude is latitude ------------------------------------------------------------


def test_gpx_waypoints_and_route_points_sit_on_the_stops() -> None:
    branch = Stop(label="Central Library", lat=41.0, lon=-45.0)
    stops = [
        Stop(label="Food Bank", lat=41.004, lon=-45.003),
        Stop(label="Mosque", lat=41.0, lon=-45.006),
    ]
    route = plan_walkabout(branch, stops)
    gpx = gpxpy.parse(export_gpx(route).decode("utf-8"))
    expected = [(s.lat, s.lon) for s in route.stops]
    assert [(w.latitude, w.longitude) for w in gpx.waypoints] == expected
    points = [(p.latitude, p.longitude) for p in gpx.routes[0].points]
    assert points == [(41.0, -45.0), *expected, (41.0, -45.0)]


# --- field-work records: a racing save never overwrites ------------------------------------


@pytest.fixture
def fieldwork(engine: sa.Engine) -> dict[str, str]:
    with Session(engine) as s, s.begin():
        add_branches(
            s, [{"branch_id": "BR-01", "name": "Central", "lat": "41", "lon": "-45"}], user="x"
        )
        walk = save_walkabout(
            s,
            title="Saturday walk",
            branch_id="BR-01",
            area={},
            stops=[Stop(label="Food Bank", lat=41.001, lon=-45.0)],
            user="x",
        )
        entry = add_engagement(
            s,
            {
                "contact_on": date(2026, 3, 1),
                "staff": "Ana",
                "technique": "event",
                "continuum": "consult",
            },
            user="x",
        )
        step = add_step(s, {"title": "Call Ana"}, user="x", today=date(2026, 3, 1))
    return {"walk": walk, "entry": entry, "step": step}


def _savers(ids: dict[str, str]) -> dict[str, tuple[Callable, Callable]]:
    """Per record kind: save(session, text, user) from version 1, and read back the text."""
    return {
        "walk": (
            lambda s, text, user: record_walk_report(
                s, ids["walk"], [{"position": 1, "met": text}], expected_version=1, user=user
            ),
            lambda s: get_walkabout(s, ids["walk"]).stops[0].met,
        ),
        "log entry": (
            lambda s, text, user: update_engagement(
                s, ids["entry"], {"needs": text}, expected_version=1, user=user
            ),
            lambda s: get_engagement(s, ids["entry"])["needs"],
        ),
        "action step": (
            lambda s, text, user: update_step(
                s, ids["step"], {"who": text}, expected_version=1, user=user, today=date(2026, 3, 1)
            ),
            lambda s: list_steps(s).set_index("id").loc[ids["step"], "who"],
        ),
    }


@pytest.mark.parametrize("kind", ["walk", "log entry", "action step"])
def test_a_racing_save_of_a_fieldwork_record_is_refused(engine, fieldwork, kind) -> None:
    save, read = _savers(fieldwork)[kind]
    first = Session(engine)
    first.begin()
    save(first, "first", "amira")
    outcome: dict[str, object] = {}
    started = threading.Event()

    def second_save() -> None:
        with Session(engine) as second:
            try:
                with second.begin():
                    started.set()
                    save(second, "second", "boris")
                outcome["result"] = "saved"
            except EditConflict as err:
                outcome["result"] = err

    thread = threading.Thread(target=second_save)
    thread.start()
    started.wait(5)
    thread.join(0.5)  # the second save now waits for the first transaction
    first.commit()
    first.close()
    thread.join(30)
    assert isinstance(outcome.get("result"), EditConflict), outcome
    assert "amira" in str(outcome["result"])
    with Session(engine) as session:
        assert read(session) == "first"


@pytest.mark.parametrize("kind", ["walk", "log entry", "action step"])
def test_a_stale_save_of_a_fieldwork_record_is_refused(engine, fieldwork, kind) -> None:
    save, read = _savers(fieldwork)[kind]
    with Session(engine) as s, s.begin():
        save(s, "first", "amira")
    with Session(engine) as s, pytest.raises(EditConflict, match="amira"):
        save(s, "second", "boris")
    with Session(engine) as session:
        assert read(session) == "first"


# --- real data: skipped on a laptop without it, required in CI ----------------------------


def test_missing_real_data_fails_when_ci_requires_it(monkeypatch, tmp_path) -> None:
    from tests.conftest import REQUIRE_REAL_DATA_ENV, real_data

    missing = tmp_path / "hsds_open211_miami"
    monkeypatch.setenv(REQUIRE_REAL_DATA_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="requires it"):
        real_data(missing)
    monkeypatch.delenv(REQUIRE_REAL_DATA_ENV)
    with pytest.raises(pytest.skip.Exception):
        real_data(missing)
    missing.mkdir()
    assert real_data(missing) == missing


def test_every_test_reading_real_data_goes_through_the_one_guard() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path not in (root / "conftest.py", Path(__file__).resolve())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "pytest.skip(" in line and "real" in line.lower()
    ]
    assert offenders == [], f"use tests.conftest.real_data() instead of pytest.skip: {offenders}"

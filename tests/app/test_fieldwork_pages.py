"""Field-work pages as an editor uses them: plan a walk, report, log contacts, plan actions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from geo.db import list_assets, make_engine
from geo.db.action_plan import list_steps
from geo.db.engagement import list_engagement
from geo.db.walkabouts import list_walkabouts

WALK, LOG, PLAN = "pages/walkabout.py", "pages/engagement_log.py", "pages/action_plan.py"


def _db(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'assets.db'}")


@pytest.fixture
def editor(app, tmp_path):
    """Start app.py, sign an editor in, open ``page``."""
    from geo.accounts import SignedIn, create_account

    def start(page):
        at = app()
        with Session(_db(tmp_path)) as s, s.begin():
            create_account(
                s,
                "amira",
                role="editor",
                by="test",
                password="correct horse 42",
                display_name="Amira",
            )
        now = datetime.now(UTC)
        at.session_state["auth.signed_in"] = SignedIn(
            username="amira",
            display_name="Amira",
            role="editor",
            signature="Amira",
            method="password",
            signed_in_at=now,
            last_seen_at=now,
        )
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return start


def _choose_stops(at, n=3):
    box = at.multiselect(key="walkabout.stops")
    for option in box.options[:n]:
        box.select(option)
    return box


@pytest.mark.parametrize(
    ("page", "title"),
    [(WALK, "Walkabout planner"), (LOG, "Engagement log"), (PLAN, "Action plan")],
)
def test_pages_open_for_an_editor(editor, page, title):
    at = editor(page)
    assert [t.value for t in at.title] == [title]
    assert not any("Sign in from the sidebar" in w.value for w in at.warning)


def _walk_downloads(at) -> list[str]:
    """The walk's own downloads (the map's layer tables have CSVs of their own)."""
    return [d.label for d in at.get("download_button") if not d.key.startswith("walkabout.csv.")]


def test_empty_stop_list_says_what_to_do(editor):
    at = editor(WALK)
    assert any("no stops" in i.value for i in at.info)
    assert not _walk_downloads(at)


def test_plan_save_and_report_a_walk(editor, tmp_path):
    at = editor(WALK)
    at.radio(key="walkabout.area_kind").set_value("catchment").run()
    at.slider(key="walkabout.radius").set_value(3000).run()
    stops = at.multiselect(key="walkabout.stops")
    stops.set_value(stops.value + []).run()
    branch = at.session_state["walkabout.branch"]
    at.text_area(key="walkabout.points").set_value("").run()
    # Free points near the branch: always inside a 3 km ring.
    import pandas as pd

    from geo.config import DEMO_DIR

    b = pd.read_csv(DEMO_DIR / "branches.csv").set_index("branch_id").loc[branch]
    points = "\n".join(
        f"{b.lat + d:.5f}, {b.lon - d:.5f}, Point {i}"
        for i, d in enumerate((0.002, 0.004, -0.003), start=1)
    )
    at.text_area(key="walkabout.points").set_value(points).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _walk_downloads(at) == ["Walk sheet (PDF)", "Route for phones (GPX)", "Stop list (CSV)"]
    at.button(key="walkabout.save").click().run()
    assert any("Saved" in s.value for s in at.success)
    with Session(_db(tmp_path)) as s:
        walks = list_walkabouts(s)
    assert walks.loc[0, "stops"] == 3
    walk_id = walks.loc[0, "id"]
    key = f"walk_report.form.{walk_id}.1"
    at.checkbox(key=f"{key}.v1").check()
    at.text_input(key=f"{key}.m1").set_value("Shop owner")
    at.button(key=f"FormSubmitter:{key}-Save the walk report").click().run()
    assert any("report saved" in s.value for s in at.success)
    found = f"walk_report.found.{walk_id}.2"
    at.text_input(key=f"{found}.name").set_value("Himalayan grocery")
    at.multiselect(key=f"{found}.cat").select("business")
    at.number_input(key=f"{found}.lat").set_value(float(b.lat) + 0.001)
    at.number_input(key=f"{found}.lon").set_value(float(b.lon) + 0.001)
    at.button(key=f"{found}.submit").click().run()
    assert any("everyone's map" in s.value for s in at.success), [e.value for e in at.error]
    with Session(_db(tmp_path)) as s:
        assets = list_assets(s, search="Himalayan grocery")
    assert list(assets["entry_technique"]) == ["walkabout"]


def test_only_organizations_inside_the_ring_are_offered_nearest_first(editor, tmp_path):
    from geo.db import list_branches
    from geo.fieldwork.areas import haversine_m

    at = editor(WALK)
    at.slider(key="walkabout.radius").set_value(500).run()
    offered = at.multiselect(key="walkabout.stops").options
    with Session(_db(tmp_path)) as s:
        branch = list_branches(s).set_index("branch_id").loc[at.session_state["walkabout.branch"]]
        organizations = list_assets(s).dropna(subset=["lat", "lon"])
    distance = {
        r.name: haversine_m(branch.lat, branch.lon, r.lat, r.lon)
        for r in organizations.itertuples()
    }
    inside = sorted((d, n) for n, d in distance.items() if d <= 500)
    assert 0 < len(offered) == len(inside) < len(organizations)
    assert offered == [n for _, n in inside]
    nearest, farthest = inside[0], inside[-1]
    assert nearest[0] < 250 < farthest[0]
    at.multiselect(key="walkabout.stops").select(nearest[1]).select(farthest[1]).run()
    at.slider(key="walkabout.radius").set_value(250).run()
    assert len(at.multiselect(key="walkabout.stops").value) == 1
    assert any("1 picked stop left out" in c.value for c in at.caption)
    (numbered,) = [m.value for m in at.markdown if m.value.startswith("1. ")]
    numbered = numbered.replace("\u2068", "").replace("\u2069", "")  # invisible bidi isolates
    assert numbered.startswith(f"1. {nearest[1]} · {nearest[0]:,.0f} m")
    assert "2. " not in numbered
    assert not at.error


def test_stops_outside_the_area_are_refused(editor):
    at = editor(WALK)
    at.slider(key="walkabout.radius").set_value(250).run()
    at.text_area(key="walkabout.points").set_value("41.5, -45.5, Far away").run()
    assert any("outside the walk" in e.value for e in at.error), [e.value for e in at.error]
    assert not _walk_downloads(at)


def test_log_an_engagement_entry(editor, tmp_path):
    at = editor(LOG)
    at.text_input(key="engagement.staff").set_value("Amira, Ben")
    at.text_area(key="engagement.needs").set_value("Evening English classes")
    at.button(key="engagement.add.submit").click().run()
    assert any("shared log" in s.value for s in at.success), [e.value for e in at.error]
    with Session(_db(tmp_path)) as s:
        assert list(list_engagement(s)["needs"]) == ["Evening English classes"]
    (log,) = [d.value for d in at.dataframe if "Needs" in d.value.columns]
    assert "contact_on" not in log.columns and "Assets (strengths, skills, places)" in log.columns
    assert log.loc[0, "Aspirations"] == "" and "None" not in set(log.iloc[0].astype(str))


def test_calendar_names_the_steps_it_leaves_out(editor):
    at = editor(PLAN)
    at.text_input(key="action.title").set_value("Ask the imam about Friday classes")
    at.button(key="action.add.submit").click().run()
    (ics,) = [d for d in at.get("download_button") if d.label == "Calendar (.ics)"]
    assert ics.proto.disabled  # an empty calendar is not offered
    (plan,) = [d.value for d in at.dataframe if "Step" in d.value.columns]
    assert "due_on" not in plan.columns and plan.loc[0, "Notes"] == ""
    assert any(
        "leaves out 1 step without a due date" in c.value and "Ask the imam" in c.value
        for c in at.caption
    )


def test_action_step_due_in_the_past_is_refused_then_added(editor, tmp_path):
    at = editor(PLAN)
    at.text_input(key="action.title").set_value("Invite the youth club")
    at.date_input(key="action.due").set_value(date.today() - timedelta(days=3))
    at.button(key="action.add.submit").click().run()
    assert any("in the past" in e.value for e in at.error)
    at.date_input(key="action.due").set_value(date.today() + timedelta(days=7))
    at.button(key="action.add.submit").click().run()
    assert any("Added" in s.value for s in at.success)
    with Session(_db(tmp_path)) as s:
        assert list(list_steps(s)["title"]) == ["Invite the youth club"]
    labels = [d.label for d in at.get("download_button")]
    assert "Calendar (.ics)" in labels


def test_a_polygon_drawn_on_the_map_bounds_the_walk(editor, monkeypatch):
    import pandas as pd

    import ui.maps
    from geo.config import DEMO_DIR

    at = editor(WALK)
    b = (
        pd.read_csv(DEMO_DIR / "branches.csv")
        .set_index("branch_id")
        .loc[at.session_state["walkabout.branch"]]
    )
    d = 0.01  # about 1 km around the branch
    square = [
        [b.lon - d, b.lat - d],
        [b.lon + d, b.lat - d],
        [b.lon + d, b.lat + d],
        [b.lon - d, b.lat + d],
        [b.lon - d, b.lat - d],
    ]
    drawing = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [square]},
    }
    monkeypatch.setattr(ui.maps, "st_folium", lambda *a, **k: {"last_active_drawing": drawing})
    at.radio(key="walkabout.area_kind").set_value("polygon").run()
    at.text_area(key="walkabout.points").set_value(
        f"{b.lat + 0.002:.5f}, {b.lon:.5f}, Inside"
    ).run()
    assert not at.error, [e.value for e in at.error]
    assert at.get("download_button"), "a walk inside the drawn square is planned"
    at.text_area(key="walkabout.points").set_value(
        f"{b.lat + 0.05:.5f}, {b.lon:.5f}, Outside"
    ).run()
    assert any("outside the walk" in e.value for e in at.error)


def test_edit_an_engagement_entry(editor, tmp_path):
    at = editor(LOG)
    at.text_input(key="engagement.staff").set_value("Amira")
    at.text_area(key="engagement.needs").set_value("Evening English classes")
    at.button(key="engagement.add.submit").click().run()
    with Session(_db(tmp_path)) as s:
        entry_id = list_engagement(s)["id"].iloc[0]
    key = f"engagement.edit.{entry_id}.1"
    assert at.text_area(key=f"{key}.needs").value == "Evening English classes"
    at.text_area(key=f"{key}.needs").set_value("Evening and weekend English classes")
    at.text_input(key=f"{key}.communities").set_value("Nepali; Bhutanese")
    at.button(key=f"{key}.submit").click().run()
    assert any("Saved the entry" in s.value for s in at.success), [e.value for e in at.error]
    with Session(_db(tmp_path)) as s:
        saved = list_engagement(s).iloc[0]
    assert saved["needs"] == "Evening and weekend English classes"
    assert (saved["version"], saved["staff"]) == (2, "Amira")
    assert saved["communities"] == ["Nepali", "Bhutanese"]


def test_update_a_persons_trainings(editor, tmp_path):
    from geo.db.action_plan import list_staff

    at = editor(PLAN)
    at.text_input(key="action.staff_name").set_value("Ben Okafor")
    at.multiselect(key="action.staff_trainings").select("listening")
    at.button(key="action.staff.submit").click().run()
    with Session(_db(tmp_path)) as s:
        person = list_staff(s).iloc[0]
    key = f"action.staff_edit.{person['id']}.{person['version']}"
    assert at.multiselect(key=f"{key}.trainings").value == ["listening"]
    at.multiselect(key=f"{key}.trainings").select("cultural_competence")
    at.button(key=f"{key}.submit").click().run()
    assert any("Saved the trainings of Ben Okafor" in s.value for s in at.success)
    with Session(_db(tmp_path)) as s:
        assert set(list_staff(s).iloc[0]["trainings"]) == {"listening", "cultural_competence"}


@pytest.mark.parametrize(
    ("page", "key"),
    [(LOG, "engagement.team"), (PLAN, "action.staff_team")],  # the walk's: once it has stops
)
def test_team_boxes_read_in_the_readers_language_with_no_blank_choice(editor, page, key):
    at = editor(page)
    at.session_state["ui.language"] = "es"
    at.run()
    box = at.selectbox(key=key)
    assert box.options[0] == "(sin equipo)"  # a blank choice shows Streamlit's English placeholder
    assert "Jóvenes" in box.options and "Youth" not in box.options


@pytest.mark.parametrize(("code", "shown"), [("fr", "DD/MM/YYYY"), ("en", "MM/DD/YYYY")])
def test_date_boxes_show_the_date_as_the_reader_writes_it(editor, code, shown):
    at = editor(LOG)
    at.session_state["ui.language"] = code
    at.run()
    assert at.date_input(key="engagement.date").proto.format == shown

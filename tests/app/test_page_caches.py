"""Pages read organizations and branches once per database version: a change saved by
another session (or another server) after the first run is on the page at the next rerun."""

from __future__ import annotations

from sqlalchemy.orm import Session

from geo.db import add_asset, make_engine
from geo.db.branches import add_branches

PLAN, LOG = "pages/action_plan.py", "pages/engagement_log.py"


def _save_elsewhere(tmp_path) -> str:
    """Another session adds an organization and a branch; the new organization's id."""
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session, session.begin():
        add_branches(
            session,
            [{"branch_id": "BR-NEW", "name": "Riverside Annex", "lat": "0", "lon": "0"}],
            user="other",
        )
        organization = add_asset(
            session, {"name": "New Corner Pantry", "category": "food"}, user="t"
        )
        organization_id = organization.id
    engine.dispose()
    return organization_id


def _option_labels(box) -> list[str]:
    return [str(o) for o in box.options]


def test_action_plan_offers_an_organization_and_branch_added_after_the_first_run(app, tmp_path):
    at = app(PLAN, role="editor")
    assert not at.exception, at.exception
    at.run()  # a second run: the caches are warm
    assert "New Corner Pantry" not in _option_labels(at.multiselect(key="action.assets"))
    _save_elsewhere(tmp_path)
    at.run()
    assert "New Corner Pantry" in _option_labels(at.multiselect(key="action.assets"))
    assert "Riverside Annex" in _option_labels(at.selectbox(key="action.branch"))


def test_engagement_log_offers_an_organization_and_branch_added_after_the_first_run(app, tmp_path):
    at = app(LOG, role="editor")
    at.run()
    assert "New Corner Pantry" not in _option_labels(at.multiselect(key="engagement.orgs"))
    _save_elsewhere(tmp_path)
    at.run()
    assert "New Corner Pantry" in _option_labels(at.multiselect(key="engagement.orgs"))
    assert "Riverside Annex" in _option_labels(at.selectbox(key="engagement.branch"))


def test_walkabout_offers_a_site_added_after_the_first_run(app, tmp_path):
    from geo.db import list_branches

    at = app("pages/walkabout.py", role="editor")
    at.slider(key="walkabout.radius").set_value(500).run()
    assert "New Corner Pantry" not in _option_labels(at.multiselect(key="walkabout.stops"))
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session, session.begin():
        branch = (
            list_branches(session).set_index("branch_id").loc[at.session_state["walkabout.branch"]]
        )
        record = {"name": "New Corner Pantry", "category": "food"}
        add_asset(session, {**record, "lat": branch.lat + 0.001, "lon": branch.lon}, user="t")
    engine.dispose()
    at.run()
    assert "New Corner Pantry" in _option_labels(at.multiselect(key="walkabout.stops"))


def test_community_profile_tables_follow_a_language_change(app):
    at = app("pages/community_profile.py", role="viewer")
    assert any("Estimate" in d.value.columns for d in at.dataframe)
    at.selectbox(key="ui.language").set_value("es").run()
    assert not any("Estimate" in d.value.columns for d in at.dataframe)
    assert any("Estimación" in d.value.columns for d in at.dataframe), [
        list(d.value.columns) for d in at.dataframe
    ]


def test_community_profile_counts_an_organization_added_after_the_first_run(app, tmp_path):
    at = app("pages/community_profile.py", role="viewer")
    at.radio(key="profile.kind").set_value("tracts").run()
    box = at.multiselect(key="profile.tracts")
    geoid = box.options[0].rsplit("(", 1)[1].rstrip(")")
    box.select(box.options[0]).run()
    at.run()

    def counted() -> str:
        return next(m.value for m in at.markdown if "organizations have" in m.value)

    before = counted()
    from ui import resources

    point = resources.load_area("demo").tracts.loc[geoid, "geometry"].representative_point()
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session, session.begin():
        record = {"name": "New Corner Pantry", "category": "food"}
        add_asset(session, {**record, "lat": point.y, "lon": point.x}, user="t")
    engine.dispose()
    at.run()
    assert counted() != before
    assert any("New Corner Pantry" in set(d.value.get("Organization", [])) for d in at.dataframe)

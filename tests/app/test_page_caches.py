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

"""The demo city's opening hours where a librarian trying the demo looks for them."""

import re

from geo.config import DEMO_DIR
from geo.io.organizations import load_organizations_csv


def test_handout_table_names_the_days_in_the_readers_language(app):
    at = app(language="es")
    at.switch_page("pages/handouts.py").run()
    assert not at.exception
    hours = [h for h in at.dataframe[0].value["hours"] if h]
    assert hours, "the demo organizations near the branch have hours"
    assert all(not re.search(r"\b(Mo|Tu|We|Th|Fr|Sa|Su)\b", h) for h in hours), hours
    assert any(re.search(r"(lun|mar|mié|jue|vie|sáb|dom)", h) for h in hours), hours


def test_clicking_a_demo_organization_shows_its_hours_and_whether_it_is_open(app, monkeypatch):
    import ui.maps

    orgs = load_organizations_csv(DEMO_DIR / "organizations.csv")
    org = orgs[orgs["opening_hours"] == "Mo-Fr 09:00-17:00"].iloc[0]
    tooltip = f"{org['name']} [{org['organization_id']}] Health"
    monkeypatch.setattr(
        ui.maps, "st_folium", lambda *a, **k: {"last_object_clicked_tooltip": tooltip}
    )
    at = app()
    assert org["name"] in [h.value for h in at.subheader]
    lines = [t.value for t in at.text if t.value.startswith("Hours: ")]
    assert lines and re.fullmatch(
        r"Hours: Mo-Fr 09:00-17:00 \((open now|closed now)\)", lines[0]
    ), lines

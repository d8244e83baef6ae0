"""The home page as a user drives it (AppTest; the map itself is checked in tests/browser)."""

import json
import re

import pytest


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def _map_args(at):
    # st_folium's element carries the generated Leaflet script in its json_args.
    element = next(e for e in at.get("component_instance"))
    return json.loads(element.proto.json_args)


def _map_state(at):
    """What a rerun sends the browser's map: the state in streamlit-folium's feature group."""
    found = re.search(r"AtlasMap\.apply\((.*)\);", _map_args(at)["feature_group"])
    return json.loads(found.group(1))


def test_home_page_shows_the_demo_city_labelled_illustrative(app):
    at = app()
    assert not at.exception
    assert at.title[0].value == "Asset map"
    texts = " ".join(w.value for w in at.sidebar.warning)
    assert "Illustrative data, not a real place" in texts
    assert int(_metric(at, "Branches")) >= 8
    assert int(_metric(at, "Organizations matching")) >= 300


def test_language_filter_reduces_the_organizations_drawn(app):
    at = app()
    everyone = int(_metric(at, "Organizations matching"))
    at.sidebar.multiselect(key="filters.languages").set_value(["ne"]).run()
    nepali = int(_metric(at, "Organizations matching"))
    assert 0 < nepali < everyone
    assert _map_state(at)["sites_shown"] == nepali


def test_a_filter_change_keeps_the_map_script_and_sends_no_geometry(app):
    at = app()
    script = _map_args(at)["script"]
    at.sidebar.multiselect(key="filters.languages").set_value(["ne"]).run()
    at.run()  # a filter reruns only the map part: AppTest's tree then lacks the sidebar
    at.sidebar.slider(key="filters.min_arrived_2010_pct").set_value(40).run()
    at.selectbox(key="map.indicator").set_value("noncitizen_share").run()
    after = _map_args(at)
    # Same script (ids aside): the browser keeps the map, its outlines and its view.
    strip = lambda s: re.sub(r"_[0-9a-f]{32}", "", s)  # noqa: E731
    assert strip(after["script"]) == strip(script)
    assert "coordinates" not in after["feature_group"]
    assert len(after["feature_group"]) < 20_000


def test_choosing_a_country_switches_to_its_indicator_and_narrows_organizations(app):
    at = app()
    everyone = int(_metric(at, "Organizations matching"))
    at.sidebar.multiselect(key="filters.countries").set_value(["Bhutan"]).run()
    assert at.selectbox(key="map.indicator").value == "origin_share"
    serving = int(_metric(at, "Organizations matching"))
    assert 0 < serving < everyone
    said = " ".join(c.value for c in at.main.caption)
    assert "Bhutan" in said and f"{serving} of {everyone}" in said
    # Choosing another indicator afterwards is respected.
    at.selectbox(key="map.indicator").set_value("foreign_born_share").run()
    assert at.selectbox(key="map.indicator").value == "foreign_born_share"


def test_an_area_without_organizations_explains_how_to_import_them(app, tmp_path):
    import sqlalchemy as sa

    from geo.config import DEMO_DIR
    from geo.db import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'assets.db'}", seed_demo_from=DEMO_DIR)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM organizations"))
    engine.dispose()
    at = app()
    said = " ".join(i.value for i in at.main.info)
    assert "No organizations in the database are inside this study area" in said
    assert "Import and export" in said and "python -m geo assets import" in said


def _count(text):
    """'12,345 ± 678' -> (12345, 678)."""
    value, moe = text.split(" ± ")
    return int(value.replace(",", "")), int(moe.replace(",", ""))


def test_headline_reads_sensibly_with_and_without_thresholds(app, figure):
    at = app()
    tracts = int(figure(at, "Tracts"))
    everyone, _ = _count(figure(at, "Foreign-born in the study area"))
    assert tracts > 100 and everyone > 10_000  # the whole demo city, never a bare 0
    at.sidebar.slider(key="filters.min_arrived_2010_pct").set_value(40).run()
    meeting, of = figure(at, "Tracts meeting the thresholds").split(" of ")
    assert 0 < int(meeting) < int(of) == tracts
    in_them, moe = _count(figure(at, "Foreign-born in them"))
    assert 0 < in_them < everyone and moe > 0
    at.run()  # a filter reruns only the map part: AppTest's tree then lacks the sidebar
    at.sidebar.slider(key="filters.min_noncitizen_pct").set_value(100).run()
    assert figure(at, "Tracts meeting the thresholds") == f"0 of {tracts}"
    assert figure(at, "Foreign-born in them") == "no tracts"
    assert any("ACS 2019-2023 5-year" in c.value for c in at.main.caption)


@pytest.mark.parametrize(
    "indicator",
    ["foreign_born_share", "arrived_2010_share", "limited_english_households", "fb_poverty_share"],
)
def test_every_indicator_draws_without_error(app, indicator):
    at = app()
    at.selectbox(key="map.indicator").set_value(indicator).run()
    assert not at.exception
    assert not at.main.warning, [w.value for w in at.main.warning]


def test_chosen_countries_indicator_asks_for_a_country_first(app):
    at = app()
    at.selectbox(key="map.indicator").set_value("origin_share").run()
    assert any("country" in w.value for w in at.main.warning)
    at.sidebar.multiselect(key="filters.countries").set_value(["Bhutan"]).run()
    assert not at.main.warning


def _click(monkeypatch, tooltip):
    import ui.maps

    monkeypatch.setattr(
        ui.maps, "st_folium", lambda *a, **k: {"last_object_clicked_tooltip": tooltip}
    )


def test_clicking_a_tract_opens_its_profile_with_margins_of_error(app, monkeypatch):
    from geo.census.study_area import load_tracts
    from geo.config import DEMO_DIR

    tract = load_tracts(DEMO_DIR / "tracts.geojson").iloc[0]
    _click(monkeypatch, f"{tract['NAME']} [{tract['GEOID']}] Foreign-born share")
    at = app()
    assert tract["NAME"] in [h.value for h in at.subheader]
    tables = [t.value for t in at.table]
    assert len(tables) >= 6  # population, countries, entry, citizenship, English, ...
    assert all("±" in str(v) for v in tables[1]["Estimate"])


def test_clicking_an_organization_opens_its_details(app, monkeypatch):
    from geo.config import DEMO_DIR
    from geo.io.organizations import load_organizations_csv

    org = load_organizations_csv(DEMO_DIR / "organizations.csv").iloc[5]
    _click(monkeypatch, f"{org['name']} [{org['organization_id']}] Health")
    at = app()
    assert org["name"] in [h.value for h in at.subheader]
    assert any(org["address"] in t.value for t in at.text)


def test_panning_and_zooming_do_not_rerun_the_page(app):
    # st_folium reruns the script for every interaction named in returned_objects; the
    # page asks only for clicks, so moving the map never reruns it.
    at = app()
    element = next(e for e in at.get("component_instance"))
    returned = json.loads(element.proto.json_args)["returned_objects"]
    assert returned == ["last_object_clicked_tooltip"]
    assert not {"bounds", "zoom", "center"} & set(returned)


def _layer_tables(at):
    """The three layer tables below the map, by their title (stDataFrame, in order)."""
    titles = [m.value.strip("*") for m in at.main.markdown if m.value.startswith("**")]
    frames = [d.value for d in at.dataframe]
    return dict(zip([t.split(" (")[0] for t in titles], frames, strict=True)), titles


def test_every_map_layer_is_also_a_table_of_what_the_map_draws(app):
    from geo.census.study_area import load_tracts
    from geo.config import DEMO_DIR

    at = app()
    tables, titles = _layer_tables(at)
    assert set(tables) == {"Tracts", "Organization sites", "Library branches"}
    assert set(tables["Tracts"]["GEOID"]) == set(load_tracts(DEMO_DIR / "tracts.geojson")["GEOID"])
    assert len(tables["Organization sites"]) == _map_state(at)["sites_shown"]
    assert len(tables["Library branches"]) == int(_metric(at, "Branches"))
    assert f"Organization sites ({_map_state(at)['sites_shown']:,})" in titles
    # A filter narrows the sites table exactly as it narrows the pins.
    everyone = len(tables["Organization sites"])
    at.sidebar.multiselect(key="filters.languages").set_value(["ne"]).run()
    tables, _ = _layer_tables(at)
    nepali = tables["Organization sites"]
    assert 0 < len(nepali) == _map_state(at)["sites_shown"] < everyone
    assert nepali["Languages"].str.contains("Nepali").all()
    # The legend as text names every class the map's legend draws.
    legend = next(t.value for t in at.text if t.value.startswith("Legend of the map"))
    assert legend.count("class ") == len(_map_state(at)["colours"]) - 1


def test_a_large_area_waits_for_the_switch_before_sending_its_tables(app, monkeypatch):
    import ui.maps

    monkeypatch.setattr(ui.maps, "TABLES_ON_UP_TO", 100)  # the demo city counts as large
    at = app()
    assert not at.dataframe
    assert any("tables are off by default" in c.value for c in at.main.caption)
    assert any(t.value.startswith("Legend of the map") for t in at.text)  # always there
    at.toggle(key="map.tables").set_value(True).run()
    tables, _ = _layer_tables(at)
    assert set(tables) == {"Tracts", "Organization sites", "Library branches"}


def test_clicking_a_site_opens_its_organization_with_that_sites_address(app, monkeypatch):
    import os

    from sqlalchemy.orm import Session

    from geo.db import open_database
    from geo.db.sites import list_sites

    app()  # seeds this test's demo database
    with Session(open_database(os.environ["DATABASE_URL"])) as session:
        site = list_sites(session).iloc[7]
    key = f"{site['organization_id']}/{site['site_position']}"
    _click(monkeypatch, f"{site['name']} [{key}] {site['address']}")
    at = app()
    assert site["name"] in [h.value.replace("\\", "") for h in at.subheader]  # markdown-escaped
    assert any(site["address"] in t.value for t in at.text)


def test_a_clicked_sites_panel_shows_its_hours_and_whether_it_is_open_now(app, monkeypatch):
    import os

    from sqlalchemy.orm import Session

    from geo.db import add_asset, open_database

    app()  # seeds this test's demo database
    with Session(open_database(os.environ["DATABASE_URL"])) as session, session.begin():
        record = {
            "name": "Round The Clock Desk",
            "category": "social",
            "sites": [{"address": "9 Night St", "lat": 41.0, "lon": -45.0}],
            "hours": [
                {"weekday": d, "opens_at": "00:00", "closes_at": "23:59", "site": 0}
                for d in range(1, 8)
            ],
        }
        organization_id = add_asset(session, record, user="t", allow_duplicate=True).id
    _click(monkeypatch, f"Round The Clock Desk [{organization_id}/0] 9 Night St")
    at = app()
    assert "Hours: Mo-Su 00:00-23:59 (open now)" in [t.value for t in at.text]


def test_the_map_page_speaks_spanish(app, in_language):
    at = app()
    assert _map_state(at)["words"] == {}  # an English map sends no words
    in_language(at, "es")
    assert at.title[0].value == "Mapa de recursos"
    assert int(_metric(at, "Organizaciones que coinciden")) >= 300
    # The map's own words: legend, tooltips' labels, layer names.
    state = _map_state(at)
    assert "no disponible" in state["legend"] and "not available" not in state["legend"]
    assert state["words"]["Languages:"] == "Idiomas:"
    assert state["layer_names"]["tracts"].startswith("Sectores censales: ")
    assert "Cargando" in _map_args(at)["script"]  # the note while the outlines load
    # The legend as text and the layer tables.
    legend = next(t.value for t in at.text if t.value.startswith("Leyenda del mapa: "))
    assert "sectores censales)" in legend and "tracts" not in legend
    assert {"Sector censal", "Clase en el mapa"} <= set(at.dataframe[0].value.columns)


def test_the_details_panel_speaks_spanish_and_keeps_the_data_as_recorded(
    app, monkeypatch, in_language
):
    from geo.config import DEMO_DIR
    from geo.io.organizations import load_organizations_csv

    org = load_organizations_csv(DEMO_DIR / "organizations.csv").iloc[5]
    _click(monkeypatch, f"{org['name']} [{org['organization_id']}] Health")
    at = in_language(app(), "es")
    assert org["name"] in [h.value for h in at.subheader]
    texts = [t.value for t in at.text]
    assert f"Dirección: {org['address']}" in texts
    assert any(t.startswith("Servicios: ") for t in texts)


def test_a_sidebar_filter_reruns_the_map_part_alone_and_updates_it(app):
    at = app()
    everyone = int(_metric(at, "Organizations matching"))
    at.sidebar.multiselect(key="filters.languages").set_value(["ne"]).run()
    assert not at.exception
    # Only the map part ran: its figures, map and link follow the filter...
    nepali = int(_metric(at, "Organizations matching"))
    assert 0 < nepali < everyone
    assert _map_state(at)["sites_shown"] == nepali
    assert at.query_params["language"] == "ne"
    # ...and the page around it (title, sidebar) was not drawn again.
    assert not at.title and not at.sidebar.multiselect
    at.run()  # the whole page again: the sidebar still holds the choice
    assert at.sidebar.multiselect(key="filters.languages").value == ["ne"]
    assert int(_metric(at, "Organizations matching")) == nepali


def test_a_sidebar_filter_on_another_page_reruns_that_page(app):
    at = app("pages/gaps.py")
    at.sidebar.multiselect(key="filters.languages").set_value(["ne"]).run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filters.languages").value == ["ne"]
    assert at.query_params["language"] == "ne"


def test_lists_on_the_map_page_are_joined_as_chinese_joins_them(app, monkeypatch, in_language):
    from geo.config import DEMO_DIR
    from geo.io.organizations import load_organizations_csv

    orgs = load_organizations_csv(DEMO_DIR / "organizations.csv")
    org = orgs[orgs["name"] == "Addis Realty"].iloc[0]  # Somali, Amharic, Oromo, English
    _click(monkeypatch, f"{org['name']} [{org['organization_id']}] Housing")
    at = in_language(app(), "zh")
    line = next(t.value for t in at.text if t.value.startswith("语言："))
    assert line.count("、") == 3 and "," not in line  # not "索马里语, 阿姆哈拉语"
    sites = next(d.value for d in at.dataframe if "语言" in d.value.columns)
    several = sites["语言"][sites["语言"].str.len() > 0]
    assert several.str.contains("、").any() and not several.str.contains(",").any()

"""The asset directory as staff use it: open, edit, conflicts, archive, add, stale."""

from sqlalchemy.orm import Session

from geo.config import DEMO_DIR
from geo.db import add_asset, get_asset, get_history, make_engine
from geo.io.organizations import load_organizations_csv

PAGE = "pages/assets.py"


def _open(at, organization_id):
    at.selectbox(key="assets.pick").set_value(organization_id).run()
    return at


def _form_key(at, organization_id):
    asset = at.session_state["assets.opened"]
    return f"assets.edit.{organization_id}.{asset.version}"


def _demo_org(i=0):
    return load_organizations_csv(DEMO_DIR / "organizations.csv").sort_values("name").iloc[i]


def _db(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'assets.db'}")


def test_directory_lists_the_shared_organizations(app):
    at = app(PAGE, role="viewer")
    assert not at.exception
    assert "342 organizations" in at.caption[1].value


def test_edit_is_saved_and_recorded_in_history(app, tmp_path):
    org = _demo_org()
    at = _open(app(PAGE, role="editor", user="amira"), org["organization_id"])
    key = _form_key(at, org["organization_id"])
    at.text_input(key=f"{key}.phone").set_value("(999) 555-0199")
    at.button(key=f"{key}.submit").click().run()
    assert [s.value for s in at.success] == ["Saved."]
    with Session(_db(tmp_path)) as session:
        assert get_asset(session, org["organization_id"]).phone == "(999) 555-0199"
        change = [c for c in get_history(session, org["organization_id"]) if c.field == "phone"][0]
    assert (change.changed_by, change.old_value, change.new_value) == (
        "Amira",
        org["phone"],
        "(999) 555-0199",
    )


def test_second_save_of_the_same_asset_is_refused_and_shows_what_changed(app, tmp_path):
    org = _demo_org(1)
    first, second = _open(app(PAGE, role="editor", user="amira"), org["organization_id"]), None
    second = _open(app(PAGE, role="editor", user="ben"), org["organization_id"])
    key = _form_key(first, org["organization_id"])
    first.text_input(key=f"{key}.phone").set_value("(999) 555-0111")
    first.button(key=f"{key}.submit").click().run()
    second.text_area(key=f"{key}.description").set_value("Ben's notes")
    second.button(key=f"{key}.submit").click().run()
    assert second.error, "the second save must be refused"
    conflict = next(d.value for d in second.dataframe if "Changed by" in d.value.columns)
    assert "Amira" in set(conflict["Changed by"])
    with Session(_db(tmp_path)) as session:
        saved = get_asset(session, org["organization_id"])
    assert saved.phone == "(999) 555-0111"
    assert saved.description == org["description"]  # Ben's edit was not written


def test_archive_hides_from_directory_and_restore_brings_it_back(app, tmp_path):
    org = _demo_org(2)
    at = _open(app(PAGE, role="editor", user="amira"), org["organization_id"])
    at.button(key="assets.archive").click().run()
    with Session(_db(tmp_path)) as session:
        assert get_asset(session, org["organization_id"]).status == "archived"
    assert "341 organizations" in at.caption[1].value
    at.button(key="assets.restore").click().run()
    with Session(_db(tmp_path)) as session:
        assert get_asset(session, org["organization_id"]).status == "active"


def test_a_viewer_is_refused_by_the_server_and_nothing_is_written(app, tmp_path):
    org = _demo_org(3)
    at = _open(app(PAGE, role="viewer"), org["organization_id"])
    at.button(key="assets.archive").click().run()
    assert any("may not add, edit" in e.value for e in at.error)
    with Session(_db(tmp_path)) as session:
        assert get_asset(session, org["organization_id"]).status == "active"


def test_adding_a_lookalike_is_flagged_until_confirmed(app, tmp_path):
    org = _demo_org(4)
    at = app(PAGE, role="editor")
    at.text_input(key="assets.add.name").set_value(org["name"].upper())
    at.number_input(key="assets.add.lat").set_value(float(org["lat"]))
    at.number_input(key="assets.add.lon").set_value(float(org["lon"]))
    at.button(key="assets.add.submit").click().run()
    matches = next(d.value for d in at.dataframe if "organization_id" in d.value.columns)
    assert at.warning and org["organization_id"] in set(matches["organization_id"])
    at.button(key="assets.add_anyway").click().run()
    assert any("Added" in s.value for s in at.success)


def test_stale_records_are_listed(app):
    at = app(PAGE, role="viewer")
    assert any("not verified in the last 12 months" in c.value for c in at.caption)


def test_after_a_refused_save_their_version_can_be_loaded(app, tmp_path):
    org = _demo_org(5)
    first, second = (
        _open(app(PAGE, role="editor", user="amira"), org["organization_id"]),
        _open(app(PAGE, role="editor", user="ben"), org["organization_id"]),
    )
    key = _form_key(first, org["organization_id"])
    first.text_input(key=f"{key}.phone").set_value("(999) 555-0177")
    first.button(key=f"{key}.submit").click().run()
    second.text_input(key=f"{key}.website").set_value("https://ben.example.org")
    second.button(key=f"{key}.submit").click().run()
    second.run()  # the refusal stays on screen across reruns
    assert second.error
    second.button(key="assets.reload").click().run()
    assert not second.error
    new_key = _form_key(second, org["organization_id"])
    assert second.text_input(key=f"{new_key}.phone").value == "(999) 555-0177"


def test_directory_and_panel_show_opening_hours(app, tmp_path):
    at = app(PAGE, role="viewer")
    with Session(_db(tmp_path)) as session, session.begin():
        record = {
            "name": "Always Open Hub <b>",
            "category": "social",
            "sites": [
                {"name": "Main office", "address": "1 Main St", "lat": 41.0, "lon": -45.0},
                {"name": "Annex", "address": "2 Main St", "lat": 41.001, "lon": -45.0},
            ],
            "hours": [
                {"weekday": d, "opens_at": "00:00", "closes_at": "23:59", "site": 0}
                for d in range(1, 8)
            ],
        }
        hub = add_asset(session, record, user="t", allow_duplicate=True).id
    at.text_input(key="assets.search").set_value("Always Open").run()
    table = at.dataframe[0].value
    row = table[table["Id"] == hub].iloc[0]
    assert (row["Hours"], row["Now"]) == ("Mo-Su 00:00-23:59", "open now")
    assert "America/New_York, the study area's time zone" in at.caption[1].value
    _open(at, hub)
    assert not at.exception
    sites = at.dataframe[1].value
    assert list(sites["Site"]) == ["Main office", "Annex"]
    assert list(sites["Now"]) == ["open now", "hours not known"]
    assert any("Sites and opening hours" in m.value for m in at.markdown)


def _tab(at, label):
    return next(t for t in at.tabs if t.label == label)


def test_the_added_confirmation_is_shown_on_the_add_tab_where_the_user_is(app):
    at = app(PAGE, role="editor")
    at.text_input(key="assets.add.name").set_value("Harbour <b>Welcome</b> Desk")
    at.number_input(key="assets.add.lat").set_value(41.02)
    at.number_input(key="assets.add.lon").set_value(-45.03)
    at.button(key="assets.add.submit").click().run()
    assert not at.exception
    added = [s.value for s in _tab(at, "Add an organization").success]
    assert len(added) == 1 and "\\<b\\>" in added[0]  # markdown shows the name literally
    plain = added[0].replace("\\", "")
    assert "Added Harbour <b>Welcome</b> Desk (" in plain and "on the map now" in plain
    assert "open on the Directory tab" in plain
    toasts = [t.value.replace("\\", "") for t in at.toast]  # seen wherever one scrolled
    assert len(toasts) == 1 and toasts[0].startswith("Added Harbour <b>Welcome</b> Desk (")
    # the next run (any click) no longer repeats it
    at.run()
    assert not _tab(at, "Add an organization").success


def test_the_added_confirmation_speaks_the_interface_language(app):
    at = app(PAGE, role="editor")
    at.session_state["ui.language"] = "fr"
    at.run()
    at.text_input(key="assets.add.name").set_value("Bureau d'accueil du port")
    at.number_input(key="assets.add.lat").set_value(41.02)
    at.number_input(key="assets.add.lon").set_value(-45.03)
    at.button(key="assets.add.submit").click().run()
    added = [s.value for s in _tab(at, "Ajouter un organisme").success]
    plain = added[0].replace("\\", "") if len(added) == 1 else ""
    assert plain.startswith("Bureau d'accueil du port (") and "ajouté" in plain
    assert "onglet Annuaire" in plain and "Directory" not in plain

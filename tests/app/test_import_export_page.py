"""Import and export as staff use them: check, decide, import all-or-nothing, place, export."""

from sqlalchemy.orm import Session

from geo.db import list_assets, make_engine
from ui import text

PAGE = "pages/import_export.py"
GOOD = (
    "name,category,languages,lat,lon,phone\n"
    "Kyiv Cultural Club,cultural,uk;ru,41.001,-45.001,(999) 555-7001\n"
    "مركز الجالية العربية,cultural,ar,41.002,-45.002,(999) 555-7002\n"
).encode("utf-8-sig")
BAD = GOOD + b"Broken Row,health,es,not-a-number,-45.003,\n"


def _count(tmp_path):
    with Session(make_engine(f"sqlite:///{tmp_path / 'assets.db'}")) as session:
        return len(list_assets(session))


def _upload(at, content, name="orgs.csv"):
    at.file_uploader(key="import.file").upload(name, content, "text/csv").run()
    return at


def test_good_file_is_checked_and_imported_with_unicode_intact(app, tmp_path):
    at = app(PAGE, role="editor")
    before = _count(tmp_path)
    at = _upload(at, GOOD)
    assert not at.exception
    assert at.selectbox(key="import.map.name").value == "name"
    at.button(key="import.go").click().run()
    assert any("Imported 2 organizations" in s.value for s in at.success)
    with Session(make_engine(f"sqlite:///{tmp_path / 'assets.db'}")) as session:
        names = set(list_assets(session)["name"])
    assert "مركز الجالية العربية" in names
    assert _count(tmp_path) == before + 2


def test_a_bad_row_blocks_the_import_until_the_user_chooses_valid_rows(app, tmp_path):
    at = app(PAGE, role="editor")
    before = _count(tmp_path)
    at = _upload(at, BAD)
    report = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    bad = report[report["Severity"] == "error"].iloc[0]
    assert (bad["Row"], bad["Field"]) == (3, "lat")
    assert any("3 data rows read; 1 rejected" in w.value for w in at.warning)
    at.button(key="import.go").click().run()
    assert at.error and _count(tmp_path) == before
    assert at.error[0].value.startswith(text.literal("1 of 3 data rows in 'orgs.csv' cannot"))
    assert not at.get("progress"), "no progress bar is left after a refusal"
    assert not [b for b in at.button if b.key == "import.cancel"]
    assert at.checkbox(key="import.only_valid").label.endswith("(1 row will be left out)")
    at.checkbox(key="import.only_valid").check().run()
    at.button(key="import.go").click().run()
    assert _count(tmp_path) == before + 2


def test_file_without_a_name_column_is_explained(app):
    at = _upload(app(PAGE, role="editor"), b"title,lat,lon\nX,41,-45\n")
    assert any("name" in e.value.lower() for e in at.error)


def test_rows_without_coordinates_wait_and_can_be_placed(app, tmp_path):
    at = _upload(app(PAGE, role="editor"), b"name,address\nNewcomer Drop-in,12 Mill Road\n")
    at.button(key="import.go").click().run()
    assert any("1 wait in" in s.value for s in at.success)
    at.number_input(key="place.lat").set_value(41.0)
    at.number_input(key="place.lon").set_value(-45.0)
    at.button(key="place.save").click().run()
    assert any("Placed Newcomer Drop" in s.value for s in at.success)


def test_exports_offer_every_format(app):
    at = app(PAGE, role="editor")
    assert not at.exception
    assert "342 organizations" in " ".join(c.value for c in at.caption)


def test_the_export_follows_the_directory_after_an_edit(app, tmp_path):
    """The export files are kept between clicks, but never stale: a new organization is in the
    next rerun's export."""
    at = app(PAGE, role="editor")
    assert "342 organizations" in " ".join(c.value for c in at.caption)
    from geo.db import add_asset

    with Session(make_engine(f"sqlite:///{tmp_path / 'assets.db'}")) as session, session.begin():
        add_asset(session, {"name": "New Corner Pantry", "category": "food"}, user="t")
    at.run()
    assert "343 organizations" in " ".join(c.value for c in at.caption)


def test_an_organization_is_placed_by_clicking_the_map(app, tmp_path, monkeypatch):
    import streamlit as st

    import ui.maps

    def clicked_map(fig, *, key, on_change=None, **kwargs):
        if key == "place.map" and on_change is not None:
            st.session_state[key] = {"last_clicked": {"lat": 41.0012345, "lng": -45.0067891}}
            on_change()
        return {}

    at = _upload(app(PAGE, role="editor"), b"name,address\nNewcomer Drop-in,12 Mill Road\n")
    at.button(key="import.go").click().run()
    assert any("1 data row read" in s.value for s in [*at.success, *at.warning])
    monkeypatch.setattr(ui.maps, "st_folium", clicked_map)
    at.toggle(key="place.map.open").set_value(True).run()
    assert (at.number_input(key="place.lat").value, at.number_input(key="place.lon").value) == (
        41.001235,
        -45.006789,
    )
    at.button(key="place.save").click().run()
    assert any("Placed Newcomer Drop" in s.value for s in at.success)
    with Session(make_engine(f"sqlite:///{tmp_path / 'assets.db'}")) as session:
        placed = list_assets(session, search="Newcomer Drop-in").iloc[0]
    assert (placed["lat"], placed["lon"]) == (41.001235, -45.006789)


def test_the_file_is_mapped_and_validated_once(app, tmp_path, monkeypatch):
    from geo.io import importer, validation
    from ui import import_views

    checked, hooks = [], []
    real_validate, real_run = validation.validate_rows, import_views.run_import

    def counting(mapped, **kwargs):
        checked.append(len(mapped))
        return real_validate(mapped, **kwargs)

    def recording(*args, **kwargs):
        hooks.append(kwargs["should_cancel"])
        return real_run(*args, **kwargs)

    monkeypatch.setattr(importer, "validate_rows", counting)
    monkeypatch.setattr(validation, "validate_rows", counting)
    monkeypatch.setattr(import_views, "run_import", recording)
    at = _upload(app(PAGE, role="editor"), BAD)
    assert checked == [3]  # the preview shows the plan's findings, not a second check
    preview = at.dataframe[0].value
    assert "lat: " in preview["Problems"].iloc[2]  # the heading in words
    at.checkbox(key="import.only_valid").check().run()
    assert checked == [3]  # a rerun reuses the plan
    at.selectbox(key="import.map.phone").select_index(0).run()  # "—": not imported
    assert checked == [3, 3]  # another mapping is checked again
    at.button(key="import.go").click().run()
    assert checked == [3, 3]
    assert any("Imported 2 organizations" in s.value for s in at.success)
    (should_cancel,) = hooks
    assert isinstance(should_cancel.__self__, import_views.CancelHooks)


def test_the_run_a_cancel_click_starts_shows_how_the_import_ended(app):
    """The stopped run hands its outcome over (a stopped run cannot write session state)."""
    from geo.errors import ImportCancelled
    from ui import import_views

    at = app(PAGE, role="editor")
    import_views._OUTCOMES["t-1"] = ImportCancelled("The import was cancelled. Nothing was saved.")
    at.session_state[import_views.RUNNING] = "t-1"
    at.run()
    assert [i.value for i in at.info] == [
        text.literal("The import was cancelled. Nothing was saved.")
    ]
    assert "t-1" not in import_views._OUTCOMES
    at.run()
    assert not at.info  # shown once

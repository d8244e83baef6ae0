"""Sentences composed in geo/ reach the page in the reader's language, data as typed.

Import problems, the sync report, a refused permission, the walk planner's errors and the
directory's words ("open now", a record's status, the contacts' headings) were English in
every language; they are said in the interface language now, while what the user typed
(a value, a name), row numbers and feed ids stay exactly as they were.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from geo.db import add_asset, make_engine
from geo.i18n import CLOSE, OPEN
from ui import text

IMPORT = "pages/import_export.py"
BAD = (
    "name,category,languages,lat,lon\n"
    "Kyiv Cultural Club,cultural,uk,41.001,-45.001\n"
    "Broken Row,health,es,4O.7x,-45.003\n"
).encode("utf-8-sig")


def _upload(at, content: bytes, name: str = "orgs.csv"):
    at.file_uploader(key="import.file").upload(name, content, "text/csv").run()
    return at


def test_an_import_problem_is_said_in_spanish_with_the_row_and_the_typed_value(app, in_language):
    at = _upload(in_language(app(IMPORT, role="editor"), "es"), BAD)
    report = next(d.value for d in at.dataframe if "Problema" in d.value.columns)
    bad = report[report["Gravedad"] == "error"].iloc[0]
    assert (bad["Fila"], bad["Campo"], bad["Valor"]) == (2, "lat", "4O.7x")
    assert bad["Problema"] == ("'4O.7x' no es un número; escriba grados decimales como 40.7128")
    at.button(key="import.go").click().run()
    refusal = at.error[0].value
    assert refusal.startswith(text.literal("1 de 2 filas de datos de 'orgs.csv' no se pueden"))
    assert text.literal("fila de datos 2: 'lat' '4O.7x' no es un número") in refusal


def test_the_downloadable_report_is_in_the_readers_language(tmp_path):
    from geo.io import prepare_import, report_to_csv

    (tmp_path / "orgs.csv").write_bytes(BAD)
    plan = prepare_import(tmp_path / "orgs.csv")
    english = report_to_csv(plan.report).decode("utf-8-sig").splitlines()
    french = report_to_csv(plan.report, "fr").decode("utf-8-sig").splitlines()
    assert english[0] == "row,line,severity,kind,field,value,message"
    assert "'4O.7x' is not a number" in english[1]
    assert french[0] == "Enregistrement,Ligne du fichier,Gravité,Type,Champ,Valeur,Problème"
    assert french[1].startswith("2,3,erreur,non valide,lat,4O.7x,")
    assert "'4O.7x' n'est pas un nombre ; écrivez des degrés décimaux" in french[1]


def test_the_sync_report_is_said_in_spanish(app, in_language):
    at = in_language(app(IMPORT, role="editor"), "es")
    feed = b"source_id,name,lat,lon\nHX-26,Kyiv Cultural Club,41.001,-45.001\n"
    at.file_uploader(key="sync.file").upload("feed.csv", feed, "text/csv")
    at.text_input(key="sync.source").input("city-feed").run()
    at.button(key="sync.go").click().run()
    assert not at.exception
    line = at.info[-1].value
    assert "Simulación, no se escribió nada" in line and "1 añadidas" in line, line
    assert "city\\-feed" in line  # the feed's name as typed


def test_a_refused_permission_is_said_in_french(app, in_language):
    at = in_language(app("pages/assets.py", role="viewer"), "fr")
    at.selectbox(key="assets.pick").set_value("ORG-0001").run()
    key = "assets.edit.ORG-0001.1"
    at.text_input(key=f"{key}.phone").set_value("(999) 555-0100")
    at.button(key=f"{key}.submit").click().run()
    refusal = " ".join(e.value for e in at.error)
    said = text.literal("Votre rôle (lecteur) n'autorise pas à ajouter, modifier")
    assert said in refusal and text.literal("Rien n'a été modifié.") in refusal, refusal


def test_a_walk_polygon_that_cannot_be_read_is_said_in_arabic(app, in_language):
    at = in_language(app("pages/walkabout.py", role="editor"), "ar")
    at.radio(key="walkabout.area_kind").set_value("polygon").run()
    at.text_area(key="walkabout.polygon").set_value("41.0, -45.0\nnorth gate").run()
    notes = " ".join(i.value for i in at.info)
    assert "الزاوية 2 من المضلع" in notes and "north gate" in notes, notes


def test_stops_outside_the_walk_area_are_said_in_french(app, in_language):
    at = in_language(app("pages/walkabout.py", role="editor"), "fr")
    at.slider(key="walkabout.radius").set_value(250).run()
    at.text_area(key="walkabout.points").set_value("41.5, -45.5, Far away").run()
    refusal = " ".join(e.value for e in at.error)
    assert "1 arrêt se trouve hors de la zone" in refusal and "Far away" in refusal, refusal
    assert "m de la bibliothèque" in refusal


def test_the_directory_says_open_now_and_status_in_spanish(app, tmp_path, in_language):
    at = app("pages/assets.py", role="editor")  # creates the database
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session, session.begin():
        record = {
            "name": "Round The Clock Desk",
            "lat": 41.0,
            "lon": -45.0,
            "hours": [
                {"weekday": d, "opens_at": "00:00", "closes_at": "23:59"} for d in range(1, 8)
            ],
            "contacts": [{"name": "Amal Haddad", "role": "Coordinator", "phone": "555-0101"}],
        }
        added = add_asset(session, record, user="t", allow_duplicate=True)
    at = in_language(at, "es")
    at.text_input(key="assets.search").set_value("Round The Clock").run()
    directory = at.dataframe[0].value
    row = directory[directory["Nombre"] == "Round The Clock Desk"].iloc[0]
    assert (row["Ahora"], row["Estado"]) == ("abierto ahora", "activa")
    at.selectbox(key="assets.pick").set_value(added.id).run()
    sites = next(d.value for d in at.dataframe if "Sede" in d.value.columns)
    assert list(sites["Ahora"]) == ["abierto ahora"] and datetime.now(UTC)
    contacts = next(d.value for d in at.dataframe if "Amal Haddad" in d.value.values)
    assert {"Nombre", "Teléfono"} <= set(contacts.columns)
    assert any("activa" in c.value for c in at.caption)


def test_pseudo_locale_marks_the_import_refusal_and_its_problem_rows(app, monkeypatch):
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = _upload(app(IMPORT, role="editor"), BAD)
    at.button(key="import.go").click().run()
    assert at.error and all(OPEN in e.value for e in at.error)
    report = next(d.value for d in at.dataframe if f"{OPEN}Problem{CLOSE}" in d.value.columns)
    assert all(OPEN in str(m) for m in report.iloc[:, -1]), list(report.iloc[:, -1])


def test_a_damaged_zip_upload_is_explained_in_spanish_with_the_libraries_reason(app, in_language):
    at = _upload(
        in_language(app(IMPORT, role="editor"), "es"), b"PK\x03\x04 not really a zip", "orgs.zip"
    )
    refusal = " ".join(e.value for e in at.error)
    said = "El archivo 'orgs.zip' parece un archivo zip pero está dañado (File is not a zip file)"
    assert text.literal(said) in refusal, refusal  # the library's reason stays as it wrote it
    assert text.literal("Descárguelo o guárdelo de nuevo.") in refusal


def test_an_old_excel_workbook_and_json_that_is_not_geojson_are_refused_in_french(app, in_language):
    at = in_language(app(IMPORT, role="editor"), "fr")
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)  # a .xls renamed .xlsx
    _upload(at, old, "orgs.xlsx")
    said = text.literal("'orgs.xlsx' est un ancien classeur Excel 97-2003.")
    assert said in " ".join(e.value for e in at.error)
    _upload(at, b'{"rows": [1, 2]}', "orgs.json")
    said = text.literal("Le fichier 'orgs.json' est du JSON mais pas du GeoJSON")
    assert said in " ".join(e.value for e in at.error)


def test_the_home_pages_figures_are_written_as_each_language_writes_numbers(
    app, in_language, figure
):
    from geo.i18n import format_number

    at = app()
    english = figure(at, "Foreign-born in the study area")
    people, moe = (int(part.replace(",", "")) for part in english.split(" ± "))
    assert people > 10_000 and moe > 1_000  # both need digit grouping
    french = figure(in_language(at, "fr"), "Nés à l'étranger dans la zone d'étude")
    assert french == f"{people:,} ± {moe:,}".replace(",", "\u202f")  # 270 834 ± 3 330
    spanish = figure(in_language(at, "es"), "Nacidos en el extranjero en el área de estudio")
    assert spanish == f"{people:,} ± {moe:,}".replace(",", ".")
    # Babel writes Arabic numbers with Latin digits and ',' (as the map's legend does)
    arabic = figure(in_language(at, "ar"), "المولودون في الخارج في منطقة الدراسة")
    assert arabic == f"{format_number(people, 'ar')} ± {format_number(moe, 'ar')}"


def test_an_indicator_that_needs_countries_says_why_in_french_on_the_map_page(app, in_language):
    at = in_language(app(), "fr")
    at.selectbox(key="map.indicator").set_value("origin_share").run()
    warnings = " ".join(w.value for w in at.warning)
    assert "Choisissez au moins un pays d'origine dans la barre latérale." in warnings, warnings
    assert "Choose at least one" not in warnings


def _submit(at, form: str):
    """The submit button of ``form``, whatever language its label is in."""
    return next(
        b
        for b in at.button
        if str(b.key).startswith(f"FormSubmitter:{form}-") or b.key == f"{form}.submit"
    )


def test_an_engagement_entry_without_staff_is_refused_in_french(app, in_language, monkeypatch):
    import datetime

    import ui.i18n

    # AppTest formats a selectbox's value outside the session (in English); in French too
    monkeypatch.setattr(ui.i18n, "current", lambda: "fr")
    at = in_language(app("pages/engagement_log.py", role="editor"), "fr")
    at.text_input(key="engagement.staff").set_value("  ")
    at.date_input(key="engagement.date").set_value(datetime.date(2026, 3, 2))
    at.date_input(key="engagement.follow_up").set_value(datetime.date(2026, 3, 1))
    _submit(at, "engagement.add").click().run()
    refusal = " ".join(e.value for e in at.error)
    said = "L'entrée du journal n'a pas été enregistrée : indiquez qui, à la bibliothèque, y a pris"
    assert text.literal(said) in refusal, refusal
    assert text.literal("la date de suivi est antérieure à la date du contact") in refusal
    assert "took part" not in refusal and "follow-up" not in refusal
    problems = next(d.value for d in at.dataframe if "Champ" in d.value.columns)
    assert list(problems["Champ"]) == ["Personnel ayant participé", "Relancer le"], problems


def test_a_storys_history_says_no_caption_and_slide_in_arabic(app, in_language):
    at = app("pages/presenter.py", role="editor")
    at.text_input(key="presenter.new_name").set_value("Workshop")
    next(b for b in at.button if b.label == "Create story").click().run()
    next(b for b in at.button if b.label == "Save this view as a slide").click().run()  # no caption
    history = in_language(at, "ar").dataframe[-1].value
    assert {"ماذا", "الحقل"} <= set(history.columns) or len(history.columns) == 6
    slides = history[history.iloc[:, 3] == "الشرائح"].iloc[0]
    assert slides.iloc[5].startswith("(بلا تعليق) [الشريحة "), list(slides)
    assert not any("no caption" in str(v) for v in history.to_numpy().ravel())


def test_the_map_page_lists_chosen_countries_as_chinese_lists_them(app, in_language):
    at = in_language(app(), "zh")
    at.sidebar.multiselect(key="filters.countries").set_value(["Bhutan", "Nepal"]).run()
    said = " ".join(c.value for c in at.main.caption)
    assert "Bhutan、Nepal" in said, said
    assert "Bhutan, Nepal" not in said

"""The asset directory in the reader's language: language names, the "now" weekday, and the
lists' placeholder (a Spanish reader met "so;am;om;en", "Thu 09:58" and "Choose options")."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton
from sqlalchemy.orm import Session

from geo.db import add_asset, make_engine

PAGE = "pages/assets.py"
ENGLISH_DAYS = ("Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun ")


def _spanish(app, in_language, role="viewer"):
    at = in_language(app(PAGE, role=role), "es")
    assert not at.exception
    return at


def _languages_column(at):
    table = at.dataframe[0].value
    return table, table["Idiomas"]


def test_the_spanish_directory_names_languages_instead_of_codes(app, in_language):
    at = _spanish(app, in_language)
    table, languages = _languages_column(at)
    somali = languages[languages.str.contains("somalí")]
    assert len(somali) > 0
    assert not languages.str.contains(r"\b(?:so|en|am|om|prs);", regex=True).any()
    assert "somalí, amárico, oromo e inglés" in set(languages)  # listed the Spanish way
    assert "Somalia y Ethiopia" in set(table["Comunidades"])  # names as typed, listed so too


def test_the_language_filter_still_picks_by_code(app, in_language):
    at = _spanish(app, in_language)
    box = at.multiselect(key="filters.languages")
    assert box.format_func("so") == "somalí (so)"  # the filter names them as the table does
    box.set_value(["so"]).run()
    _, languages = _languages_column(at)
    assert len(languages) > 0 and languages.str.contains("somalí").all()


def test_the_arabic_directory_names_languages_in_arabic(app, in_language):
    at = in_language(app(PAGE, role="viewer"), "ar")
    languages = at.dataframe[0].value["اللغات"]
    assert languages.str.contains("الصومالية").any()
    assert not languages.str.contains("so;").any()


def test_the_now_caption_writes_the_weekday_in_spanish(app, in_language):
    at = _spanish(app, in_language)
    caption = at.caption[1].value
    today = datetime.now(UTC).astimezone(ZoneInfo("America/New_York"))  # the demo's zone
    assert f"«Ahora» es {format_skeleton('E', today, locale='es')}, " in caption  # "jue, 9:58"
    assert not any(day in caption for day in ENGLISH_DAYS)


def test_an_opened_organization_lists_its_languages_by_name(app, in_language):
    at = _spanish(app, in_language)
    table, languages = _languages_column(at)
    organization_id = table[languages.str.contains("somalí")].iloc[0]["Id"]
    at.selectbox(key="assets.pick").set_value(organization_id).run()
    assert not at.exception
    said = [c.value for c in at.caption if c.value.startswith("Idiomas:")]
    assert said == ["Idiomas: somalí, amárico, oromo e inglés"]


def test_lists_say_choose_options_in_the_readers_language(app, in_language):
    at = _spanish(app, in_language, role="editor")
    boxes = [at.multiselect(key=k) for k in ("filters.languages", "assets.add.categories")]
    assert [b.proto.placeholder for b in boxes] == ["Elija opciones", "Elija opciones"]


def test_hours_name_the_days_in_spanish(app, in_language, tmp_path):
    at = _spanish(app, in_language)
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    record = {
        "name": "Centro de Bienvenida",
        "category": "social",
        "sites": [{"name": "Oficina", "address": "1 Main St", "lat": 41.0, "lon": -45.0}],
        "hours": [
            {"weekday": d, "opens_at": "09:00", "closes_at": "17:00", "site": 0}
            for d in range(1, 6)
        ],
    }
    with Session(engine) as session, session.begin():
        hub = add_asset(session, record, user="t", allow_duplicate=True).id
    at.text_input(key="assets.search").set_value("Centro de Bienvenida").run()
    table = at.dataframe[0].value
    assert table[table["Id"] == hub].iloc[0]["Horario"] == "lun–vie 09:00-17:00"  # not "Mo-Fr"
    at.selectbox(key="assets.pick").set_value(hub).run()
    assert list(at.dataframe[1].value["Horario"]) == ["lun–vie 09:00-17:00"]

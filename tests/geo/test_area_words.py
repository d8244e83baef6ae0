"""A study area's label and vintage as the reader's language says them."""

import json

import pytest

from geo.census.area_words import DEMO_LABEL, say_study_area, say_vintage
from geo.census.profiles import UNIVERSES
from geo.census.tables import describe_vintage, vintage_from_names
from geo.demo import city
from geo.i18n import INTERFACE_LANGUAGES, translator


def _tr(code):
    return translator(code).gettext


def test_the_demo_label_is_the_catalogs_msgid_and_stays_illustrative_in_every_language():
    assert city.LABEL == DEMO_LABEL  # the label written into the demo's study_area.json
    assert say_study_area(city.LABEL) == city.LABEL
    assert say_study_area(city.LABEL, _tr("es")) == (
        "Riverton — datos ilustrativos, no es un lugar real"
    )
    for code in INTERFACE_LANGUAGES[1:]:
        said = say_study_area(city.LABEL, _tr(code))
        assert said != city.LABEL, code  # translated, not left in English
        assert say_study_area(city.LABEL, _tr(code)) == _tr(code)(DEMO_LABEL)


def test_an_imported_areas_label_stays_as_its_user_typed_it():
    for label in ("New York City", "Riverton", "Ciudad de México — datos"):
        assert say_study_area(label, _tr("es")) == label


@pytest.mark.parametrize(
    ("code", "five_year", "one_year"),
    [
        ("en", "ACS 2019-2023 5-year", "ACS 2023 1-year"),
        ("es", "ACS 2019-2023, estimaciones de 5 años", "ACS 2023, estimaciones de 1 año"),
        ("fr", "ACS 2019-2023, estimations sur 5 ans", "ACS 2023, estimations sur 1 an"),
    ],
)
def test_a_vintage_the_app_composed_is_said_with_its_translated_pattern(code, five_year, one_year):
    assert say_vintage(describe_vintage(2023), _tr(code)) == five_year
    assert say_vintage(describe_vintage(2023, 1), _tr(code)) == one_year
    assert say_vintage(vintage_from_names(["ACSDT5Y2022.B05006-Data.csv"]) or "", _tr(code)) == (
        five_year.replace("2019-2023", "2018-2022")
    )


def test_a_vintage_someone_typed_stays_as_typed():
    for typed in ("Statistics Canada, 2021 Census", "ACS 2019-2023 5-year (revised)", "test"):
        assert say_vintage(typed, _tr("es")) == typed
    assert say_vintage("ACS 2010-2023 5-year", _tr("es")) == "ACS 2010-2023 5-year"  # not 5 years


def test_the_profiles_own_universe_words_are_in_the_catalogs():
    for universe in set(UNIVERSES.values()):
        assert _tr("es")(universe) != universe, universe
    assert _tr("es")("all residents") == "todos los residentes"


def test_the_profile_charts_axis_says_the_vintage_in_the_readers_words(tiny_area):
    from geo.census.community import build_community_profile
    from geo.census.profile_charts import build_section_chart
    from tests.geo.conftest import T1, T2

    profile = build_community_profile(tiny_area, [T1, T2], title="Two tracts", rule="By hand.")
    section = next(s for s in profile.sections if s.title == "Citizenship")
    vintage = describe_vintage(2023)
    english = json.dumps(build_section_chart(section, vintage).to_dict())
    spanish = json.dumps(
        build_section_chart(section, vintage, translate=_tr("es"), language="es").to_dict(),
        ensure_ascii=False,
    )
    assert "ACS 2019-2023 5-year" in english
    assert "ACS 2019-2023, estimaciones de 5 años" in spanish and "5-year" not in spanish

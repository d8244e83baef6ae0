"""The shared view and the query string: a link reopens the same view; a bad link never
raises, it says what it dropped and opens the default."""

from __future__ import annotations

import pytest

from geo.filters import Filters
from geo.view import (
    View,
    keep_known_countries,
    view_from_params,
    view_to_params,
    with_position,
)

PAGES = ("", "assets", "community_profile")
AREAS = ("demo", "nyc")
FULL = View(
    page="assets",
    study_area="nyc",
    filters=Filters(
        countries=("China, excluding Hong Kong and Taiwan", "Mexico"),
        languages=("es", "ar"),
        categories=("legal",),
        min_arrived_2010_pct=25.0,
        min_limited_english_hh_pct=5.0,
        min_noncitizen_pct=100.0,
    ),
    indicator="noncitizen_share",
    scheme="natural_breaks",
    radius_m=1500,
    centre=(40.71234, -73.95),
    zoom=13,
)


def _read(params, **kw):
    return view_from_params(params, pages=PAGES, study_areas=AREAS, **kw)


def test_default_view_has_an_empty_query_string():
    assert view_to_params(View()) == {}
    assert _read({}).view == View()
    assert _read({}).notes == ()


def test_every_field_round_trips_through_the_query_string():
    params = view_to_params(FULL)
    assert params["country"] == ["China, excluding Hong Kong and Taiwan", "Mexico"]
    assert params["at"] == ["40.71234,-73.95000,13"]
    parsed = _read(params)
    assert parsed.notes == ()
    assert parsed.view == FULL


def test_only_changed_fields_are_written():
    view = View(indicator="noncitizen_share", study_area="demo")
    assert view_to_params(view, View(study_area="demo")) == {"indicator": ["noncitizen_share"]}


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"page": ["admin_secret"]}, "page", "page 'admin_secret'"),
        ({"area": ["atlantis"]}, "study_area", "study area 'atlantis'"),
        ({"indicator": ["<script>"]}, "indicator", "indicator '<script>'"),
        ({"breaks": ["jenks"]}, "scheme", "class breaks 'jenks'"),
        ({"radius": ["249"]}, "radius_m", "radius '249'"),
        ({"radius": ["5001"]}, "radius_m", "radius '5001'"),
        ({"radius": ["1001"]}, "radius_m", "steps of 250"),
        ({"radius": ["nan"]}, "radius_m", "radius 'nan'"),
        ({"at": ["40.7,-73.9"]}, "centre", "latitude,longitude,zoom"),
        ({"at": ["91,0,10"]}, "centre", "'91,0,10'"),
        ({"at": ["40,-73,19"]}, "zoom", "zoom 0-18"),
        ({"at": ["40,-73,12.3"]}, "zoom", "quarter steps"),
        ({"at": ["inf,0,3"]}, "centre", "'inf,0,3'"),
    ],
)
def test_a_bad_parameter_gives_a_note_and_its_default(params, field, words):
    parsed = _read(params)
    assert getattr(parsed.view, field) == getattr(View(), field)
    assert len(parsed.notes) == 1 and words in parsed.notes[0]


@pytest.mark.parametrize(
    ("value", "ok"),
    [("0", True), ("5", True), ("100", True), ("-5", False), ("105", False), ("7", False)],
)
def test_thresholds_are_percent_on_the_sliders_steps(value, ok):
    parsed = _read({"arrived": [value]})
    expected = float(value) if ok else 0.0
    assert parsed.view.filters.min_arrived_2010_pct == expected
    assert bool(parsed.notes) is not ok


def test_radius_limits_are_pinned_from_both_sides():
    assert _read({"radius": ["250"]}).view.radius_m == 250
    assert _read({"radius": ["5000"]}).view.radius_m == 5000
    assert _read({"at": ["-90,180,0"]}).view.zoom == 0
    assert _read({"at": ["40,-73,18"]}).view.zoom == 18


def test_unknown_languages_and_categories_are_dropped_the_rest_kept():
    parsed = _read({"language": ["es", "xx", "es"], "category": ["legal", "bogus"]})
    assert parsed.view.filters.languages == ("es",)
    assert parsed.view.filters.categories == ("legal",)
    assert len(parsed.notes) == 2 and "'xx'" in parsed.notes[0] and "'bogus'" in parsed.notes[1]


def test_unknown_keys_and_repeated_single_values_are_noted():
    parsed = _read({"utm_source": ["mail"], "indicator": ["noncitizen_share", "x"]})
    assert parsed.view.indicator == "noncitizen_share"
    assert any("'utm_source'" in n for n in parsed.notes)
    assert any("'indicator' 2 times" in n for n in parsed.notes)


def test_countries_the_study_area_lacks_are_dropped_with_a_note():
    view = _read({"country": ["Mexico", "Narnia"]}).view
    kept = keep_known_countries(view, {"Mexico", "Nepal"})
    assert kept.view.filters.countries == ("Mexico",)
    assert kept.notes and "'Narnia'" in kept.notes[0]
    assert keep_known_countries(kept.view, {"Mexico"}).notes == ()


@pytest.mark.parametrize(
    ("centre", "zoom", "expected"),
    [
        ((40.712345678, -73.956789012), 14.0, ((40.71235, -73.95679), 14)),
        ((40.7, -73.9), 18, ((40.7, -73.9), 18)),
        ((40.7, -73.9), 12.3, ((40.7, -73.9), 12.25)),  # the maps snap zoom to quarters
        ((40.7, -73.9), 19, (None, None)),  # beyond the map's last zoom level
        ((90.5, -73.9), 12, (None, None)),
        ((40.7, -180.01), 12, (None, None)),  # Leaflet's longitudes run on past ±180
        (None, None, (None, None)),
    ],
)
def test_a_map_position_is_kept_as_a_link_stores_it(centre, zoom, expected):
    view = with_position(View(study_area="demo"), centre, zoom)
    assert (view.centre, view.zoom) == expected
    parsed = view_from_params(view_to_params(view), pages=[""], study_areas=["demo"])
    assert parsed.view == view


BAD_LINK = {
    "utm_source": ["mail"],
    "page": ["admin_secret"],
    "area": ["atlantis"],
    "indicator": ["noncitizen_share", "x"],
    "breaks": ["jenks"],
    "language": ["es", "xx", "yy"],
    "category": ["legal", "bogus"],
    "arrived": ["7"],
    "radius": ["99999"],
    "at": ["40.7,-73.9"],
}


@pytest.mark.parametrize("code", ["es", "fr", "ar", "zh"])
def test_every_link_note_is_said_in_the_readers_language(code):
    parsed = _read(BAD_LINK, default=View(study_area="demo"))
    countries = keep_known_countries(View(filters=Filters(countries=("Narnia",))), set())
    notes = [*parsed.notes, *countries.notes]
    assert len(notes) == 11
    for note in notes:
        said = note.in_language(code)
        assert said != str(note), f"{code}: {note}"
        assert "link" not in said.casefold(), said


def test_a_notes_list_follows_the_readers_language_and_the_link_keeps_its_words():
    parsed = _read({"language": ["xx", "yy", "es"], "arrived": ["7"], "indicator": ["x"]})
    indicator, languages, threshold = parsed.notes
    assert (
        str(languages) == "The link's languages 'xx', 'yy' are not ones we know; they were ignored."
    )
    assert (
        languages.in_language("es")
        == "No conocemos los idiomas 'xx' y 'yy' del enlace; se ignoraron."
    )
    assert "“xx”、“yy”" in languages.in_language("zh")
    assert "'arrived=7'" in threshold.in_language("fr")  # the key as the link writes it
    assert indicator.in_language("es").endswith(
        "se muestra Proporción de la población nacida en el extranjero."
    )


def test_countries_the_study_area_lacks_are_listed_the_spanish_way():
    view = _read({"country": ["Narnia", "Mexico", "Oz", "Atlantis"]}).view
    note = keep_known_countries(view, {"Mexico"}).notes[0]
    assert "'Narnia', 'Oz', 'Atlantis'" in note
    assert "'Narnia', 'Oz' y 'Atlantis'" in note.in_language("es")

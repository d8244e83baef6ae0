"""The profile's charts in the reader's language: what the Vega-Lite spec says."""

import json

import pytest

from geo.census.community import build_community_profile
from geo.census.profile_charts import build_section_chart, render_chart_png
from geo.i18n import translator
from tests.geo.conftest import T1, T2

ENGLISH = ("Share of", "Reliability", "High reliability", "Use with caution", "Interval (90%)")


@pytest.fixture
def profile(tiny_area):
    return build_community_profile(
        tiny_area, [T1, T2], title="Two tracts", rule="Picked by hand.", countries=("Nepal",)
    )


def _spec(profile, language=None, title="Citizenship"):
    section = next(s for s in profile.sections if s.title == title)
    if language is None:
        return build_section_chart(section, profile.vintage).to_dict(), section
    tr = translator(language).gettext
    chart = build_section_chart(section, profile.vintage, translate=tr, language=language)
    return chart.to_dict(), section


def _words(spec) -> dict:
    """The chart's own words: axis title, legend title and values, tooltip titles."""
    bars, errors = spec["layer"]
    enc = bars["encoding"]
    return {
        "x": enc["x"]["title"],
        "legend": enc["color"]["title"],
        "levels": enc["color"]["scale"]["domain"],
        "tooltips": [t.get("title") for t in enc["tooltip"] + errors["encoding"]["tooltip"]],
    }


def test_english_by_default(profile):
    spec, _ = _spec(profile)
    words = _words(spec)
    assert words["x"] == "Share of all residents (%), ± 90% MOE · ACS 2019-2023 5-year"
    assert words["legend"] == "Reliability"
    assert "High reliability" in words["levels"]
    assert spec["config"]["locale"]["number"]["decimal"] == "."


def test_spanish_axis_legend_and_tooltips(profile):
    spec, section = _spec(profile, "es")
    words = _words(spec)
    assert (
        words["x"] == "Proporción de todos los residentes (%), ± MOE del 90 % · "
        "ACS 2019-2023, estimaciones de 5 años"
    )
    assert words["legend"] == "Confiabilidad"
    assert words["levels"][:2] == ["Alta confiabilidad", "Usar con precaución"]
    assert words["tooltips"][0] == "title"  # the row's name heads the tooltip, unlabelled
    assert "Proporción ± MOE" in words["tooltips"] and "Intervalo (90 %)" in words["tooltips"]
    text = json.dumps(spec, ensure_ascii=False)
    for english in ENGLISH:
        assert english not in text, english
    # The axis writes 12,5 and the tooltip "12,5 % ± 2,1 %" as the Spanish table does.
    assert spec["config"]["locale"]["number"] == {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", ""],
    }
    rows = next(iter(spec["datasets"].values()))
    assert all("," in r["share_text"] and " ± " in r["share_text"] for r in rows)
    # Each bar's reliability is a level of the translated legend (else it draws no colour).
    assert {r["reliability"] for r in rows} <= set(words["levels"])
    # Census row labels are data: as recorded.
    assert {r["item"] for r in rows} <= set(section.rows["item"])


def test_arabic_axis_and_legend(profile):
    spec, _ = _spec(profile, "ar")
    words = _words(spec)
    # Set as right-to-left isolates, else Vega puts "90%" and the vintage out of place.
    assert words["x"].startswith("\u2067النسبة من جميع السكان") and words["x"].endswith("\u2069")
    assert words["legend"] == "\u2067الموثوقية\u2069"
    assert all(any("\u0600" <= c <= "\u06ff" for c in level) for level in words["levels"])
    text = json.dumps(spec, ensure_ascii=False)
    for english in ENGLISH:
        assert english not in text, english


def test_png_in_chinese_and_arabic_renders(profile):
    for language in ("zh", "ar"):
        section = next(s for s in profile.sections if s.title == "Citizenship")
        tr = translator(language).gettext
        chart = build_section_chart(section, profile.vintage, translate=tr, language=language)
        png = render_chart_png(chart)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_chosen_countries_row_in_the_readers_words_countries_as_recorded(profile):
    section = next(s for s in profile.sections if "Nepal" in set(s.rows["item"]))
    tr = translator("es").gettext
    chart = build_section_chart(
        section, profile.vintage, translate=tr, language="es", countries=("Nepal",)
    )
    items = [r["item"] for r in next(iter(chart.to_dict()["datasets"].values()))]
    assert "Países elegidos en conjunto (Nepal)" in items and "Nepal" in items
    assert not any(i.startswith("Chosen countries") for i in items)
    # Called without the chosen countries, the row stays as recorded.
    english = build_section_chart(section, profile.vintage, translate=tr, language="es")
    items = [r["item"] for r in next(iter(english.to_dict()["datasets"].values()))]
    assert "Chosen countries combined (Nepal)" in items

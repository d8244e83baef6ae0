"""The crosswalk from organizations' language codes to the 12 C16001 groups."""

import pytest

from geo.analysis.languages import (
    C16001_GROUPS,
    ENGLISH,
    crosswalk,
    language_group,
    languages_in_group,
)
from geo.census.acs import read_acs_folder
from geo.census.indicators import language_groups
from geo.config import DEMO_DIR
from geo.vocab import LANGUAGES


def test_the_twelve_groups_are_the_published_c16001_labels():
    assert len(C16001_GROUPS) == 12
    assert language_groups(read_acs_folder(DEMO_DIR / "acs")) == list(C16001_GROUPS)


def test_every_language_the_app_offers_has_a_group():
    assert {code: language_group(code) for code in LANGUAGES if language_group(code) is None} == {}


@pytest.mark.parametrize(
    ("language", "group"),
    [
        ("es", "Spanish"),
        ("ht", "French, Haitian, or Cajun"),
        ("Haitian Creole", "French, Haitian, or Cajun"),
        ("yi", "German or other West Germanic languages"),
        ("uk", "Russian, Polish, or other Slavic languages"),
        ("prs", "Other Indo-European languages"),
        ("Dari", "Other Indo-European languages"),
        ("pt-BR", "Other Indo-European languages"),
        ("yue", "Chinese (incl. Mandarin, Cantonese)"),
        ("fil", "Tagalog (incl. Filipino)"),
        ("kar", "Other Asian and Pacific Island languages"),
        ("ta", "Other Asian and Pacific Island languages"),
        ("AR", "Arabic"),
        ("so", "Other and unspecified languages"),
        ("ti", "Other and unspecified languages"),
        ("en", ENGLISH),
    ],
)
def test_language_group(language, group):
    assert language_group(language) == group


def test_languages_without_a_group_are_reported_not_dropped():
    walk = crosswalk(["es", "xx", "Elvish", "so", "xx"])
    assert walk.groups == {"es": "Spanish", "so": "Other and unspecified languages"}
    assert walk.unmapped == ("Elvish", "xx")


def test_languages_in_group_lists_codes_for_help_texts():
    assert languages_in_group("Korean") == ("ko",)
    assert "cmn" in languages_in_group("Chinese (incl. Mandarin, Cantonese)")
    assert languages_in_group("Klingon") == ()

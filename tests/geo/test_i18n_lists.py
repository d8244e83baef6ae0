"""Lists shown to people are joined as the interface language joins them."""

import pytest

from geo.i18n import PSEUDO, format_list, list_patterns

COUNTRIES = {
    "zh": ["墨西哥", "中国", "越南"],
    "ar": ["مصر", "العراق", "سوريا"],
    "fr": ["Mexique", "Chine", "Viêt Nam"],
    "es": ["México", "China", "Vietnam"],
    "en": ["Mexico", "China", "Vietnam"],
}


def test_chinese_lists_take_the_enumeration_comma_never_a_latin_comma():
    assert format_list(COUNTRIES["zh"], "zh") == "墨西哥、中国、越南"
    assert format_list(["墨西哥", "中国"], "zh") == "墨西哥、中国"
    assert format_list(["墨西哥", "中国"], "cmn") == "墨西哥、中国"  # Mandarin reads Chinese


def test_arabic_lists_join_with_waw_and_no_latin_comma():
    text = format_list(COUNTRIES["ar"], "ar")
    assert text == "مصر والعراق وسوريا"
    assert "," not in text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "Mexico, China, Vietnam"),
        ("es", "México, China y Vietnam"),  # Spanish keeps its "y" in a narrow list
        ("fr", "Mexique, Chine, Viêt Nam"),
    ],
)
def test_latin_script_lists_are_plain_enumerations(code, expected):
    assert format_list(COUNTRIES[code], code) == expected


def test_short_lists_and_codes_without_a_catalog():
    assert format_list([], "zh") == ""
    assert format_list(["Mexico"], "ar") == "Mexico"
    assert format_list(["a", "b"], PSEUDO) == "a, b"  # the pseudo-locale writes English
    assert format_list(["a", "b"], None) == "a, b"  # no language: as the command line prints
    assert format_list(["a", "b"], "xx") == "a, b"  # unknown code: English, no error


def test_items_escaped_for_html_stay_escaped():
    assert format_list(["A &amp; B", "&lt;C&gt;"], "zh") == "A &amp; B、&lt;C&gt;"


def test_a_label_that_holds_its_own_and_stays_one_item():
    labels = ["Immigration legal help", "English and adult education", "Food"]
    assert format_list(labels, "en") == "Immigration legal help, English and adult education, Food"
    assert format_list(["移民法律援助", "英语与成人教育"], "zh") == "移民法律援助、英语与成人教育"


def test_a_browser_script_can_list_with_the_same_patterns():
    assert list_patterns("zh")["middle"] == "{0}、{1}"
    assert list_patterns("ar")["2"] == "{0} و{1}"
    assert set(list_patterns("fr")) == {"2", "start", "middle", "end"}

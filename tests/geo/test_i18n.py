"""Interface languages: catalogs complete and in step with the code, locale formats, picker."""

import ast
import re
from datetime import date
from string import Formatter

import pytest
from babel.messages.pofile import read_po

from geo.catalogs import extract
from geo.i18n import (
    INTERFACE_LANGUAGES,
    LOCALE_DIR,
    PSEUDO,
    format_date,
    format_number,
    format_share,
    is_rtl,
    language_name,
    pick_language,
    translator,
)

TRANSLATED = [code for code in INTERFACE_LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return extract(tmp_path_factory.mktemp("pot") / "messages.pot")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_interface_string_is_translated_with_the_same_placeholders(code, template):
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=code)
    missing = [m.id for m in template if m.id and not (catalog.get(m.id) and catalog[m.id].string)]
    assert not missing, f"run `python -m geo i18n update` and translate: {missing[:5]}"
    for message in template:
        if not message.id:
            continue
        translated = catalog[message.id].string
        if isinstance(message.id, tuple):  # plural: each form names only the msgid's fields;
            wanted = _fields(message.id[1])  # a singular or dual form may spell the number out
            forms = [_fields(form) for form in translated]
            assert len(forms) == catalog.num_plurals, message.id  # Arabic has six forms
            assert all(form <= wanted for form in forms), message.id
            assert forms[-1] == wanted, message.id  # the general ("other") form names them all
        else:
            assert _fields(translated) == _fields(message.id), message.id


@pytest.mark.parametrize(
    ("browser", "expected"),
    [
        ("ar-EG", "ar"),
        ("zh-CN", "zh"),
        ("fr-CA", "fr"),
        ("es-419", "es"),
        ("de-DE", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_browser_language_picks_the_interface(browser, expected):
    assert pick_language(browser) == expected


def test_catalogs_translate_and_the_pseudo_locale_marks():
    assert translator("es").gettext("Help handouts") == "Folletos de ayuda"
    assert translator("cmn").gettext("Phone") == "电话"  # Mandarin reads the Chinese catalog
    assert translator("so").gettext("Phone") == "Phone"  # no Somali catalog yet: English
    assert translator(PSEUDO).gettext("Phone") == "⟦Phone⟧"


def test_numbers_dates_and_direction_follow_the_locale():
    assert format_number(12345.6, "en") == "12,346"
    assert format_number(12345.6, "fr") == "12\u202f346"
    assert format_number(0.5, "es", 1) == "0,5"
    assert format_share(0.253, "fr") == "25,3\u00a0%"
    assert format_date(date(2026, 12, 2), "zh") == "2026年12月2日"
    assert (is_rtl("ar"), is_rtl("fr")) == (True, False)
    assert language_name("ar") == "العربية"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_plural_form_is_written(code, template):
    """Arabic has six plural forms (zero, one, two, few, many, other): none may stay empty,
    or gettext shows the English text for the counts that fall in it."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=code)
    plurals = [m.id for m in template if isinstance(m.id, tuple)]
    empty = [p[0] for p in plurals if not all(catalog[p[0]].string)]
    assert plurals and not empty, empty[:5]
    if code == "ar":
        said = {
            n: translator("ar").ngettext("{count} organization", "{count} organizations", n)
            for n in (0, 1, 2, 3, 11, 100)
        }
        assert len(set(said.values())) >= 4, said  # zero/one/two/few differ from each other


def test_counted_interface_text_uses_plural_entries_not_parenthesised_plurals(template):
    """'{n} stop(s)' cannot be translated well (Arabic needs six forms): use n_()."""
    found = [m.id for m in template if isinstance(m.id, str) and re.search(r"\w\((s|es)\)", m.id)]
    assert not found, found


def test_every_n_call_in_the_code_is_a_plural_entry_of_the_catalogs(template):
    """A call marked for the catalogs inside an ``n_()`` call can hide its plural from Babel's
    extractor (then ``ngettext`` finds no entry and shows English): each must be extracted."""
    root = LOCALE_DIR.parent
    plurals = {m.id[0] for m in template if isinstance(m.id, tuple)}
    calls = []
    for path in [
        root / "app.py",
        *sorted((root / "geo").rglob("*.py")),
        *(root / "ui").rglob("*.py"),
        *(root / "pages").rglob("*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "n_"
                and len(node.args) >= 2
                and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2]
                )
            ):
                calls.append((path.relative_to(root), node.args[0].value))
    assert len(calls) > 30
    assert [c for c in calls if c[1] not in plurals] == []

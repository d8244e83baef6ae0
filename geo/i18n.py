"""Interface languages: gettext catalogs read with Babel, plus locale-aware numbers and dates.

The app's own words live in ``locale/<code>/LC_MESSAGES/messages.po`` (extracted from the
code with ``pybabel extract``, see README "Adding a language"). Catalogs are compiled in
memory with Babel when first used, so there is no build step and no binary file in the
repository. Data (organization names, addresses, notes) never passes through a catalog.

The pseudo-locale ``qps`` wraps every translated string in ``⟦…⟧``: a page run in it shows
at a glance (and a test finds) any interface text that bypassed the catalogs.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

__all__ = [
    "N_",
    "DEFAULT",
    "cldr_locale",
    "english_n",
    "INTERFACE_LANGUAGES",
    "LOCALE_DIR",
    "PSEUDO",
    "PseudoTranslations",
    "format_date",
    "format_list",
    "format_number",
    "format_share",
    "has_catalog",
    "is_rtl",
    "language_name",
    "language_names",
    "list_patterns",
    "pick_language",
    "translator",
]

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DEFAULT = "en"
PSEUDO = "qps"  # the "pseudo-locale" tag Windows uses (qps-ploc); not a real language
# Interface languages offered in the picker, in their own names' order of the catalog list.
INTERFACE_LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "ar", "zh")
# Language codes of the directory that read one of the catalogs (Mandarin -> Chinese).
_ALIASES = {"cmn": "zh", "zh_Hans": "zh", "zh_CN": "zh"}
OPEN, CLOSE = "⟦", "⟧"


class PseudoTranslations(gettext.NullTranslations):
    """Marks every string that went through the catalog: ``⟦Save⟧``."""

    def gettext(self, message: str) -> str:  # noqa: D102 - gettext API
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:  # noqa: D102
        return f"{OPEN}{msgid1 if n == 1 else msgid2}{CLOSE}"


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark interface text defined in ``geo/`` for the catalogs; ``ui`` translates it when shown.

    ``geo`` never knows the session's language, so its labels stay English here and pass
    through ``ui.i18n._`` at display time (``python -m geo i18n update`` extracts them).
    """
    return text


def english_n(singular: str, plural: str, count: int) -> str:
    """English plural choice: the default ``n_`` of geo builders that take one (no catalog)."""
    return singular if count == 1 else plural


@lru_cache(maxsize=16)
def translator(code: str) -> gettext.NullTranslations:
    """The gettext translations of ``code`` (English words where it has no catalog).

    Parameters
    ----------
    code : str
        An interface language (``es``), a directory language code (``cmn``), or
        :data:`PSEUDO`.
    """
    if code == PSEUDO:
        return PseudoTranslations()
    code = _ALIASES.get(code, code)
    po = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # Babel compiles in memory; fuzzy entries are left out
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def has_catalog(code: str) -> bool:
    """True when a catalog writes the app's words in ``code`` (``so``: not yet; ``en``: source)."""
    return isinstance(translator(code), gettext.GNUTranslations | PseudoTranslations)


def _locale(code: str) -> Locale:
    try:
        return Locale.parse(_ALIASES.get(code, code) if code != PSEUDO else DEFAULT)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


def cldr_locale(code: str) -> Locale:
    """Babel's locale for a language code (``cmn`` reads Chinese; English when Babel has none
    and in the pseudo-locale), for modules that write dates or names with Babel."""
    return _locale(code)


def pick_language(browser_locale: str | None) -> str:
    """The interface language for a browser's language (``ar-EG`` -> ``ar``), else English."""
    if not browser_locale:
        return DEFAULT
    wanted = [browser_locale.replace("-", "_"), browser_locale.split("-")[0].split("_")[0]]
    return negotiate_locale(wanted, list(INTERFACE_LANGUAGES)) or DEFAULT


def is_rtl(code: str) -> bool:
    """True for languages written right to left (Arabic, Persian, Urdu, Hebrew...)."""
    return _locale(code).character_order == "right-to-left"


def language_name(code: str) -> str:
    """A language's name in itself, for the picker (``ar`` -> ``العربية``)."""
    return _locale(code).get_display_name(_locale(code)) or code


# Directory codes CLDR names under another tag (Dari is Persian as written in Afghanistan).
_CLDR_LANGUAGE = {"prs": "fa_AF"}


def language_names(
    codes: Iterable[str], code: str, labels: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each language code's name in the reader's language ``code``: ``so`` -> ``somalí`` (es).

    Parameters
    ----------
    codes : iterable of str
        Language codes as stored (``so``, ``prs``, ``pt-BR``); repeats are fine.
    code : str
        The interface language the names are written in.
    labels : mapping, optional
        English labels for codes CLDR does not name (``geo.vocab.LANGUAGES``: ``kar`` ->
        ``Karen``), said through the catalog of ``code``.

    Returns
    -------
    dict
        Code -> name. CLDR's name (reviewed by native speakers) where Babel has one; else the
        catalog's label followed by the code (``Karen (kar)``); else the code as stored. When
        two codes would read alike, both keep their code (``chino (zh)``) so they can be told
        apart. In the pseudo-locale each name is marked like a catalog string.
    """
    locale = _locale(code)
    pseudo = code == PSEUDO
    names: dict[str, str] = {}
    for item in dict.fromkeys(codes):
        tag = item.strip().replace("-", "_")
        name = locale.languages.get(_CLDR_LANGUAGE.get(tag, tag))
        if not name and labels and tag in labels:
            name = f"{translator(code).gettext(labels[tag])} ({item})"
        elif name and pseudo:
            name = f"{OPEN}{name}{CLOSE}"
        names[item] = name or item
    alike: dict[str, list[str]] = {}
    for item, name in names.items():
        alike.setdefault(name.casefold(), []).append(item)
    for items in alike.values():
        if len(items) > 1:
            names.update({i: f"{names[i]} ({i})" for i in items if not names[i].endswith(f"({i})")})
    return names


def format_number(value: float, code: str, decimals: int = 0) -> str:
    """``12345.6`` -> ``12,346`` (en), ``12 346`` (fr), digits as the locale writes them."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(code))


def format_share(value: float, code: str, decimals: int = 1) -> str:
    """A share as a percentage (one decimal unless told), as the locale writes it."""
    locale = _locale(code)
    places = "." + "0" * decimals if decimals else ""
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0" + places, 1)
    return format_percent(value, format=pattern, locale=locale)


def format_date(value: date | datetime, code: str) -> str:
    """A date in the locale's medium form (``Dec 2, 2026``, ``2 déc. 2026``)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="medium", locale=_locale(code))


def date_box_format(code: str) -> str:
    """The order a date box shows day, month and year in, as the language writes dates.

    Streamlit's date box knows three orders (``YYYY/MM/DD``, ``DD/MM/YYYY``,
    ``MM/DD/YYYY``) and three separators; the language's short date pattern (CLDR: ``M/d/yy``
    in American English, ``dd.MM.yy`` in German) picks the nearest, so a French librarian
    reads 03/12/2026 and not 2026/12/03.
    """
    pattern = _locale(code).date_formats["short"].pattern
    fields = [c for c in dict.fromkeys(pattern.lower()) if c in "dmy"]
    if fields[:1] == ["y"]:
        order = "YYYY/MM/DD"
    else:
        order = "MM/DD/YYYY" if fields[:1] == ["m"] else "DD/MM/YYYY"
    separator = next((c for c in pattern if c in "/-."), "/")
    return order.replace("/", separator)


def format_list(items: Iterable[str], code: str | None = None) -> str:
    """Items joined as the language enumerates them: ``墨西哥、中国、越南``, ``مصر والعراق``.

    Parameters
    ----------
    items : iterable of str
        Words already in the reader's language (labels translated, data as typed); an
        item escaped for HTML stays escaped: the separators need no escaping.
    code : str, optional
        The interface language; English without one, in the pseudo-locale and for codes
        Babel lacks (English lists are ``Spanish, French, Arabic``: what the command line
        and the files always printed).

    Notes
    -----
    CLDR's ``standard-narrow`` list, the plain enumeration: ``Spanish, French, Arabic``,
    ``espagnol, français, arabe``, ``西班牙语、法语、阿拉伯语``; Spanish and Arabic keep
    their conjunction there (``español, francés y árabe``, ``الإسبانية والفرنسية والعربية``).
    The labels listed often hold a conjunction of their own ("English and adult
    education", "英语与成人教育"), so a final "and" would blur where an item ends
    ("Immigration legal help and English and adult education"); ``standard`` adds one
    in English, French and Chinese. ``unit``/``unit-short`` do not fit either: Chinese
    items written with nothing between them, failures in Spanish, a repeated item in
    two-item Arabic lists (Babel 2.18). Babel 2.18 does not resolve a style's
    missing patterns (``babel.lists.format_list(..., style="standard-narrow")`` raises
    ``KeyError`` in French and Chinese), so the patterns are read from its CLDR data
    with CLDR's fallback (narrow, then short, then standard).
    """
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    patterns = list_patterns(code or DEFAULT)
    if _spanish_e(words[-1], code):  # "oromo e inglés", never "oromo y inglés"
        patterns = {k: v.replace(" y {1}", " e {1}") for k, v in patterns.items()}
    if len(words) == 2:
        return patterns["2"].format(*words)
    text = patterns["start"].format(words[0], words[1])
    for word in words[2:-1]:
        text = patterns["middle"].format(text, word)
    return patterns["end"].format(text, words[-1])


def _spanish_e(last: str, code: str | None) -> bool:
    """Spanish writes "e" for "and" before the sound /i/ (``inglés``, ``hindi``; not ``hierro``)."""
    if not code or code == PSEUDO or _locale(code).language != "es":
        return False
    word = last.casefold().lstrip("\u2066\u2067\u2068\u2069")
    word = word[1:] if word.startswith("h") else word
    return word[:1] in ("i", "í") and word[1:2] not in ("a", "e", "o", "u")


@lru_cache(maxsize=32)
def list_patterns(code: str) -> dict[str, str]:
    """The patterns :func:`format_list` joins with (``2``, ``start``, ``middle``, ``end``:
    ``{0}、{1}`` in Chinese), for a browser script that lists as the server does."""
    patterns: dict[str, str] = {}
    for style in ("standard", "standard-short", "standard-narrow"):  # CLDR width fallback
        patterns.update(_locale(code).list_patterns.get(style, {}))
    return patterns

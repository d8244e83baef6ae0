"""Free text -> our vocabularies: service categories by keyword, language names -> ISO codes.

Keyword rules are deliberately simple and ordered (first rule that fits wins per phrase);
they serve HSDS taxonomy names, HSDS service names and free-text category columns.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from geo import vocab
from geo.db.records import LanguageServed

DEFAULT_CATEGORY = "social"
UNKNOWN_LANGUAGE = "und"  # ISO 639-2/639-3 "undetermined": the free note keeps the text
NOTE_MAX_CHARS = 300  # languages.note is VARCHAR(300)

# (category, words or word stems); matched on word starts in casefolded text.
CATEGORY_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("resettlement", ("refugee", "resettle", "asylee", "asylum")),
    (
        "legal",
        (
            "immigration",
            "immigrant legal",
            "legal",
            "naturaliz",
            "citizenship",
            "deportation",
            "visa",
            "attorney",
            "law ",
        ),
    ),
    (
        "english",
        (
            "esl",
            "english",
            "literacy",
            "adult education",
            "adult basic",
            "ged",
            "language class",
            "tutoring",
        ),
    ),
    ("employment", ("employ", "job", "career", "workforce", "vocational")),
    ("health", ("health", "medical", "clinic", "dental", "mental", "counsel", "hospital")),
    ("housing", ("housing", "shelter", "homeless", "rent", "eviction")),
    ("food", ("food", "meal", "pantry", "nutrition", "snap", "wic")),
    ("youth", ("youth", "child", "after school", "after-school", "teen", "school", "kid")),
    ("faith", ("church", "mosque", "temple", "synagogue", "faith", "congregation", "ministr")),
    ("cultural", ("cultural", "culture", "community association", "heritage", "diaspora")),
    ("business", ("business", "market", "grocery", "restaurant", "store", "shop")),
)
_CATEGORY_BY_TEXT = {
    **{key: key for key in vocab.SERVICE_CATEGORIES},
    **{label.casefold(): key for key, label in vocab.SERVICE_CATEGORIES.items()},
}
# Names beyond geo.vocab.LANGUAGES met in real files (ISO 639-1, else 639-3).
EXTRA_LANGUAGE_NAMES: dict[str, str] = {
    "creole": "ht",
    "haitian-creole": "ht",
    "kreyol": "ht",
    "kreyòl": "ht",
    "farsi": "fa",
    "mandarin chinese": "cmn",
    "taiwanese": "nan",
    "hebrew": "he",
    "yiddish": "yi",
    "italian": "it",
    "german": "de",
    "greek": "el",
    "dutch": "nl",
    "japanese": "ja",
    "polish": "pl",
    "romanian": "ro",
    "turkish": "tr",
    "thai": "th",
    "lao": "lo",
    "khmer": "km",
    "hmong": "hmn",
    "albanian": "sq",
    "armenian": "hy",
    "serbian": "sr",
    "croatian": "hr",
    "bosnian": "bs",
    "icelandic": "is",
    "norwegian": "no",
    "swedish": "sv",
    "danish": "da",
    "finnish": "fi",
    "hungarian": "hu",
    "czech": "cs",
    "slovak": "sk",
    "georgian": "ka",
    "tamil": "ta",
    "telugu": "te",
    "gujarati": "gu",
    "marathi": "mr",
    "malayalam": "ml",
    "indonesian": "id",
    "malay": "ms",
    "hausa": "ha",
    "yoruba": "yo",
    "igbo": "ig",
    "wolof": "wo",
    "fulani": "ff",
    "kirundi": "rn",
    "tibetan": "bo",
    "uzbek": "uz",
    "american sign language": "ase",
    "asl": "ase",
    "sign language": "sgn",
    "espanol": "es",
    "español": "es",
    "chinese": "zh",
    "cantonese": "yue",
}
_LANGUAGE_BY_NAME = {
    **{name.casefold(): code for code, name in vocab.LANGUAGES.items()},
    **EXTRA_LANGUAGE_NAMES,
}
# Longest names first so "Haitian Creole" wins over "Creole".
_LANGUAGE_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(n) for n in sorted(_LANGUAGE_BY_NAME, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_CODE = re.compile(r"^[a-z]{2,3}$")
_KNOWN_CODES = set(vocab.LANGUAGES) | set(EXTRA_LANGUAGE_NAMES.values()) | {UNKNOWN_LANGUAGE}


def classify_text(text: str) -> list[str]:
    """Category keys whose keywords appear in ``text`` (see :func:`_classify`)."""
    return list(_classify(text))


@functools.lru_cache(maxsize=16384)
def _classify(text: str) -> tuple[str, ...]:
    """Category keys whose keywords appear in ``text`` (may be empty).

    Examples
    --------
    >>> classify_text("Immigration/Naturalization Legal Services")
    ['legal']
    >>> classify_text("English as a Second Language")
    ['english']
    """
    folded = " " + re.sub(r"[^\w]+", " ", text.casefold()) + " "
    exact = _CATEGORY_BY_TEXT.get(text.strip().casefold())
    if exact:
        return (exact,)
    # A feed repeats the same taxonomy names thousands of times: hence the cache.
    return tuple(key for key, words in CATEGORY_RULES if any(f" {w}" in folded for w in words))


def classify_categories(
    texts: Iterable[str], *, default: str | None = DEFAULT_CATEGORY
) -> list[str]:
    """Category keys for a set of phrases (taxonomy names, service names, a category cell).

    Each phrase that is a category key or label maps exactly; others go through
    :data:`CATEGORY_RULES`. When nothing matches, ``[default]`` (``'social'``), or ``[]``
    when ``default`` is None or there were no phrases.
    """
    phrases = [t for t in texts if t and t.strip()]
    found: dict[str, None] = {}
    for phrase in phrases:
        for key in classify_text(phrase):
            found.setdefault(key, None)
    if not found and phrases and default:
        return [default]
    return list(found)


def _language_items(text: str) -> list[str]:
    """Split a languages cell: ';' first, else ',', '/', '|' (not when notes use ':')."""
    text = text.replace("\\n", "\n")
    if ";" in text or "\n" in text:
        parts = re.split(r"[;\n]", text)
    elif ":" in text:
        parts = [text]
    else:
        parts = re.split(r"[,/|]", text)
    return [p.strip() for p in parts if p.strip()]


def _coded(item: str) -> LanguageServed | None:
    """'es', 'ES', 'es: note' or 'und:Creole' -> LanguageServed; None when not a code."""
    code, sep, note = item.partition(":")
    code = code.strip().lower()
    if _CODE.match(code) and (code in _KNOWN_CODES or sep):
        return LanguageServed(code=code, note=note.strip()[:NOTE_MAX_CHARS])
    return None


def parse_languages(values: Iterable[str]) -> tuple[LanguageServed, ...]:
    """Language cells (codes, names or free text) -> languages served, nothing dropped.

    A known name or code becomes its ISO code (the original text kept as the note when it
    says more, e.g. 'Spanish (limited)'); text naming no known language is kept in the
    note of one ``'und'`` (undetermined) entry.

    Examples
    --------
    >>> [str(x) for x in parse_languages(["Spanish; Haitian Creole", "Tigrigna"])]
    ['es', 'ht', 'und: Tigrigna']
    """
    by_code: dict[str, LanguageServed] = {}
    unknown: list[str] = []
    for value in values:
        for item in _language_items(str(value)):
            for found in _language_matches(item):
                by_code.setdefault(found.code, found)
            if not _language_matches(item):
                unknown.append(item)
    if unknown:
        previous = by_code.pop(UNKNOWN_LANGUAGE, None)
        notes = ([previous.note] if previous and previous.note else []) + unknown
        by_code[UNKNOWN_LANGUAGE] = LanguageServed(
            code=UNKNOWN_LANGUAGE, note=" | ".join(dict.fromkeys(notes))[:NOTE_MAX_CHARS]
        )
    return tuple(by_code.values())


def _language_matches(item: str) -> list[LanguageServed]:
    coded = _coded(item)
    if coded is not None:
        return [coded]
    names = [m.group(1).casefold() for m in _LANGUAGE_PATTERN.finditer(item)]
    codes = list(dict.fromkeys(_LANGUAGE_BY_NAME[n] for n in names))
    plain = item.strip().casefold() in _LANGUAGE_BY_NAME
    note = "" if plain else item[:NOTE_MAX_CHARS]
    return [LanguageServed(code=code, note=note) for code in codes]

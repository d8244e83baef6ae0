"""Crosswalk from the languages organizations serve to the 12 language groups of ACS C16001.

Organizations record languages as ISO 639-1 codes (639-3 where no two-letter code exists:
``prs`` Dari, ``kar`` Karen, ``cmn`` Mandarin, ``yue`` Cantonese); imported files sometimes
carry English names instead ("Haitian Creole"). Census table C16001 ("Language spoken at home
for the population 5 years and over", ACS 2016 onwards) counts speakers in 12 groups.

Where each language goes follows the Census Bureau's 2016 language coding (ISO 639-3 based)
and its 12-group presentation: Gambino, *American Community Survey Redesign of
Language-Spoken-at-Home Data, 2016*, SEHSD Working Paper 2018-31, and the Bureau's "Note for
Language Spoken at Home from the 2016 ACS". In short: Portuguese, Italian, Greek, the
Scandinavian, Baltic, Celtic, Iranian (Persian, Dari, Pashto, Kurdish) and Indic languages
(Hindi, Urdu, Bengali, Punjabi, Gujarati, Nepali) are "Other Indo-European"; the Dravidian
(Tamil, Telugu, Malayalam), Tibeto-Burman (Burmese, Karen, Dzongkha), Tai-Kadai, Austronesian
other than Tagalog, Japanese, Hmong and Khmer are "Other Asian and Pacific Island"; African,
Semitic other than Arabic (Amharic, Tigrinya, Hebrew), Uralic, Turkic and Native American
languages are "Other and unspecified". Yiddish, Dutch and Afrikaans are West Germanic.

A language that maps to no group is never dropped silently: :func:`crosswalk` returns it in
``unmapped`` so the page and the command line can say which organizations were not counted.
English maps to :data:`ENGLISH`, the C16001 line "Speak only English", not a group of need.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SPANISH = "Spanish"
FRENCH = "French, Haitian, or Cajun"
GERMANIC = "German or other West Germanic languages"
SLAVIC = "Russian, Polish, or other Slavic languages"
INDO_EUROPEAN = "Other Indo-European languages"
KOREAN = "Korean"
CHINESE = "Chinese (incl. Mandarin, Cantonese)"
VIETNAMESE = "Vietnamese"
TAGALOG = "Tagalog (incl. Filipino)"
ASIAN_PACIFIC = "Other Asian and Pacific Island languages"
ARABIC = "Arabic"
OTHER = "Other and unspecified languages"
ENGLISH = "Speak only English"

# The 12 groups in the order of table C16001 (labels exactly as published, 2016 onwards).
C16001_GROUPS: tuple[str, ...] = (
    SPANISH,
    FRENCH,
    GERMANIC,
    SLAVIC,
    INDO_EUROPEAN,
    KOREAN,
    CHINESE,
    VIETNAMESE,
    TAGALOG,
    ASIAN_PACIFIC,
    ARABIC,
    OTHER,
)

_BY_GROUP: dict[str, tuple[tuple[str, str], ...]] = {
    # group: ((code, English name), ...)
    SPANISH: (("es", "Spanish"), ("spa", "Castilian")),
    FRENCH: (("fr", "French"), ("ht", "Haitian Creole"), ("frc", "Cajun French")),
    GERMANIC: (
        ("de", "German"),
        ("yi", "Yiddish"),
        ("nl", "Dutch"),
        ("af", "Afrikaans"),
        ("pdc", "Pennsylvania German"),
        ("lb", "Luxembourgish"),
    ),
    SLAVIC: (
        ("ru", "Russian"),
        ("pl", "Polish"),
        ("uk", "Ukrainian"),
        ("be", "Belarusian"),
        ("cs", "Czech"),
        ("sk", "Slovak"),
        ("bg", "Bulgarian"),
        ("mk", "Macedonian"),
        ("sl", "Slovenian"),
        ("sr", "Serbian"),
        ("hr", "Croatian"),
        ("bs", "Bosnian"),
        ("sh", "Serbo-Croatian"),
    ),
    INDO_EUROPEAN: (
        ("pt", "Portuguese"),
        ("it", "Italian"),
        ("el", "Greek"),
        ("ro", "Romanian"),
        ("sq", "Albanian"),
        ("hy", "Armenian"),
        ("lt", "Lithuanian"),
        ("lv", "Latvian"),
        ("ga", "Irish"),
        ("sv", "Swedish"),
        ("no", "Norwegian"),
        ("da", "Danish"),
        ("fa", "Persian"),
        ("prs", "Dari"),
        ("ps", "Pashto"),
        ("ku", "Kurdish"),
        ("hi", "Hindi"),
        ("ur", "Urdu"),
        ("bn", "Bengali"),
        ("pa", "Punjabi"),
        ("gu", "Gujarati"),
        ("mr", "Marathi"),
        ("ne", "Nepali"),
        ("si", "Sinhala"),
        ("rom", "Romani"),
    ),
    KOREAN: (("ko", "Korean"),),
    CHINESE: (
        ("zh", "Chinese"),
        ("cmn", "Mandarin"),
        ("yue", "Cantonese"),
        ("nan", "Min Nan (Taiwanese)"),
        ("hak", "Hakka"),
        ("wuu", "Wu (Shanghainese)"),
    ),
    VIETNAMESE: (("vi", "Vietnamese"),),
    TAGALOG: (("tl", "Tagalog"), ("fil", "Filipino")),
    ASIAN_PACIFIC: (
        ("ja", "Japanese"),
        ("hmn", "Hmong"),
        ("km", "Khmer"),
        ("th", "Thai"),
        ("lo", "Lao"),
        ("my", "Burmese"),
        ("kar", "Karen"),
        ("dz", "Dzongkha"),
        ("bo", "Tibetan"),
        ("mn", "Mongolian"),
        ("ta", "Tamil"),
        ("te", "Telugu"),
        ("ml", "Malayalam"),
        ("kn", "Kannada"),
        ("id", "Indonesian"),
        ("ms", "Malay"),
        ("ilo", "Ilocano"),
        ("ceb", "Cebuano"),
        ("sm", "Samoan"),
        ("to", "Tongan"),
        ("haw", "Hawaiian"),
        ("ch", "Chamorro"),
        ("mh", "Marshallese"),
    ),
    ARABIC: (("ar", "Arabic"),),
    OTHER: (
        ("he", "Hebrew"),
        ("am", "Amharic"),
        ("ti", "Tigrinya"),
        ("om", "Oromo"),
        ("so", "Somali"),
        ("sw", "Swahili"),
        ("ln", "Lingala"),
        ("rw", "Kinyarwanda"),
        ("rn", "Kirundi"),
        ("yo", "Yoruba"),
        ("ig", "Igbo"),
        ("ha", "Hausa"),
        ("tw", "Twi"),
        ("wo", "Wolof"),
        ("ff", "Fula"),
        ("mnk", "Mandinka"),
        ("hu", "Hungarian"),
        ("fi", "Finnish"),
        ("tr", "Turkish"),
        ("uz", "Uzbek"),
        ("nv", "Navajo"),
    ),
    ENGLISH: (("en", "English"),),
}

_LOOKUP: dict[str, str] = {
    key.casefold(): group
    for group, languages in _BY_GROUP.items()
    for code, name in languages
    for key in (code, name)
}
_LOOKUP.update({"haitian": FRENCH, "creole": FRENCH, "farsi": INDO_EUROPEAN})


def language_group(language: str) -> str | None:
    """The C16001 group of one language code or English name; None when it maps to none.

    Example: ``language_group("prs")`` and ``language_group("Dari")`` give
    ``"Other Indo-European languages"``; ``language_group("en")`` gives :data:`ENGLISH`.
    """
    key = language.strip().casefold()
    return _LOOKUP.get(key) or _LOOKUP.get(key.split("-")[0].split("_")[0])


def languages_in_group(group: str) -> tuple[str, ...]:
    """The language codes the crosswalk puts in ``group`` (for help texts)."""
    return tuple(code for code, _ in _BY_GROUP.get(group, ()))


@dataclass(frozen=True, kw_only=True)
class Crosswalk:
    """Languages seen, split into those with a group and those without."""

    groups: dict[str, str]  # language as written -> C16001 group (or ENGLISH)
    unmapped: tuple[str, ...]  # languages as written that map to no group, sorted


def crosswalk(languages: Iterable[str]) -> Crosswalk:
    """Map every language to its group; report (never drop) the ones that map to none."""
    groups: dict[str, str] = {}
    unmapped: set[str] = set()
    for language in languages:
        group = language_group(language)
        if group is None:
            unmapped.add(language)
        else:
            groups[language] = group
    return Crosswalk(groups=groups, unmapped=tuple(sorted(unmapped)))

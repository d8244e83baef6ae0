"""Controlled vocabularies shared by the demo city, the map, imports and the database.

Keys are stable slugs stored in files and the database; labels are what users read.
"""

from __future__ import annotations

from geo.i18n import N_

SERVICE_CATEGORIES: dict[str, str] = {
    "resettlement": "Refugee resettlement",
    "english": "English and adult education",
    "legal": "Immigration legal help",
    "employment": "Employment",
    "health": "Health",
    "housing": "Housing",
    "food": "Food",
    "youth": "Children and youth",
    "faith": "Faith communities",
    "cultural": "Cultural and community associations",
    "business": "Ethnic businesses",
    "social": "Social services",
}

# One colour per category, from ColorBrewer's qualitative sets (Set1, Set2, Set3, Dark2), chosen
# so every pair stays apart for people with protan, deutan or tritan colour vision (CAM02-UCS
# distance >= 8 after simulating each, checked by tests/geo/test_colours.py); the site marks
# have a dark outline, so the light fills keep their contrast on the map.
CATEGORY_COLOURS: dict[str, str] = {
    "resettlement": "#e7298a",
    "english": "#377eb8",
    "legal": "#6a3d9a",
    "employment": "#66a61e",
    "health": "#fb8072",
    "housing": "#a65628",
    "food": "#a6d854",
    "youth": "#8dd3c7",
    "faith": "#bebada",
    "cultural": "#e5c494",
    "business": "#8da0cb",
    "social": "#666666",
}

# The community entry techniques of the asset-mapping practice.
ENTRY_TECHNIQUES: dict[str, str] = {
    "introduction": N_("Third-party introduction"),
    "walkabout": N_("Door-to-door / neighbourhood walkabout"),
    "word_of_mouth": N_("Word of mouth"),
    "event": N_("Community event"),
    "outreach": N_("Outreach activity"),
}

BRANCH_SERVICES: dict[str, str] = {
    "esl": "ESL conversation circles",
    "citizenship": "Citizenship classes",
    "jobs": "Job-seeking help",
    "homework": "Homework help",
    "world_languages": "World-language collections",
}

# ISO 639-1 where it exists, else ISO 639-3 (prs Dari, kar Karen, yue Cantonese, cmn Mandarin).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ht": "Haitian Creole",
    "pt": "Portuguese",
    "zh": "Chinese",
    "cmn": "Mandarin",
    "yue": "Cantonese",
    "vi": "Vietnamese",
    "ko": "Korean",
    "tl": "Tagalog",
    "bn": "Bengali",
    "hi": "Hindi",
    "pa": "Punjabi",
    "ur": "Urdu",
    "ne": "Nepali",
    "dz": "Dzongkha",
    "my": "Burmese",
    "kar": "Karen",
    "ps": "Pashto",
    "prs": "Dari",
    "fa": "Persian",
    "ar": "Arabic",
    "ku": "Kurdish",
    "uk": "Ukrainian",
    "ru": "Russian",
    "so": "Somali",
    "am": "Amharic",
    "ti": "Tigrinya",
    "om": "Oromo",
    "sw": "Swahili",
    "ln": "Lingala",
    "rw": "Kinyarwanda",
}


def split_list(value: object) -> list[str]:
    """Split a `;`-separated cell into trimmed, non-empty items (files store lists this way)."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [item.strip() for item in str(value).split(";") if item.strip()]


def count_noun(count: int, noun: str) -> str:
    """'1 data row', '2 data rows', '0 features': a count with its noun, in the right number.

    Examples
    --------
    >>> count_noun(1, "data row"), count_noun(3, "feature")
    ('1 data row', '3 features')
    """
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"

"""Opening hours of the demo organizations, in OpenStreetMap ``opening_hours`` syntax.

Illustrative only: each organization gets a pattern typical of its kind (offices on weekdays,
ESL classes in the evenings, worship at the weekend, shops long days all week, clinics with a
Saturday morning) and about one in seven has none, as a real community scan finds. The hours
have their own random generator, so adding them left every other demo value as it was.

No "by appointment" entries: a lone comment such as ``"by appointment"`` is read by the OSM
parser as open all day, every day, which would tell a newcomer the wrong thing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Chance that a scan found no hours, by category (informal groups post them least often).
_UNKNOWN = {
    "business": 0.08,
    "health": 0.08,
    "resettlement": 0.08,
    "legal": 0.10,
    "english": 0.12,
    "employment": 0.12,
    "housing": 0.15,
    "food": 0.15,
    "youth": 0.20,
    "social": 0.20,
    "faith": 0.22,
    "cultural": 0.30,
}
_OFFICE = (
    "Mo-Fr 09:00-17:00",
    "Mo-Fr 08:30-16:30",
    "Mo-Th 09:00-17:00; Fr 09:00-13:00",
)
# A word in the name picks the pattern before the category does (first match wins).
_BY_WORD: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("Pharmacy",), ("Mo-Fr 08:00-21:00; Sa 09:00-18:00; Su 10:00-16:00",)),
    (("Dental",), ("Mo-Th 08:00-18:00; Fr 08:00-14:00; Sa 09:00-13:00",)),
    (("Mobile Health Van",), ("Tu,Th 10:00-15:00; Sa 09:00-12:00", "Mo,We 09:00-14:00")),
    (("Peer Support",), ("We 18:00-20:00", "Tu 18:30-20:00; Sa 10:00-12:00")),
    (("Community Fridge",), ("24/7",)),
    (("Farmers' Market",), ("Sa 08:00-13:00", "Sa 08:00-13:00; We 15:00-19:00")),
    (("Community Kitchen",), ("Mo-Fr 11:30-14:00", "Tu,Th,Sa 12:00-15:00")),
    (("Evening ESL", "Parents' English"), ("Mo,We 18:00-20:30", "Tu,Th 18:30-20:30")),
    (("Women's English",), ("Tu,Th 10:00-12:00", "Mo,We 09:30-11:30")),
    (("Adult Learning", "Adult ESL", "Literacy"), ("Mo-Th 09:00-21:00; Fr 09:00-15:00",)),
    (("Senior Center",), ("Mo-Fr 08:30-16:00",)),
    (("Homework Club",), ("Mo-Th 15:00-18:00",)),
    (("Summer Camp",), ("Mo-Fr 09:00-15:00",)),
    (("Soccer",), ("We 17:00-19:00; Sa 09:00-12:00", "Tu,Th 17:30-19:30; Su 10:00-12:00")),
    (("Dance",), ("Fr 18:00-20:00; Su 14:00-17:00", "Sa 13:00-16:00")),
    (("Tenants' Union",), ("Tu 18:30-20:30; Sa 10:00-13:00",)),
    (("Realty", "Driving School"), ("Mo-Sa 09:00-19:00", "Mo-Fr 10:00-19:00; Sa 10:00-16:00")),
    (("Masjid", "Mosque"), ("Mo-Su 05:30-22:00", "Mo-Su 12:00-14:30; Fr 12:00-15:00")),
    (("Temple", "Mandir", "Buddhist", "Gurdwara"), ("Mo-Su 07:00-12:00,17:00-20:30",)),
    (("Restaurant", "Grill", "Kitchen", "Pupusería", "Arepera", "Café"), ("Tu-Su 11:00-22:00",)),
    (("Bakery", "Panadería", "Sweets"), ("Mo-Sa 06:30-19:00; Su 07:00-14:00",)),
    (("Money Transfer", "Travel and Cargo"), ("Mo-Sa 09:00-20:00; Su 10:00-18:00",)),
    (("Tailor", "Beauty Salon"), ("Tu-Sa 09:30-19:00; Su 10:00-17:00", "Mo-Sa 10:00-19:00")),
)
_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "resettlement": _OFFICE,
    "english": ("Mo,We 18:00-20:30", "Tu,Th 18:30-20:30", "Mo-Th 18:00-21:00; Sa 10:00-12:30"),
    "legal": (*_OFFICE, "Tu,Th 13:00-19:00", "We 17:00-20:00; Sa 10:00-14:00"),
    "employment": (*_OFFICE, "Mo-Fr 08:00-18:00; Sa 09:00-13:00"),
    "health": (
        "Mo-Fr 08:00-18:00; Sa 09:00-13:00",
        "Mo-Th 08:00-19:00; Fr 08:00-17:00; Sa 08:00-12:00",
        "Mo-Fr 09:00-17:00",
    ),
    "housing": (*_OFFICE, "Tu,Th 12:00-19:00"),
    "food": ("Tu,Th 10:00-13:00; Sa 09:00-12:00", "We 16:00-19:00; Sa 10:00-13:00"),
    "youth": ("Mo-Fr 15:00-18:30", "Tu,Th 16:00-18:00; Sa 10:00-13:00"),
    "faith": (
        "Su 09:00-13:00; We 19:00-21:00",
        "Sa 09:00-13:00; Fr 18:00-21:00",
        "Su 10:00-14:00",
        "Su 11:00-14:00; Fr 19:00-21:30",
    ),
    "cultural": ("Sa 10:00-14:00", "Su 14:00-18:00", "Tu,Th 17:00-21:00; Sa 10:00-16:00"),
    "business": (
        "Mo-Sa 08:00-21:00; Su 09:00-19:00",
        "Mo-Su 07:00-22:00",
        "Mo-Su 10:00-21:00",
    ),
    "social": (*_OFFICE, "Sa 11:00-15:00", "We 18:00-20:00; Su 15:00-18:00"),
}


def _choices(name: str, category: str) -> tuple[str, ...]:
    """Return the patterns that fit an organization, by a word of its name, else its kind."""
    for words, patterns in _BY_WORD:
        if any(word in name for word in words):
            return patterns
    return _BY_CATEGORY[category]


def build_opening_hours(
    organizations: Sequence[Sequence[object]], rng: np.random.Generator
) -> list[str]:
    """Return one ``opening_hours`` value per organization row ("" when not known).

    Parameters
    ----------
    organizations : sequence of rows
        Rows of :func:`geo.demo.organizations.build_organizations` (name second,
        category third).
    rng : numpy.random.Generator
        The hours' own generator, so the other demo values do not depend on it.

    Returns
    -------
    list of str
        E.g. ``"Mo-Fr 09:00-17:00"``, ``"Tu,Th 18:30-20:30"`` or ``""``, in row order.
    """
    hours: list[str] = []
    for row in organizations:
        name, category = str(row[1]), str(row[2])
        patterns = _choices(name, category)
        pick = patterns[int(rng.integers(len(patterns)))]
        hours.append("" if rng.random() < _UNKNOWN[category] else pick)
    return hours

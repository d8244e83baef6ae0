"""The immigrant-serving organizations of the demo city (fictional names, places, contacts)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np

from geo.demo.city import NEIGHBOURHOODS
from geo.demo.communities import COMMUNITIES, COUNTRY_WORDS, GENERAL_NAMES, Community
from geo.demo.places import CityPoints

CATEGORY_COUNTS = {
    "resettlement": 12,
    "english": 30,
    "legal": 22,
    "employment": 26,
    "health": 30,
    "housing": 20,
    "food": 28,
    "youth": 28,
    "faith": 38,
    "cultural": 36,
    "business": 46,
    "social": 26,
}
_TEMPLATES = {
    "resettlement": (
        "{nbhd} Resettlement Office",
        "{demonym} Refugee Family Mentors",
        "{demonym} Family Case Management",
    ),
    "english": (
        "{nbhd} Adult Learning Center",
        "{demonym} Women's English Circle",
        "English at Work {nbhd}",
        "Conversation Café {nbhd}",
        "{demonym} Parents' English Class",
        "{place} Evening ESL",
    ),
    "legal": (
        "{nbhd} Immigration Legal Clinic",
        "{demonym} Legal Aid Desk",
        "{nbhd} Citizenship Clinic",
        "Know Your Rights {demonym} Network",
    ),
    "employment": (
        "{demonym} Workers' Center",
        "{place} Staffing Cooperative",
        "{nbhd} Career Pathways",
        "{place} Driving School",
        "{demonym} Professionals Network",
    ),
    "health": (
        "{nbhd} Community Health Center",
        "{demonym} Health Navigators",
        "{nbhd} Family Dental",
        "{place} Pharmacy",
        "{demonym} Mental Health Peer Support",
        "Mobile Health Van {nbhd}",
    ),
    "housing": (
        "{nbhd} Tenants' Union",
        "{demonym} Housing Help Desk",
        "{nbhd} Homes Cooperative",
        "{place} Realty",
    ),
    "food": (
        "{nbhd} Food Pantry",
        "{place} Community Fridge",
        "{demonym} Community Kitchen",
        "{nbhd} Farmers' Market",
        "Harvest Share {nbhd}",
    ),
    "youth": (
        "{demonym} Youth Soccer Club",
        "{nbhd} Homework Club",
        "{demonym} Youth Leadership Program",
        "{place} Dance Troupe",
        "{nbhd} Newcomer Kids Summer Camp",
    ),
    "faith": (
        "{demonym} Prayer Fellowship",
        "{nbhd} Interfaith Council",
        "{place} House of Worship",
        "{demonym} Faith Circle",
        "{demonym} Faith Community Center",
    ),
    "cultural": (
        "{demonym} Cultural Association",
        "{place} Association of Riverton",
        "{demonym} Heritage Festival Committee",
        "{demonym} Elders' Circle",
        "{place} Music and Dance Society",
    ),
    "business": (
        "{place} Market",
        "{place} Grocery",
        "{place} Restaurant",
        "{place} Bakery",
        "{place} Money Transfer",
        "{place} Tailors",
        "{place} Travel and Cargo",
        "{place} Beauty Salon",
    ),
    "social": (
        "{demonym} Family Services",
        "{nbhd} Senior Center",
        "{demonym} Women's Association",
        "{demonym} Mutual Aid Society",
    ),
}
_DESCRIPTIONS = {
    "resettlement": "Resettlement case management, airport welcome and first-months support",
    "english": "ESL classes and conversation practice, with childcare at evening classes",
    "legal": "Free consultations on asylum, green cards, DACA and citizenship",
    "employment": "Job search help, resume workshops and credential recognition advice",
    "health": "Primary care and health navigation with interpreters",
    "housing": "Help finding housing and knowing tenant rights",
    "food": "Groceries and meals, with culturally familiar foods",
    "youth": "After-school, sports and mentoring for children and teens",
    "faith": "Worship services and community support",
    "cultural": "Celebrations, language classes and community gatherings",
    "business": "Neighbourhood business and informal meeting place",
    "social": "Family support, benefits help and referrals",
}
_COLLECTORS = (
    "Maya Okonkwo",
    "Luis Herrera-Vance",
    "Priya Raman",
    "Tomasz Wierzba",
    "Hannah Berglund",
    "Samir Haddad",
    "Grace Lindqvist",
    "Amina Yusuf",
)
_TECHNIQUES = ("introduction", "walkabout", "word_of_mouth", "event", "outreach")
_COLLECTED_FROM = dt.date(2023, 2, 1)
_LATEST = dt.date(2026, 11, 15)
_STALE_BEFORE = dt.date(2025, 10, 31)
_RECENT_FROM = dt.date(2025, 12, 1)
_BY_NAME = {n.name: n for n in NEIGHBOURHOODS}


def _slug(name: str) -> str:
    """Return an ASCII web-address slug of a name (non-Latin scripts are dropped)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _pick_name(
    category: str,
    community: Community | None,
    who: str,
    nbhd: str,
    used: set[str],
    rng: np.random.Generator,
) -> str:
    """Return an unused name: a ready-made one first, else a filled-in template."""
    ready = (GENERAL_NAMES if community is None else community.named).get(category, ())
    candidates = [name for name in ready if name not in used]
    places = ("Riverton", nbhd) if community is None else community.places
    templates = _TEMPLATES[category]
    for _ in range(20):
        template = templates[int(rng.integers(len(templates)))]
        place = places[int(rng.integers(len(places)))]
        candidates.append(template.format(nbhd=nbhd, demonym=who, place=place))
    candidates += [f"{c} ({nbhd})" for c in candidates]
    name = next((c for c in candidates if c not in used), "")
    while not name or name in used:
        name = f"{candidates[-1]} {len(used)}"
    used.add(name)
    return name


def _home(community: Community | None, rng: np.random.Generator) -> str:
    """Return the neighbourhood an organization sits in, where its community lives."""
    if community is None:
        names = ["Old Market", "Ferry Landing"] + [n.name for n in NEIGHBOURHOODS]
        return names[int(rng.integers(len(names)))]
    score = (
        np.array(
            [sum(n.countries.get(c, 0.0) for c in community.countries) for n in NEIGHBOURHOODS]
        )
        + 0.05
    )
    return NEIGHBOURHOODS[int(rng.choice(len(NEIGHBOURHOODS), p=score / score.sum()))].name


def _dates(rng: np.random.Generator) -> tuple[str, str]:
    """Return (collected_on, last_verified_on); about a quarter were verified long ago."""
    collected = _COLLECTED_FROM + dt.timedelta(days=int(rng.integers(0, 990)))
    if rng.random() < 0.27:
        verified = collected + dt.timedelta(
            days=int(rng.integers(0, (_STALE_BEFORE - collected).days + 1))
        )
    else:
        start = max(collected, _RECENT_FROM)
        verified = start + dt.timedelta(days=int(rng.integers(0, (_LATEST - start).days + 1)))
    return collected.isoformat(), verified.isoformat()


def _serve(
    community: Community | None, foreign_born: dict[str, int], rng: np.random.Generator
) -> tuple[list[str], list[str], str]:
    """Return (language codes, communities, word for the people) an organization serves."""
    if community is None:
        ranked = sorted(foreign_born, key=lambda c: -foreign_born[c])
        picks = sorted(rng.choice(14, int(rng.integers(3, 8)), replace=False))
        countries = [ranked[i] for i in picks]
        languages = ["en"] + [COUNTRY_WORDS[c][1][0] for c in countries]
        return list(dict.fromkeys(languages)), countries, "Newcomer"
    size = int(rng.integers(1, len(community.countries) + 1))
    picks = sorted(rng.choice(len(community.countries), size, replace=False))
    countries = [community.countries[i] for i in picks]
    languages = [code for c in countries for code in COUNTRY_WORDS[c][1][:2]]
    if "en" not in languages and rng.random() < 0.8:
        languages.append("en")
    words = community.demonyms if size > 1 else COUNTRY_WORDS[countries[0]][0]
    return list(dict.fromkeys(languages)), countries, words[int(rng.integers(len(words)))]


def _technique(category: str, rng: np.random.Generator) -> str:
    """Return how staff found the organization (businesses mostly on walkabouts)."""
    if category == "business" and rng.random() < 0.6:
        return "walkabout"
    return _TECHNIQUES[int(rng.integers(len(_TECHNIQUES)))]


def _community_weights(foreign_born: dict[str, int]) -> np.ndarray:
    """Return the chance of each community, by its city-wide foreign-born count (+ floor)."""
    sizes = np.array([sum(foreign_born[c] for c in k.countries) for k in COMMUNITIES], float)
    sizes = np.sqrt(sizes) + 0.15 * np.sqrt(sizes).mean()
    return sizes / sizes.sum()


def _organization(
    category: str,
    points: CityPoints,
    foreign_born: dict[str, int],
    used: set[str],
    rng: np.random.Generator,
) -> list[object]:
    """Return one organization row without its organization_id and phone."""
    general = category in GENERAL_NAMES and rng.random() < (
        0.5 if category == "resettlement" else 0.2
    )
    weights = _community_weights(foreign_born)
    community = None if general else COMMUNITIES[int(rng.choice(len(COMMUNITIES), p=weights))]
    nbhd = _home(community, rng)
    languages, countries, who = _serve(community, foreign_born, rng)
    name = _pick_name(category, community, who, nbhd, used, rng)
    # Shops and food cluster on each neighbourhood's main street, as they do in real cities.
    if category in {"business", "food"} or rng.random() < 0.15:
        point = points.near(points.labels[nbhd], 140.0)
    else:
        point = points.in_neighbourhood(nbhd, 260.0)
    lat, lon = points.lat_lon(point)
    served = "newcomers" if community is None else f"{who} residents"
    website = (
        ""
        if category == "business" and rng.random() < 0.3
        else (f"https://{_slug(name) or 'org'}.example.org")
    )
    return [
        name,
        category,
        f"{_DESCRIPTIONS[category]} for {served} in {nbhd}.",
        ";".join(languages),
        ";".join(countries),
        points.address(_BY_NAME[nbhd]),
        f"{lat:.6f}",
        f"{lon:.6f}",
        website,
        _technique(category, rng),
        _COLLECTORS[int(rng.integers(len(_COLLECTORS)))],
        *_dates(rng),
    ]


def build_organizations(
    points: CityPoints, foreign_born: dict[str, int], rng: np.random.Generator
) -> list[list[object]]:
    """Return the organization rows (columns ``ORGANIZATION_COLUMNS``).

    Parameters
    ----------
    points : CityPoints
        Point drawer of the city.
    foreign_born : dict
        City-wide foreign born by B05006 leaf name; bigger communities get more organizations.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    list of list
        One row per organization, ``organization_id`` ``ORG-0001`` upwards; phones are
        ``(999) 555-1000`` upwards (555 numbers in an unassigned area code).
    """
    used: set[str] = set()
    rows: list[list[object]] = []
    for category, count in CATEGORY_COUNTS.items():
        for _ in range(count):
            row = _organization(category, points, foreign_born, used, rng)
            number = len(rows) + 1
            rows.append([f"ORG-{number:04d}", *row[:8], f"(999) 555-{999 + number:04d}", *row[8:]])
    return rows

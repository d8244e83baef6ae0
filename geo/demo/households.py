"""Language spoken at home (C16001) and household language (C16002) of a demo tract."""

from __future__ import annotations

import numpy as np

from geo.analysis.languages import C16001_GROUPS
from geo.demo.countries import COUNTRIES

# C16001 language groups in table order; group i has codes 003+3i (subtotal), 004+3i, 005+3i.
LANGUAGE_GROUPS = C16001_GROUPS
# C16002 household groups (limited, not limited codes) and the C16001 groups they gather.
HOUSEHOLD_GROUPS = (
    ("004", "005", (0,)),
    ("007", "008", (1, 2, 3, 4)),
    ("010", "011", (5, 6, 7, 8, 9)),
    ("013", "014", (10, 11)),
)
# Share of US-born residents speaking each group at home regardless of the local mix.
_BACKGROUND = (0.035, 0.004, 0.005, 0.003, 0.003, 0.001, 0.002, 0.001, 0.002, 0.001, 0.001, 0.002)
_SECOND_GENERATION = 0.28


def _speakers(
    counts: np.ndarray, natives_5: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, int]:
    """Return speakers and limited-English speakers per group, and the foreign born under 5."""
    speakers = np.zeros(len(LANGUAGE_GROUPS), dtype=np.int64)
    limited = np.zeros_like(speakers)
    foreign_born_under_5 = 0
    second_rate = min(_SECOND_GENERATION, 0.5 * natives_5 / max(int(counts.sum()), 1))
    for country, count in zip(COUNTRIES, counts, strict=True):
        aged_5 = int(rng.binomial(count, 0.985))
        foreign_born_under_5 += int(count) - aged_5
        names = list(country.languages)
        spoken = rng.multinomial(aged_5, [country.languages[n] for n in names])
        for name, n in zip(names, spoken, strict=True):
            if name == "English only":
                continue
            g = LANGUAGE_GROUPS.index(name)
            second = int(rng.binomial(count, second_rate * country.languages[name]))
            speakers[g] += n + second
            limited[g] += rng.binomial(n, country.limited_english) + rng.binomial(second, 0.08)
    return speakers, limited, foreign_born_under_5


def add_languages_and_households(
    counts: np.ndarray, people: int, natives: int, share: float, rng: np.random.Generator
) -> dict[str, int]:
    """Return the C16001 and C16002 leaf estimates of one tract.

    Parameters
    ----------
    counts : numpy.ndarray
        Foreign born per country, in the order of ``COUNTRIES``.
    people : int
        Total population of the tract.
    natives : int
        Native-born residents (born in the US, Puerto Rico or abroad of American parents).
    share : float
        Expected foreign-born share of the neighbourhood (larger households where high).
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    dict
        Variable code (no E/M suffix) -> estimate, leaves only.
    """
    natives_5 = natives - int(rng.binomial(natives, 0.065 + 0.03 * share))
    speakers, limited, foreign_born_under_5 = _speakers(counts, natives_5, rng)
    background = rng.binomial(max(natives_5 - int(speakers.sum()), 0), _BACKGROUND)
    speakers += background
    limited += rng.binomial(background, 0.1)
    people_5 = natives_5 + int(counts.sum()) - foreign_born_under_5
    leaves = {"C16001_002": people_5 - int(speakers.sum())}
    for g, (n, lim) in enumerate(zip(speakers, limited, strict=True)):
        leaves[f"C16001_{4 + 3 * g:03d}"] = int(n - lim)
        leaves[f"C16001_{5 + 3 * g:03d}"] = int(lim)
    return leaves | _households(speakers, limited, people, share, rng)


def _households(
    speakers: np.ndarray, limited: np.ndarray, people: int, share: float, rng: np.random.Generator
) -> dict[str, int]:
    """Return C16002 leaves: households by language and limited English speaking status."""
    total = round(people / (2.35 + 0.9 * share))
    leaves: dict[str, int] = {}
    for limited_code, other_code, groups in HOUSEHOLD_GROUPS:
        group = list(groups)
        in_group = int(speakers[group].sum())
        households = int(round(in_group / (2.7 + 0.8 * share) * rng.lognormal(0.0, 0.08)))
        rate = min(0.9, 0.75 * int(limited[group].sum()) / max(in_group, 1))
        limited_households = int(rng.binomial(households, rate))
        leaves[f"C16002_{limited_code}"] = limited_households
        leaves[f"C16002_{other_code}"] = households - limited_households
    leaves["C16002_002"] = max(total - sum(leaves.values()), 0)
    return leaves

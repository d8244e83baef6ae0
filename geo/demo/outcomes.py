"""Educational attainment (B06009) and poverty status (B06012) by place of birth."""

from __future__ import annotations

import numpy as np

from geo.demo.countries import COUNTRIES, EDU_MID, MODEST

# First leaf code of each place-of-birth group: born in state, other state, native born
# outside the United States, foreign born. B06009 groups have 5 leaves, B06012 groups 3.
B06009_GROUPS = (8, 14, 20, 26)
B06012_GROUPS = (6, 10, 14, 18)
# US-born education and poverty in the poorest and the richest neighbourhoods.
_EDU_POOR = np.array((0.15, 0.35, 0.30, 0.13, 0.07))
_EDU_RICH = np.array((0.03, 0.14, 0.25, 0.33, 0.25))
_POV_POOR = np.array((0.24, 0.16, 0.60))
_POV_RICH = np.array((0.04, 0.05, 0.91))


def _leaves(table: str, first: int, values: np.ndarray) -> dict[str, int]:
    """Name consecutive leaves of one place-of-birth group."""
    return {f"{table}_{first + i:03d}": int(v) for i, v in enumerate(values)}


def add_education(
    counts: np.ndarray,
    people: int,
    us_born: int,
    natives_abroad: int,
    affluence: float,
    rng: np.random.Generator,
) -> dict[str, int]:
    """Return the B06009 place-of-birth leaves (population 25 years and over) of one tract.

    Parameters
    ----------
    counts : numpy.ndarray
        Foreign born per country, in the order of ``COUNTRIES``.
    people, us_born, natives_abroad : int
        Total population, born in the US, and native born outside the US.
    affluence : float
        0 (poorest) to 1 (richest) neighbourhood, for the US-born attainment.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    dict
        Variable code (no E/M suffix) -> estimate, group leaves only (not 002-006).
    """
    foreign_born = np.zeros(5, dtype=np.int64)
    for country, count in zip(COUNTRIES, counts, strict=True):
        foreign_born += rng.multinomial(rng.binomial(count, 0.82), country.education)
    abroad_25 = int(rng.binomial(natives_abroad, 0.7))
    target = 0.66 * people - foreign_born.sum() - abroad_25
    rate = float(np.clip(target / max(us_born, 1), 0.3, 0.78))
    us_born_25 = int(rng.binomial(us_born, rate))
    in_state = int(rng.binomial(us_born_25, 0.62))
    mix = _EDU_POOR + affluence * (_EDU_RICH - _EDU_POOR)
    groups = (
        rng.multinomial(in_state, mix),
        rng.multinomial(us_born_25 - in_state, mix),
        rng.multinomial(abroad_25, EDU_MID),
        foreign_born,
    )
    leaves: dict[str, int] = {}
    for first, values in zip(B06009_GROUPS, groups, strict=True):
        leaves |= _leaves("B06009", first, values)
    return leaves


def add_poverty(
    counts: np.ndarray,
    us_born: int,
    natives_abroad: int,
    affluence: float,
    rng: np.random.Generator,
) -> dict[str, int]:
    """Return the B06012 place-of-birth leaves (population for whom poverty is determined).

    Parameters
    ----------
    counts : numpy.ndarray
        Foreign born per country, in the order of ``COUNTRIES``.
    us_born, natives_abroad : int
        Born in the US, and native born outside the US.
    affluence : float
        0 (poorest) to 1 (richest) neighbourhood, for the US-born poverty rates.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    dict
        Variable code (no E/M suffix) -> estimate, group leaves only (not 002-004).
    """
    foreign_born = np.zeros(3, dtype=np.int64)
    for country, count in zip(COUNTRIES, counts, strict=True):
        foreign_born += rng.multinomial(rng.binomial(count, 0.97), country.poverty)
    determined = int(rng.binomial(us_born, 0.975))
    in_state = int(rng.binomial(determined, 0.6))
    mix = _POV_POOR + affluence * (_POV_RICH - _POV_POOR)
    abroad = rng.multinomial(rng.binomial(natives_abroad, 0.97), MODEST)
    groups = (
        rng.multinomial(in_state, mix),
        rng.multinomial(determined - in_state, mix),
        abroad,
        foreign_born,
    )
    leaves: dict[str, int] = {}
    for first, values in zip(B06012_GROUPS, groups, strict=True):
        leaves |= _leaves("B06012", first, values)
    return leaves

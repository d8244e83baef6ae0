"""ACS-style estimates and margins of error of the demo tracts, table by table.

Leaves come from :mod:`geo.demo.population`. Each subtotal is the exact sum of its children
and its margin of error the root sum of squares of theirs, counting the margins of zero
estimates only once (the largest), as the ACS handbook advises ("Understanding and Using
American Community Survey Data", 2020, ch. 8, "Calculating Measures of Error for Derived
Estimates"). Leaf margins grow with the square root of the estimate and never fall below a
floor, as published zero estimates carry a margin of 12-20 people at tract level.
"""

from __future__ import annotations

import numpy as np

from geo.demo.tables import Path, Table

_ZERO_MOES = (12, 13, 14, 15, 16, 17, 19, 20)
_MOE_PER_SQRT = 6.0
_SMALL_MOE_PER_SQRT = 9.0


def _leaf_moes(
    estimates: dict[Path, int],
    subtotals: set[Path],
    zero_moe: int,
    per_sqrt: float,
    rng: np.random.Generator,
) -> dict[Path, int]:
    """Return the margin of error of every leaf."""
    moes: dict[Path, int] = {}
    for path, estimate in estimates.items():
        if path in subtotals:
            continue
        spread = per_sqrt * np.sqrt(estimate) * rng.lognormal(0.0, 0.2)
        moes[path] = max(zero_moe, round(float(spread)))
    return moes


def sum_moes(estimates: dict[Path, int], moes: dict[Path, int], parts: list[Path]) -> int:
    """Return the margin of error of a sum: root sum of squares, zero estimates counted once.

    Parameters
    ----------
    estimates, moes : dict
        Estimate and margin of error by label path.
    parts : list of tuple
        Label paths of the summed estimates.

    Returns
    -------
    int
        The rounded margin of error of the sum.
    """
    nonzero = [moes[p] ** 2 for p in parts if estimates[p] != 0]
    zero = [moes[p] for p in parts if estimates[p] == 0]
    return round(float(np.sqrt(sum(nonzero) + (max(zero) ** 2 if zero else 0))))


def _roll_up(table: Table, estimates: dict[Path, int], moes: dict[Path, int]) -> None:
    """Fill in subtotals (and a crossed table's category totals) from the leaves, in place."""
    paths = [path for _, path in table.variables]
    subtotals = [p for p in paths if p[-1].endswith(":")]
    for path in sorted(subtotals, key=len, reverse=True):
        children = [p for p in paths if len(p) == len(path) + 1 and p[:-1] == path]
        if table.crossed and len(path) == 1:
            _roll_up_crossed(children, estimates, moes)
            children = [p for p in children if p[-1].endswith(":")]
        estimates[path] = sum(estimates[c] for c in children)
        moes[path] = sum_moes(estimates, moes, children)


def _roll_up_crossed(
    children: list[Path], estimates: dict[Path, int], moes: dict[Path, int]
) -> None:
    """Set each category total of a crossed table to the sum of that category in all groups."""
    groups = [p for p in children if p[-1].endswith(":")]
    for category in (p for p in children if not p[-1].endswith(":")):
        parts = [(*group, category[-1]) for group in groups]
        estimates[category] = sum(estimates[p] for p in parts)
        moes[category] = sum_moes(estimates, moes, parts)


def compute_table(
    table: Table, leaves: dict[str, int], *, small: bool, rng: np.random.Generator
) -> list[tuple[str, int, int]]:
    """Return (variable code, estimate, margin of error) for every variable of one tract.

    Parameters
    ----------
    table : Table
        The table to fill.
    leaves : dict
        Leaf estimates of the tract keyed like ``"B05006_060"``; a crossed table's category
        totals and every subtotal are computed here.
    small : bool
        True for a tract with few residents, whose sample is thinner (wider margins).
    rng : numpy.random.Generator
        Source of randomness for the margins.

    Returns
    -------
    list of (str, int, int)
        In table order, e.g. ``("B05006_060", 412, 118)``.
    """
    paths = {code: path for code, path in table.variables}
    subtotals = {p for p in paths.values() if p[-1].endswith(":")}
    if table.crossed:
        subtotals |= {p for p in paths.values() if len(p) == 2}
    estimates = {
        path: leaves[f"{table.table_id}_{code}"]
        for code, path in paths.items()
        if path not in subtotals
    }
    zero_moe = int(rng.choice(_ZERO_MOES))
    per_sqrt = _SMALL_MOE_PER_SQRT if small else _MOE_PER_SQRT
    moes = _leaf_moes(estimates, subtotals, zero_moe, per_sqrt, rng)
    _roll_up(table, estimates, moes)
    return [
        (f"{table.table_id}_{code}", estimates[path], moes[path]) for code, path in table.variables
    ]

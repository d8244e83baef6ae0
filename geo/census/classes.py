"""Class breaks checked against margins of error.

A tract whose 90% interval (estimate ± MOE) spans a class break could as well be drawn
in the neighbouring colour: the map cannot tell those classes apart for it. This module
counts such tracts for any breaks, and places breaks where the intervals overlap least
(as the NYC Department of City Planning's map reliability calculator recommends).

Breaks are upper bounds: a value ``v`` belongs to the first class whose bound is ``>= v``,
so an interval ``[lo, hi]`` spans the break ``b`` when ``lo <= b < hi``. The last bound is
the top of the data and is not a break between two classes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import N_, english_n


@dataclass(frozen=True)
class SpanCount:
    """How many of the tracts with an estimate and an MOE span at least one class break."""

    spanning: int
    checked: int
    without_moe: int = 0

    def sentence(
        self,
        translate: Callable[[str], str] = str,
        n_: Callable[[str, str, int], str] = english_n,
    ) -> str:
        """The line shown with the legend, in the language of ``translate`` and ``n_``."""
        if not self.checked:
            return translate(N_("No margin of error supplied: class breaks cannot be checked."))
        text = n_(
            "{spanning} of {checked} tract could belong to another class "
            "(its 90% margin of error spans a class break).",
            "{spanning} of {checked} tracts could belong to another class "
            "(their 90% margin of error spans a class break).",
            self.checked,
        ).format(spanning=f"{self.spanning:,}", checked=f"{self.checked:,}")
        if self.without_moe:
            text += " " + n_(
                "{count} tract has no margin of error supplied.",
                "{count} tracts have no margin of error supplied.",
                self.without_moe,
            ).format(count=f"{self.without_moe:,}")
        return text


def _intervals(estimates: pd.Series, moes: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    est = pd.to_numeric(estimates, errors="coerce").astype(float)
    moe = pd.to_numeric(moes.reindex(est.index), errors="coerce").astype(float).abs()
    known = est.notna() & moe.notna()
    without = int((est.notna() & moe.isna()).sum())
    lo = (est[known] - moe[known]).to_numpy()
    hi = (est[known] + moe[known]).to_numpy()
    return lo, hi, without


def count_spanning_tracts(
    estimates: pd.Series, moes: pd.Series, upper_bounds: Sequence[float]
) -> SpanCount:
    """Tracts whose interval ``estimate ± MOE`` spans a break between two classes.

    Parameters
    ----------
    estimates, moes
        One value per tract (same index); tracts without an estimate are left out, tracts
        without an MOE are counted apart as unchecked.
    upper_bounds
        The classes' upper bounds, lowest first (the last one closes the top class).

    Example
    -------
    Estimates 1, 5, 9 ± 2 and bounds (4, 9): only the break 4 separates two classes; the
    interval 3..7 spans it, so 1 of 3 tracts could belong to another class.
    """
    lo, hi, without = _intervals(estimates, moes)
    breaks = np.asarray(upper_bounds[:-1], dtype=float)
    if not len(breaks):
        return SpanCount(0, len(lo), without)
    spans = (lo[:, None] <= breaks[None, :]) & (breaks[None, :] < hi[:, None])
    return SpanCount(int(spans.any(axis=1).sum()), len(lo), without)


def _spanning_at(values: np.ndarray, lo_sorted: np.ndarray, hi_sorted: np.ndarray) -> np.ndarray:
    """For each candidate break, how many intervals have ``lo <= b < hi``."""
    started = np.searchsorted(lo_sorted, values, side="right")
    ended = np.searchsorted(hi_sorted, values, side="right")
    return started - ended


def _best_break_per_gap(x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple:
    """For the gap after each sorted value, the break value with the fewest spanning
    intervals (candidates: the value itself, or an interval's top inside the gap)."""
    n = len(x)
    candidates = np.concatenate([x[:-1], hi])
    gap = np.searchsorted(x, candidates, side="right") - 1
    ok = (gap >= 0) & (gap <= n - 2)
    candidates, gap = candidates[ok], gap[ok]
    ok = (candidates >= x[gap]) & (candidates < x[gap + 1])
    candidates, gap = candidates[ok], gap[ok]
    cost = _spanning_at(candidates, np.sort(lo), np.sort(hi)).astype(float)
    order = np.lexsort((candidates, cost, gap))  # per gap: fewest spans, then lowest value
    first = np.unique(gap[order], return_index=True)[1]
    best_cost = np.full(n - 1, np.inf)
    best_value = np.full(n - 1, np.nan)
    best_cost[gap[order][first]] = cost[order][first]
    best_value[gap[order][first]] = candidates[order][first]
    best_cost[x[:-1] == x[1:]] = np.inf  # equal values cannot be split
    return best_cost, best_value


def _place(cost: np.ndarray, n: int, breaks: int, min_size: int) -> list[int] | None:
    """Gaps for ``breaks`` breaks minimising the summed cost, every class ``>= min_size``
    values (dynamic programme over prefix minima, O(breaks · n))."""
    gaps = np.arange(n - 1)
    dp = np.where(gaps >= min_size - 1, cost, np.inf)
    back: list[np.ndarray] = []
    for _ in range(breaks - 1):
        prefix = np.minimum.accumulate(dp)
        earlier = np.concatenate([[np.inf], prefix[:-1]])
        arg = np.maximum.accumulate(np.where(dp < earlier, gaps, 0))  # where each minimum is
        shifted = np.full(n - 1, np.inf)
        shifted_arg = np.zeros(n - 1, dtype=int)
        shifted[min_size:] = prefix[: n - 1 - min_size]
        shifted_arg[min_size:] = arg[: n - 1 - min_size]
        dp = cost + shifted
        back.append(shifted_arg)
    last = np.where(n - 1 - gaps >= min_size, dp, np.inf)
    if not np.isfinite(last.min()):
        return None
    chosen = [int(np.argmin(last))]
    for arg in reversed(back):
        chosen.append(int(arg[chosen[-1]]))
    return sorted(chosen)


def compute_fewest_spanning_breaks(
    estimates: pd.Series, moes: pd.Series, k: int = 5
) -> tuple[float, ...]:
    """Upper bounds of ``k`` classes placed where the tracts' intervals overlap least.

    Each class keeps at least half of its equal share of the tracts (``n // (2k)``), so the
    breaks cannot all crowd into an empty stretch; with too many tied values fewer classes
    are returned. Tracts without an MOE still count for class sizes.

    Returns
    -------
    tuple of float
        Upper bounds, lowest first; the last is the largest estimate.
    """
    est = pd.to_numeric(estimates, errors="coerce").astype(float).dropna()
    if est.empty:
        return ()
    x = np.sort(est.to_numpy())
    if x[0] == x[-1]:
        return (float(x[-1]),)
    lo, hi, _ = _intervals(estimates, moes)
    cost, value = _best_break_per_gap(x, lo, hi)
    for classes in range(min(k, len(np.unique(x))), 1, -1):
        gaps = _place(cost, len(x), classes - 1, max(1, len(x) // (2 * classes)))
        if gaps is not None:
            return (*(float(value[g]) for g in gaps), float(x[-1]))
    return (float(x[-1]),)

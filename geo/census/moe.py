"""Margins of error for derived ACS figures.

Formulas from the Census Bureau's *Understanding and Using American Community Survey Data:
What All Data Users Need to Know* (2020), chapter 8 "Calculating Measures of Error for
Derived Estimates". ACS margins of error are published at the 90 percent confidence level.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.i18n import N_

Z90 = 1.645  # ACS MOEs are 90% confidence intervals: SE = MOE / 1.645

# Reliability classes by coefficient of variation (CV = SE / estimate, in percent).
# Thresholds follow common practice for ACS small-area data (e.g. ESRI, NYC DCP):
HIGH_MAX_CV = 15.0  # CV <= 15%: high reliability
CAUTION_MAX_CV = 30.0  # 15% < CV <= 30%: use with caution; above: unreliable
# Written out (not formatted from the thresholds) so the catalogs can carry it.
RELIABILITY_RULE = N_(
    "High: CV ≤ 15% · Use with caution: CV ≤ 30% · "
    "Unreliable: CV > 30% or estimate 0 (CV = (MOE / 1.645) / estimate)"
)


def moe_sum(moes: pd.DataFrame, estimates: pd.DataFrame | None = None) -> pd.Series:
    """MOE of a sum of estimates (handbook equation 1): root of the sum of squared MOEs.

    When several components are zero estimates, only the largest of their MOEs is kept,
    as the handbook recommends, so a sum over many empty cells is not inflated.
    """
    squares = moes.astype("float64") ** 2
    if estimates is not None:
        zero = (estimates.astype("float64") == 0).to_numpy(dtype=bool, na_value=False)
        largest_zero = squares.where(zero).max(axis=1).fillna(0.0)
        squares = squares.where(~zero, 0.0)
        return np.sqrt(squares.sum(axis=1) + largest_zero)
    return np.sqrt(squares.sum(axis=1))


def moe_proportion(
    part: pd.Series, part_moe: pd.Series, whole: pd.Series, whole_moe: pd.Series
) -> pd.Series:
    """MOE of a proportion p = part / whole where part is a subset of whole (equation 3).

    MOE(p) = sqrt(MOE_part² − p² · MOE_whole²) / whole; when the term under the root is
    negative the handbook says to use the ratio formula (equation 4) instead.
    """
    whole = whole.astype(float).where(whole > 0)
    p = part / whole
    under = part_moe.astype(float) ** 2 - p**2 * whole_moe.astype(float) ** 2
    ratio_under = part_moe.astype(float) ** 2 + p**2 * whole_moe.astype(float) ** 2
    return np.sqrt(under.where(under >= 0, ratio_under)) / whole


def coefficient_of_variation(estimate: pd.Series, moe: pd.Series) -> pd.Series:
    """CV in percent: standard error over estimate; NaN where the estimate is 0."""
    est = estimate.astype(float)
    return (moe.astype(float) / Z90) / est.where(est > 0) * 100.0


def classify_reliability(cv: pd.Series) -> pd.Series:
    """Reliability class per CV: 'high', 'caution' or 'unreliable' (0 or missing CV)."""
    out = pd.Series("unreliable", index=cv.index, dtype=object)
    out[cv <= CAUTION_MAX_CV] = "caution"
    out[cv <= HIGH_MAX_CV] = "high"
    return out


RELIABILITY_LABELS = {
    "high": N_("High reliability"),
    "caution": N_("Use with caution"),
    "unreliable": N_("Unreliable"),
    "no_moe": N_("No margin of error supplied"),
}

"""The sidebar filters shared by every page, applied to tracts and organizations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.census.acs import AcsTable
from geo.census.indicators import compute_indicator
from geo.errors import DataNotAvailable

# Acculturation thresholds: field of Filters -> indicator it applies to.
THRESHOLD_INDICATORS = {
    "min_arrived_2010_pct": "arrived_2010_share",
    "min_limited_english_hh_pct": "limited_english_households",
    "min_noncitizen_pct": "noncitizen_share",
}


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What the user chose in the sidebar; empty choices mean "no restriction"."""

    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    min_arrived_2010_pct: float = 0.0
    min_limited_english_hh_pct: float = 0.0
    min_noncitizen_pct: float = 0.0

    @property
    def thresholds(self) -> dict[str, float]:
        """Thresholds the user set above zero, by indicator key."""
        return {
            ind: getattr(self, f) for f, ind in THRESHOLD_INDICATORS.items() if getattr(self, f) > 0
        }


def compute_acculturation(tables: dict[str, AcsTable]) -> pd.DataFrame:
    """Share estimates of the three acculturation indicators per tract (NaN if unavailable)."""
    columns = {}
    for indicator in THRESHOLD_INDICATORS.values():
        try:
            columns[indicator] = compute_indicator(tables, indicator)["estimate"]
        except DataNotAvailable:
            columns[indicator] = None
    frame = pd.DataFrame({k: v for k, v in columns.items() if v is not None})
    for key, value in columns.items():
        if value is None:
            frame[key] = float("nan")
    return frame


def select_tracts_meeting_thresholds(acculturation: pd.DataFrame, filters: Filters) -> pd.Index:
    """GEOIDs of tracts meeting every threshold the user set (none set: no tracts).

    A tract whose figure is not available does not meet the threshold.
    """
    thresholds = filters.thresholds
    if not thresholds:
        return acculturation.index[:0]
    meets = pd.Series(True, index=acculturation.index)
    for indicator, pct in thresholds.items():
        meets &= acculturation[indicator].fillna(-1.0) * 100.0 >= pct
    return acculturation.index[meets]


def unavailable_thresholds(acculturation: pd.DataFrame, filters: Filters) -> list[str]:
    """Indicators the user set a threshold on but the study area has no data for."""
    return [ind for ind in filters.thresholds if acculturation[ind].isna().all()]


def match_list_cells(cells: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """Which ``;``-separated cells list ANY of ``wanted`` (as whole items); all if none wanted.

    Vectorized: one regular expression over the column (pandas' string methods, Arrow
    compute for the default string dtype), no Python loop per row. Items are compared as
    :func:`geo.vocab.split_list` splits them: trimmed, whole items (``e`` never matches
    ``es``); a missing cell lists nothing.

    Examples
    --------
    >>> match_list_cells(pd.Series(["es; ar", "fr", None]), ["ar"]).tolist()
    [True, False, False]
    """
    items = [w.strip() for w in wanted if w.strip()]
    if not items:
        return np.ones(len(cells), dtype=bool)
    pattern = r"(?:^|;)\s*(?:" + "|".join(re.escape(w) for w in items) + r")\s*(?:;|$)"
    found = cells.astype("str").str.contains(pattern, regex=True)
    return found.fillna(False).to_numpy(dtype=bool) & cells.notna().to_numpy()


def select_organizations(organizations: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Boolean mask, by position, of the rows :func:`filter_organizations` keeps."""
    return match_list_cells(organizations["languages"], filters.languages) & match_list_cells(
        organizations["category"], filters.categories
    )


def filter_organizations(organizations: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Organizations (or sites) serving ANY chosen language and offering ANY chosen service."""
    return organizations[select_organizations(organizations, filters)]

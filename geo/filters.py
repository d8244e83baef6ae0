"""The sidebar filters shared by every page, applied to tracts and organizations."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.census.acs import AcsTable
from geo.census.indicators import compute_indicator
from geo.errors import DataNotAvailable
from geo.vocab import split_list

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


def _matches_any(cell: object, wanted: tuple[str, ...]) -> bool:
    return not wanted or bool(set(split_list(cell)) & set(wanted))


def filter_organizations(organizations: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Organizations serving ANY chosen language and offering ANY chosen service category."""
    keep = [
        _matches_any(lang, filters.languages) and _matches_any(cat, filters.categories)
        for lang, cat in zip(organizations["languages"], organizations["category"], strict=True)
    ]
    return organizations[pd.Series(keep, index=organizations.index, dtype=bool)]

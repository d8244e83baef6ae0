"""One branch's view of the gaps: its catchment's ranked tracts and its language groups."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.analysis.gaps import GapQuestion, GapResult, match_sites, normalize_sites
from geo.analysis.languages import C16001_GROUPS
from geo.analysis.reach import sites_within_reach
from geo.census import moe as m
from geo.census.indicators import IndicatorOptions, compute_indicator
from geo.census.study_area import StudyArea
from geo.config import WGS84
from geo.crs import metric_crs
from geo.errors import DataNotAvailable


def catchment_tracts(tracts: gpd.GeoDataFrame, branch: pd.Series, radius_m: float) -> list[str]:
    """GEOIDs whose centroid lies within ``radius_m`` of the branch (the catchment rule)."""
    crs = metric_crs(tracts)
    centroids = tracts.geometry.to_crs(crs).centroid
    point = gpd.GeoSeries.from_xy([branch["lon"]], [branch["lat"]], crs=WGS84).to_crs(crs)
    return [str(g) for g in centroids.index[centroids.distance(point.iloc[0]) <= radius_m]]


def branch_ranking(result: GapResult, geoids: list[str]) -> pd.DataFrame:
    """The catchment's tracts in the order of the study area's ranking."""
    rows = result.ranking[result.ranking["geoid"].isin(geoids)]
    return rows.sort_values("rank", na_position="last", kind="stable")


def branch_language_groups(
    area: StudyArea, sites: pd.DataFrame, geoids: list[str], question: GapQuestion
) -> pd.DataFrame:
    """Per C16001 group: people in the catchment speaking English less than "very well"
    (± MOE, reliability), the matching organizations with a site within reach of its tracts
    and those sites.

    The need columns are empty (NaN) when the study area has no C16001 table.
    """
    tracts = area.tracts.loc[area.tracts.index.intersection(geoids)]
    rows = []
    for group in C16001_GROUPS:
        ask = GapQuestion(language_group=group, services=question.services)
        matching, _ = match_sites(normalize_sites(sites), ask)
        matching = matching.reset_index(drop=True)
        pairs = sites_within_reach(tracts, matching, question.reach_m)
        reached = matching.loc[pairs["site"].unique(), "organization_id"]
        need, need_moe = _catchment_need(area, group, list(tracts.index))
        rows.append(
            {
                "language_group": group,
                "need": need,
                "need_moe": need_moe,
                "organizations": int(reached.nunique()),
                "sites": int(pairs["site"].nunique()),
            }
        )
    out = pd.DataFrame(rows)
    cv = m.coefficient_of_variation(out["need"], out["need_moe"])
    out["reliability"] = m.classify_reliability(cv).where(out["need"].notna(), "not available")
    out["gap"] = out["need"] / out["organizations"].clip(lower=1)
    return out.sort_values(["gap", "need"], ascending=False, na_position="last", kind="stable")


def _catchment_need(area: StudyArea, group: str, geoids: list[str]) -> tuple[float, float]:
    try:
        values = compute_indicator(
            area.tables, "limited_english_share", IndicatorOptions(language_group=group)
        ).reindex(geoids)
    except DataNotAvailable:
        return float("nan"), float("nan")
    estimate, moe = values[["numerator"]].T, values[["numerator_moe"]].T
    return float(estimate.sum(axis=1).iloc[0]), float(m.moe_sum(moe, estimate).iloc[0])

"""Where to act: language need per tract against the organizations that serve it.

Need (per tract, ± 90% MOE with its reliability class) is one of :data:`NEED_MEASURES`.
Supply is the number of organizations with at least one site that offers the chosen services
in a language of the chosen C16001 group within reach of the tract (:mod:`geo.analysis.reach`),
beside the number of those sites, plus whether a branch catchment covers it. Sites, not
organizations, are placed: an organization whose main office is far away but one of whose
sites is near the tract counts for it, once however many of its sites are near. The gap is
:data:`GAP_RULE`; tracts are ranked by it, and tracts whose need figure is unreliable are
ranked after every reliable one unless the caller asks to mix them (and then the result says
so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo.analysis.gap_texts import GapQuestion, GapTexts, gap_texts
from geo.analysis.languages import C16001_GROUPS, crosswalk
from geo.analysis.need import compute_need
from geo.analysis.reach import (
    covering_branches,
    sites_within_reach,
)
from geo.census import moe as m
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.messages import N_
from geo.vocab import split_list

RANKING_COLUMNS: tuple[str, ...] = (
    "rank",
    "geoid",
    "tract",
    "need",
    "need_moe",
    "need_cv",
    "reliability",
    "organizations",
    "sites",
    "organization_names",
    "branches",
    "gap",
    "gap_moe",
    "ranked_after_reliable",
)


@dataclass(frozen=True, kw_only=True)
class GapResult:
    """The ranking with everything the page and the command line state beside it."""

    question: GapQuestion
    ranking: pd.DataFrame  # RANKING_COLUMNS, best rank first
    sites: pd.DataFrame  # the matching sites (with lat, lon, name, organization_id)
    unmapped_languages: dict[str, int]  # language as written -> organizations serving it
    reach: pd.DataFrame  # (geoid, site, organization_id): a tract and a site within reach
    unplaced_sites: int = 0  # matching sites without a location (counted for no tract)
    street_graph: str | None = None  # the street graph's file name, when reach is by street

    def texts(self, translate: Callable[[str], str] = str, locale: str | None = None) -> GapTexts:
        """The measure, rules and notes in words; ``translate`` maps each English template
        (marked with ``N_``) to the interface language before the figures go in, ``locale``
        lists countries and services as that language does."""
        return gap_texts(
            self.question,
            unplaced_sites=self.unplaced_sites,
            street_graph=self.street_graph,
            translate=translate,
            locale=locale,
        )

    @property
    def need_label(self) -> str:
        """The need measure in words, with the language group or countries chosen."""
        return self.texts().need_label

    @property
    def reach_rule(self) -> str:
        return self.texts().reach_rule

    @property
    def catchment_rule(self) -> str:
        return self.texts().catchment_rule

    @property
    def notes(self) -> list[str]:
        return self.texts().notes


def match_sites(sites: pd.DataFrame, question: GapQuestion) -> tuple[pd.DataFrame, dict[str, int]]:
    """Sites offering a chosen service (any, if none chosen) in a language of the group.

    Returns the matching sites and, for every language that maps to no C16001 group, how many
    organizations with a site offering the chosen services serve it (reported, not dropped).
    """
    wanted = set(question.services)
    offers = (
        sites["category"].map(lambda c: not wanted or bool(wanted & set(split_list(c))))
    ).astype(bool)
    languages = sites["languages"].map(split_list)
    walk = crosswalk(code for codes in languages for code in codes)
    matches = languages.map(
        lambda codes: question.language_group in map(walk.groups.get, codes)
    ).astype(bool)
    owners = sites["organization_id"] if "organization_id" in sites else sites.index.to_series()
    serving: dict[str, set[object]] = {}
    for owner, codes in zip(owners[offers], languages[offers], strict=True):
        for code in set(codes) & set(walk.unmapped):
            serving.setdefault(code, set()).add(owner)
    unmapped = {code: len(owners_) for code, owners_ in serving.items()}
    return sites[offers & matches], dict(sorted(unmapped.items()))


def rank_gaps(
    need: pd.DataFrame,
    supply: pd.Series,
    *,
    sites: pd.Series | None = None,
    unreliable_last: bool = True,
) -> pd.DataFrame:
    """Gap per tract and its rank (1 = largest gap); tracts without a need figure get none.

    Parameters
    ----------
    need
        ``estimate, moe, cv, reliability`` by GEOID (see :func:`compute_need`).
    supply
        Matching organizations within reach, by GEOID (missing = 0).
    sites
        Their sites within reach, by GEOID (missing = 0); defaults to ``supply``.
    unreliable_last
        Rank every unreliable need figure after every reliable one (default).
    """
    count = supply.reindex(need.index).fillna(0).astype(int)
    per = count.clip(lower=1)
    out = pd.DataFrame(
        {
            "need": need["estimate"],
            "need_moe": need["moe"],
            "need_cv": need["cv"],
            "reliability": need["reliability"],
            "organizations": count,
            "sites": (supply if sites is None else sites).reindex(need.index).fillna(0).astype(int),
            "gap": need["estimate"] / per,
            "gap_moe": need["moe"] / per,  # the count is exact, so the MOE scales with it
        }
    )
    unreliable = out["reliability"].eq("unreliable")
    out["ranked_after_reliable"] = unreliable & unreliable_last
    ranked = out.dropna(subset=["gap"]).sort_values(
        ["ranked_after_reliable", "gap", "need", "organizations"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    ranked["rank"] = np.arange(1, len(ranked) + 1)
    rest = out.loc[out.index.difference(ranked.index)].assign(rank=np.nan)
    return pd.concat([ranked, rest])


def compute_gaps(
    area: StudyArea,
    sites: pd.DataFrame,
    question: GapQuestion,
    *,
    street_graph: Path | str | None = None,
) -> GapResult:
    """The gap ranking of a study area for one question.

    Parameters
    ----------
    area
        The study area (tracts, ACS tables, branches).
    sites
        Organization sites, one row per site (:func:`geo.db.sites.list_sites`):
        ``organization_id`` (or ``org_id``), ``name``, ``category``, ``languages``
        (``;``-joined codes), ``lat``, ``lon``. Several rows may share an organization.
    question
        The need measure, language group, countries, services and distances.
    street_graph
        A GraphML street graph to measure reach along streets; None = straight lines.

    Raises
    ------
    DataNotAvailable
        If the need measure is not available here, or the language group is unknown.
    """
    if question.language_group not in C16001_GROUPS:
        raise DataNotAvailable.said(
            N_("'{group}' is not one of the 12 C16001 language groups: {groups}."),
            group=question.language_group,
            groups="; ".join(C16001_GROUPS),
        )
    need = compute_need(
        area.tables,
        question.measure,
        language_group=question.language_group,
        countries=question.countries,
    ).reindex(area.tracts.index)
    matching, unmapped = match_sites(normalize_sites(sites), question)
    pairs = sites_within_reach(area.tracts, matching, question.reach_m, street_graph)
    pairs["organization_id"] = pairs["site"].map(matching["organization_id"].astype(str))
    names = matching["name"].astype(str)
    by_tract = pairs.groupby("geoid")
    ranking = rank_gaps(
        need,
        by_tract["organization_id"].nunique(),
        sites=by_tract.size(),
        unreliable_last=question.unreliable_last,
    )
    reached = (
        pairs.assign(name=pairs["site"].map(names))
        .groupby("geoid")["name"]
        .agg(lambda s: "; ".join(sorted(set(s))))
    )
    ranking["organization_names"] = [reached.get(g, "") for g in ranking.index]
    ranking["branches"] = covering_branches(area.tracts, area.branches, question.catchment_m)
    ranking["geoid"] = ranking.index.astype(str)
    ranking["tract"] = area.tracts["NAME"].reindex(ranking.index).astype(str)
    return GapResult(
        question=question,
        ranking=ranking[list(RANKING_COLUMNS)].astype({"rank": "Int64"}).reset_index(drop=True),
        sites=matching,
        unmapped_languages=unmapped,
        reach=pairs[["geoid", "site", "organization_id"]],
        unplaced_sites=int(matching[["lat", "lon"]].isna().any(axis=1).sum()),
        street_graph=Path(street_graph).name if street_graph else None,
    )


def normalize_sites(sites: pd.DataFrame) -> pd.DataFrame:
    """Sites with ``organization_id`` (the directory's listing still says ``org_id``)."""
    if "organization_id" not in sites.columns and "org_id" in sites.columns:
        sites = sites.rename(columns={"org_id": "organization_id"})
    return sites.reset_index(drop=True)


def summarize_area(result: GapResult, geoids: Sequence[str]) -> dict[str, object]:
    """Gap figures of an area (a catchment, drawn area or picked tracts) for its profile.

    Need is summed with its MOE (handbook equation 1); organizations are counted once even
    when they reach several of the area's tracts or have several sites within reach, and
    their sites within reach are counted beside them.
    """
    rows = result.ranking[result.ranking["geoid"].isin(list(geoids))]
    need = rows.dropna(subset=["need"])
    total = float(need["need"].sum())
    total_moe = float(m.moe_sum(need[["need_moe"]].T, need[["need"]].T).iloc[0])
    reaching = result.reach[result.reach["geoid"].isin(list(geoids))]
    unserved = need[need["organizations"] == 0]
    return {
        "need_label": result.need_label,
        "tracts": len(rows),
        "need": total,
        "need_moe": total_moe,
        "organizations_within_reach": int(reaching["organization_id"].nunique()),
        "sites_within_reach": int(reaching["site"].nunique()),
        "tracts_without_organization": len(unserved),
        "need_in_tracts_without_organization": float(unserved["need"].sum()),
        "best_rank": float(rows["rank"].min()) if rows["rank"].notna().any() else float("nan"),
    }

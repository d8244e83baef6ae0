"""The community scan of an area: profile sections with MOEs, one country-of-origin group,
and the same figures for the whole study area side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from geo.census import moe as m
from geo.census.indicators import country_variables
from geo.census.profiles import ProfileSection, build_profile, missing_sections
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable

COMPARE = ("estimate", "moe", "share", "share_moe", "reliability")
TABLE_NAMES = {
    "B01003": "total population",
    "B05006": "place of birth",
    "B05005": "period of entry",
    "B05001": "citizenship",
    "C16001": "language and English ability",
    "C16002": "limited-English households",
    "B06009": "education by place of birth",
    "B06012": "poverty by place of birth",
}


@dataclass(frozen=True, kw_only=True)
class CommunityProfile:
    """A community scan, ready to show or export; every row carries MOE and reliability."""

    title: str
    study_area: str
    vintage: str
    illustrative: bool
    rule: str
    geoids: tuple[str, ...]
    group: str | None
    sections: list[ProfileSection]
    missing: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def stamp(self) -> str:
        """The vintage line printed on every figure shown or exported."""
        labelled = "not a real place" in self.study_area.casefold()
        note = (
            " · Illustrative data, not a real place" if self.illustrative and not labelled else ""
        )
        return f"{self.study_area} · {self.vintage}{note}"


def all_geoids(area: StudyArea) -> list[str]:
    """Every GEOID with figures (tracts without polygons too, so totals match the source)."""
    ids: set[str] = set(area.tracts.index)
    for table in area.tables.values():
        ids |= set(table.estimates.index)
    return sorted(ids)


def build_community_profile(
    area: StudyArea,
    geoids: Sequence[str],
    *,
    title: str,
    rule: str,
    country: str | None = None,
    whole: list[ProfileSection] | None = None,
) -> CommunityProfile:
    """Profile of ``geoids`` with a comparison to the whole study area.

    Parameters
    ----------
    area
        The study area.
    geoids
        Tracts of the area (see :func:`geo.analysis.catchments.select_tracts`).
    title, rule
        What the area is and how tracts were chosen (printed with the figures).
    country
        A country of origin (a B05006 label such as ``"Bangladesh"``) for a group profile.
    whole
        The whole study area's sections, if already computed (they are cached in the app).

    Raises
    ------
    DataNotAvailable
        If no tract is selected, or the country is unknown or B05006 is not loaded.
    """
    sections = build_profile(area.tables, list(geoids))
    whole = whole if whole is not None else build_study_area_sections(area)
    notes: list[str] = []
    if country:
        sections.insert(0, _country_section(area, geoids, country))
        whole = [_country_section(area, all_geoids(area), country), *whole]
        notes = [
            f"{s.table_id} ({TABLE_NAMES.get(s.table_id, 'table')}) is not broken down by "
            f"country of birth: its figures are for everyone in the area."
            for s in sections[1:]
            if s.table_id not in ("B05006",)
        ]
    compared = [_compare(s, whole) for s in sections]
    return CommunityProfile(
        title=title,
        study_area=area.label,
        vintage=area.vintage,
        illustrative=area.illustrative,
        rule=rule,
        geoids=tuple(geoids),
        group=country,
        sections=compared,
        missing=missing_sections(area.tables),
        notes=notes,
    )


def build_study_area_sections(area: StudyArea) -> list[ProfileSection]:
    """The whole study area's sections, every country listed (for the comparison column)."""
    return build_profile(area.tables, all_geoids(area), top_countries=0)


def _compare(section: ProfileSection, whole: list[ProfileSection]) -> ProfileSection:
    match = next((w for w in whole if w.title == section.title), None)
    rows = section.rows.copy()
    if match is None:
        for col in COMPARE:
            rows[f"area_{col}"] = float("nan")
        return ProfileSection(section.title, section.table_id, section.universe, rows)
    other = match.rows[["item", *COMPARE]].drop_duplicates("item")
    other = other.rename(columns={c: f"area_{c}" for c in COMPARE})
    rows = rows.merge(other, on="item", how="left")
    return ProfileSection(section.title, section.table_id, section.universe, rows)


def _country_section(area: StudyArea, geoids: Sequence[str], country: str) -> ProfileSection:
    lookup = country_variables(area.tables)
    if country not in lookup:
        raise DataNotAvailable(f"B05006 has no country of birth named {country!r}.")
    b05006 = area.tables["B05006"]
    ids = list(geoids)
    count, count_moe = _sum(b05006, lookup[country], ids)
    fb, fb_moe = _sum(b05006, b05006.find("Total"), ids)
    rows = [
        _share_row(f"Born in {country}: share of the foreign-born", count, count_moe, fb, fb_moe)
    ]
    if "B01003" in area.tables:
        pop_t = area.tables["B01003"]
        pop, pop_moe = _sum(pop_t, pop_t.find("Total"), ids)
        rows.append(
            _share_row(f"Born in {country}: share of all residents", count, count_moe, pop, pop_moe)
        )
    return ProfileSection(f"Group: born in {country}", "B05006", "Foreign born", pd.DataFrame(rows))


def _sum(table, var: str, geoids: list[str]) -> tuple[float, float]:
    est = table.estimates[var].reindex(geoids)
    moes = table.moes[var].reindex(geoids)
    total = float(est.sum(min_count=1))
    moe_total = float(m.moe_sum(moes.to_frame().T, est.to_frame().T).iloc[0])
    return total, moe_total


def _share_row(
    item: str, part: float, part_moe: float, whole: float, whole_moe: float
) -> dict[str, object]:
    s = pd.Series
    share = part / whole if whole else float("nan")
    share_moe = float(
        m.moe_proportion(s([part]), s([part_moe]), s([whole]), s([whole_moe])).iloc[0]
    )
    cv = m.coefficient_of_variation(s([part]), s([part_moe]))
    return {
        "item": item,
        "estimate": part,
        "moe": part_moe,
        "share": share,
        "share_moe": share_moe,
        "cv": float(cv.iloc[0]),
        "reliability": m.classify_reliability(cv).iloc[0],
    }

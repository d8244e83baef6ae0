"""The community scan of an area: profile sections with MOEs, one country-of-origin group,
and the same figures for the whole study area side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from geo.census import origins
from geo.census.area_words import say_study_area, say_vintage
from geo.census.indicators import country_variables
from geo.census.profiles import ProfileSection, build_profile, missing_sections
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.messages import N_, Message

# How tracts are counted in an area: stated with every profile, applied in geo.analysis.catchments.
RULES = {
    "centroid": N_("A tract is counted when its centroid lies inside the area."),
    "half_area": N_("A tract is counted when at least half of its area lies inside the area."),
}
ILLUSTRATIVE = N_("Illustrative data, not a real place")
COMPARE = ("estimate", "moe", "share", "share_moe", "reliability")
TABLE_NAMES = {
    "B01003": N_("total population"),
    "B05006": N_("place of birth"),
    "B05005": N_("period of entry"),
    "B05001": N_("citizenship"),
    "C16001": N_("language and English ability"),
    "C16002": N_("limited-English households"),
    "B06009": N_("education by place of birth"),
    "B06012": N_("poverty by place of birth"),
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
    countries: tuple[str, ...] = ()  # chosen in the filters: their combined row's name

    @property
    def stamp(self) -> str:
        """The vintage line printed on every figure shown or exported (English)."""
        return self.stamp_in()

    def stamp_in(self, translate: Callable[[str], str] = str) -> str:
        """The vintage line in the reader's words (``translate``: gettext of a language);
        the demo city stays plainly illustrative, an imported area's label stays as typed."""
        labelled = "not a real place" in self.study_area.casefold()
        note = f" · {translate(ILLUSTRATIVE)}" if self.illustrative and not labelled else ""
        area = say_study_area(self.study_area, translate)
        return f"{area} · {say_vintage(self.vintage, translate)}{note}"


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
    countries: Sequence[str] = (),
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
    countries
        Countries chosen in the filters: their combined total follows the foreign-born total.
    whole
        The whole study area's sections, if already computed (they are cached in the app).

    Raises
    ------
    DataNotAvailable
        If no tract is selected, or the country is unknown or B05006 is not loaded.
    """
    sections = build_profile(area.tables, list(geoids), countries=countries)
    whole = whole if whole is not None else build_study_area_sections(area)
    if countries and "B05006" in area.tables:
        whole = _with_chosen(area, whole, countries)
    notes: list[str] = []
    if country:
        sections.insert(0, _country_section(area, geoids, country))
        whole = [_country_section(area, all_geoids(area), country), *whole]
        notes = [
            Message(
                N_(
                    "{table} ({name}) is not broken down by country of birth: its figures "
                    "are for everyone in the area."
                ),
                table=s.table_id,
                name=Message(TABLE_NAMES.get(s.table_id, N_("table"))),
            )
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
        countries=tuple(countries),
    )


def build_study_area_sections(area: StudyArea) -> list[ProfileSection]:
    """The whole study area's sections, every country listed (for the comparison column)."""
    return build_profile(area.tables, all_geoids(area), top_countries=0)


def _with_chosen(
    area: StudyArea, whole: list[ProfileSection], countries: Sequence[str]
) -> list[ProfileSection]:
    """The whole area's origin section with the chosen countries' combined row too."""
    extra = origins.build_origin_rows(area.tables, all_geoids(area), countries).iloc[1:]
    out = []
    for s in whole:
        if s.title == origins.TITLE:
            rows = pd.concat([s.rows.iloc[:1], extra, s.rows.iloc[1:]], ignore_index=True)
            s = ProfileSection(s.title, s.table_id, s.universe, rows)
        out.append(s)
    return out


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
        raise DataNotAvailable.said(
            N_("B05006 has no country of birth named '{country}'."), country=country
        )
    b05006 = area.tables["B05006"]
    count, count_moe = origins.cells_total(b05006, [lookup[country]], geoids)
    fb, fb_moe = origins.cells_total(b05006, [b05006.find("Total")], geoids)
    item = f"Born in {country}"
    rows = [
        origins.figure_row(
            f"{item}: share of the foreign-born", count, count_moe, fb, fb_moe, origins.FOREIGN_BORN
        )
    ]
    if "B01003" in area.tables:
        pop_t = area.tables["B01003"]
        pop, pop_moe = origins.cells_total(pop_t, [pop_t.find("Total")], geoids)
        rows.append(
            origins.figure_row(
                f"{item}: share of all residents",
                count,
                count_moe,
                pop,
                pop_moe,
                origins.ALL_RESIDENTS,
            )
        )
    title = Message(N_("Group: born in {country}"), country=country)
    return ProfileSection(title, "B05006", N_("Foreign born"), pd.DataFrame(rows))

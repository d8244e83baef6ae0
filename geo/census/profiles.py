"""Community profiles: the newcomer figures of one tract or a group of tracts, with MOEs.

Counts over several tracts are summed with root-sum-of-squares MOEs; shares use the
handbook's proportion formula (``geo.census.moe``). Medians are never summed (none are used).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.census import moe as m
from geo.census import origins
from geo.census.acs import AcsTable
from geo.census.indicators import b05005_periods
from geo.errors import DataNotAvailable
from geo.messages import N_, Message


@dataclass(frozen=True)
class ProfileSection:
    """One block of a profile: rows of ``item, estimate, moe, share, share_moe, reliability``."""

    title: str
    table_id: str
    universe: str
    rows: pd.DataFrame


def _aggregate(table: AcsTable, variables: Sequence[str], geoids: Sequence[str]) -> pd.DataFrame:
    variables = list(dict.fromkeys(variables))
    est = table.estimates.reindex(list(geoids))[variables]
    moes = table.moes.reindex(list(geoids))[variables]
    total = est.sum(axis=0, min_count=1)
    moe_each = m.moe_sum(moes.T, est.T)
    # A part without a published MOE (non-ACS counts) leaves the sum's MOE unknown.
    moe_each[(moes.isna() & est.notna()).any(axis=0)] = float("nan")
    return pd.DataFrame({"estimate": total, "moe": moe_each})


def _section(
    table: AcsTable,
    title: str,
    parts: Sequence[str],
    universe: str,
    geoids: Sequence[str],
    *,
    top: int | None = None,
) -> ProfileSection:
    agg = _aggregate(table, [*parts, universe], geoids)
    whole, whole_moe = agg.loc[universe, "estimate"], agg.loc[universe, "moe"]
    rows = agg.loc[list(parts)].copy()
    rows.insert(0, "item", [_item_name(table, v) for v in parts])
    n = len(rows)
    rows["share"] = rows["estimate"] / whole if whole else float("nan")
    rows["share_moe"] = m.moe_proportion(
        rows["estimate"],
        rows["moe"],
        pd.Series([whole] * n, index=rows.index),
        pd.Series([whole_moe] * n, index=rows.index),
    )
    cv = m.coefficient_of_variation(rows["estimate"], rows["moe"])
    rows["cv"] = cv
    rows["reliability"] = m.classify_reliability(cv)
    rows.loc[rows["moe"].isna() & rows["estimate"].notna(), "reliability"] = "no_moe"
    rows = rows.sort_values("estimate", ascending=False).head(top) if top else rows
    universe_text = _universe(table, universe)
    rows.insert(rows.columns.get_loc("share_moe") + 1, "share_of", universe_text)
    return ProfileSection(title, table.table_id, universe_text, rows.reset_index(drop=True))


# Who each ACS table counts (its published universe), in the app's words (translated when
# shown: ``ui`` passes ``ProfileSection.universe`` through gettext).
UNIVERSES = {
    "B01003": N_("all residents"),
    "B05006": N_("foreign-born residents"),
    "B05005": N_("residents born outside the United States"),
    "B05001": N_("all residents"),
    "C16001": N_("residents aged 5 and over"),
    "C16002": N_("households"),
    "B06009": N_("foreign-born residents aged 25 and over"),
    "B06012": N_("foreign-born residents whose poverty status is known"),
}


def _universe(table: AcsTable, var: str) -> str:
    """The app's words for a table's universe; a named universe column is Census metadata."""
    name = table.name(var)
    if name != "Total":
        return name
    return UNIVERSES.get(table.table_id, var)  # own counts: the universe column's name


def _item_name(table: AcsTable, var: str) -> str:
    label = table.labels[var]
    # "Spanish > Speak English less than 'very well'" reads better as the group alone.
    generic = label[-1] in ("Foreign born", "Limited English speaking household")
    if len(label) >= 2 and (generic or "less than" in label[-1]):
        return label[-2]
    return label[-1]


def build_profile(
    tables: Mapping[str, AcsTable],
    geoids: Sequence[str],
    *,
    top_countries: int = 10,
    countries: Sequence[str] = (),
) -> list[ProfileSection]:
    """Profile sections for the tracts ``geoids``, for every table the study area has.

    The country-of-origin section opens with the foreign-born total (share of all
    residents), then ``countries`` combined when some are chosen, then the top countries.

    Raises
    ------
    DataNotAvailable
        If ``geoids`` is empty.
    """
    if not len(geoids):
        raise DataNotAvailable.said(N_("No tracts selected: pick a tract or an area first."))
    builders = {
        "B01003": _population,
        "B05006": lambda t, ids, top: _countries(tables, ids, top, countries),
        "B05005": _period,
        "B05001": _citizenship,
        "C16001": _english,
        "C16002": _households,
        "B06009": _education,
        "B06012": _poverty,
    }
    sections = []
    for table_id, builder in builders.items():
        if table_id in tables:
            sections.append(builder(tables[table_id], geoids, top_countries))
    for table_id, table in tables.items():
        if table_id not in builders:  # a generic table of counts (non-U.S. data)
            sections.append(_generic(table, geoids))
    return sections


def _generic(t: AcsTable, geoids: Sequence[str]) -> ProfileSection:
    title = Message(N_("Counts ({table})"), table=t.table_id)
    try:
        total = t.find("Total")
    except DataNotAvailable:
        section = _section(t, title, list(t.labels), next(iter(t.labels)), geoids)
        rows = section.rows.assign(share=float("nan"), share_moe=float("nan"), share_of="")
        return ProfileSection(section.title, t.table_id, "", rows)
    section = _section(t, title, [total, *t.children(total)], total, geoids)
    rows = section.rows.replace({"item": {"Total": total}})  # the universe column's own name
    return ProfileSection(section.title, section.table_id, section.universe, rows)


def missing_sections(tables: Mapping[str, AcsTable]) -> list[str]:
    """Tables a full profile uses that this study area lacks (shown as not available).

    A study area of its own counts (no ACS table at all) lacks none: it has its own figures.
    """
    wanted = ["B01003", "B05006", "B05005", "B05001", "C16001", "C16002", "B06009", "B06012"]
    if not any(t[:1] in "BC" and t[1:6].isdigit() for t in tables):
        return []
    return [t for t in wanted if t not in tables]


def _population(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    total = t.find("Total")
    return _section(t, N_("Total population"), [total], total, geoids)


def _countries(
    tables: Mapping[str, AcsTable], geoids: Sequence[str], top: int, chosen: Sequence[str]
) -> ProfileSection:
    t = tables["B05006"]
    each = _section(t, origins.TITLE, t.leaves(), t.find("Total"), geoids, top=top)
    first = origins.build_origin_rows(tables, geoids, chosen)
    rows = pd.concat([first, each.rows], ignore_index=True)
    return ProfileSection(each.title, each.table_id, each.universe, rows)


def _period(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    periods = b05005_periods(t)
    fb = _aggregate(t, periods, geoids)
    sec = _section(t, N_("Period of entry (foreign-born)"), periods, periods[0], geoids)
    whole, whole_moe = fb["estimate"].sum(), m.moe_sum(fb[["moe"]].T).iloc[0]
    rows = sec.rows.copy()
    rows["share"] = rows["estimate"] / whole if whole else float("nan")
    n = len(rows)
    rows["share_moe"] = m.moe_proportion(
        rows["estimate"], rows["moe"], pd.Series([whole] * n), pd.Series([whole_moe] * n)
    )
    rows["share_of"] = UNIVERSES["B05006"]
    return ProfileSection(sec.title, t.table_id, UNIVERSES["B05006"], rows)


def _citizenship(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    total = t.find("Total")
    return _section(t, N_("Citizenship"), t.children(total), total, geoids)


def _english(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    less = [v for v in t.leaves() if "less than" in t.name(v)]
    return _section(
        t, N_('Speak English less than "very well", by language'), less, t.find("Total"), geoids
    )


def _households(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    limited = [v for v in t.leaves() if t.name(v) == "Limited English speaking household"]
    return _section(
        t, N_("Limited-English-speaking households, by language"), limited, t.find("Total"), geoids
    )


def _education(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    fb = t.find("Total", "Foreign born")
    return _section(t, N_("Educational attainment (foreign-born, 25+)"), t.children(fb), fb, geoids)


def _poverty(t: AcsTable, geoids: Sequence[str], _: int) -> ProfileSection:
    fb = t.find("Total", "Foreign born")
    return _section(t, N_("Poverty status (foreign-born)"), t.children(fb), fb, geoids)

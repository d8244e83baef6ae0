"""Tract indicators of the newcomer community, each with its margin of error.

Every indicator is a count or a share built from ACS variables found by label; shares use
the handbook's proportion formula (``geo.census.moe``). A table the study area lacks makes the
indicator raise :class:`DataNotAvailable` rather than show zeros.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.census import moe as m
from geo.census.acs import AcsTable
from geo.errors import DataNotAvailable
from geo.i18n import N_
from geo.messages import enumeration

Tables = Mapping[str, AcsTable]


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """A mappable tract figure."""

    key: str
    label: str
    kind: str  # "share" (0..1) or "count"
    tables: tuple[str, ...]
    universe: str


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator(
            key="foreign_born_share",
            label=N_("Foreign-born share of population"),
            kind="share",
            tables=("B05006", "B01003"),
            universe="all residents",
        ),
        Indicator(
            key="origin_count",
            label=N_("Foreign-born from chosen countries (count)"),
            kind="count",
            tables=("B05006",),
            universe="foreign-born residents",
        ),
        Indicator(
            key="origin_share",
            label=N_("Foreign-born from chosen countries (share of population)"),
            kind="share",
            tables=("B05006", "B01003"),
            universe="all residents",
        ),
        Indicator(
            key="arrived_2010_share",
            label=N_("Arrived 2010 or later (share of foreign-born)"),
            kind="share",
            tables=("B05005",),
            universe="foreign-born residents",
        ),
        Indicator(
            key="noncitizen_share",
            label=N_("Not a U.S. citizen (share of population)"),
            kind="share",
            tables=("B05001",),
            universe="all residents",
        ),
        Indicator(
            key="limited_english_share",
            label=N_('Speaks English less than "very well" (share of age 5+)'),
            kind="share",
            tables=("C16001",),
            universe="residents aged 5 and over",
        ),
        Indicator(
            key="limited_english_households",
            label=N_("Limited-English-speaking households (share)"),
            kind="share",
            tables=("C16002",),
            universe="households",
        ),
        Indicator(
            key="fb_no_diploma_share",
            label=N_("Foreign-born adults without a high-school diploma (share)"),
            kind="share",
            tables=("B06009",),
            universe="foreign-born aged 25+",
        ),
        Indicator(
            key="fb_poverty_share",
            label=N_("Foreign-born below the poverty line (share)"),
            kind="share",
            tables=("B06012",),
            universe="foreign-born, poverty status known",
        ),
    )
}


@dataclass(frozen=True, kw_only=True)
class IndicatorOptions:
    """User choices that some indicators depend on."""

    countries: tuple[str, ...] = ()
    language_group: str | None = None


def _table(tables: Tables, table_id: str) -> AcsTable:
    if table_id not in tables:
        raise DataNotAvailable.said(
            N_(
                "Table {table} is not loaded for this study area, so this indicator is not "
                "available."
            ),
            table=table_id,
        )
    return tables[table_id]


def _var_sum(table: AcsTable, variables: Sequence[str]) -> tuple[pd.Series, pd.Series]:
    est = table.estimates[list(variables)]
    return est.sum(axis=1, min_count=1), m.moe_sum(table.moes[list(variables)], est)


def _finish(
    num: pd.Series,
    num_moe: pd.Series,
    den: pd.Series | None = None,
    den_moe: pd.Series | None = None,
) -> pd.DataFrame:
    if den is None or den_moe is None:
        value, value_moe = num.astype(float), num_moe.astype(float)
    else:
        value = num / den.where(den > 0)
        value_moe = m.moe_proportion(num, num_moe, den, den_moe)
    cv = m.coefficient_of_variation(value, value_moe)
    reliability = m.classify_reliability(cv)
    reliability[value_moe.isna() & value.notna()] = "no_moe"  # e.g. counts from a non-ACS source
    out = pd.DataFrame(
        {
            "estimate": value,
            "moe": value_moe,
            "cv": cv,
            "reliability": reliability,
            "numerator": num,
            "numerator_moe": num_moe,
        }
    )
    if den is not None:
        out["denominator"], out["denominator_moe"] = den, den_moe
    return out


def country_variables(tables: Tables) -> dict[str, str]:
    """Countries of origin in B05006 (leaf labels) -> variable id."""
    b05006 = _table(tables, "B05006")
    return {b05006.name(v): v for v in b05006.leaves()}


def language_groups(tables: Tables) -> list[str]:
    """C16001 language groups (the 12-group ACS classification)."""
    c16001 = _table(tables, "C16001")
    total = c16001.find("Total")
    return [c16001.name(v) for v in c16001.children(total) if c16001.children(v)]


def _origin(tables: Tables, countries: Sequence[str]) -> tuple[pd.Series, pd.Series]:
    if not countries:
        raise DataNotAvailable.said(N_("Choose at least one country of origin in the sidebar."))
    lookup = country_variables(tables)
    unknown = [c for c in countries if c not in lookup]
    if unknown:
        raise DataNotAvailable.said(
            N_("No B05006 figures for: {countries}."), countries=enumeration(unknown)
        )
    return _var_sum(tables["B05006"], [lookup[c] for c in countries])


def _total(table: AcsTable) -> tuple[pd.Series, pd.Series]:
    var = table.find("Total")
    return table.estimate(var), table.moe(var)


def _limited_english(tables: Tables, group: str | None) -> tuple[pd.Series, pd.Series]:
    c16001 = _table(tables, "C16001")
    less = [v for v in c16001.leaves() if "less than" in c16001.name(v)]
    if group:
        less = [v for v in less if c16001.labels[v][-2].casefold() == group.casefold()]
        if not less:
            raise DataNotAvailable.said(N_("C16001 has no language group '{group}'."), group=group)
    return _var_sum(c16001, less)


def compute_indicator(
    tables: Tables, key: str, options: IndicatorOptions = IndicatorOptions()
) -> pd.DataFrame:
    """Per-tract estimate, MOE, CV and reliability of one indicator.

    Returns
    -------
    DataFrame indexed by GEOID with ``estimate, moe, cv, reliability, numerator,
    numerator_moe`` and, for shares, ``denominator, denominator_moe``.

    Raises
    ------
    DataNotAvailable
        If a table the indicator needs is not loaded, or a choice it needs is missing.
    """
    if key not in INDICATORS:
        return _generic(tables, key)
    for table_id in INDICATORS[key].tables:
        _table(tables, table_id)
    if key == "foreign_born_share":
        return _finish(*_total(tables["B05006"]), *_total(tables["B01003"]))
    if key in ("origin_count", "origin_share"):
        num, num_moe = _origin(tables, options.countries)
        if key == "origin_count":
            return _finish(num, num_moe)
        return _finish(num, num_moe, *_total(tables["B01003"]))
    if key == "arrived_2010_share":
        return _finish(*_b05005_recent(tables["B05005"]), *_b05005_foreign_born(tables["B05005"]))
    if key == "noncitizen_share":
        t = tables["B05001"]
        var = t.find("Not a U.S. citizen")
        return _finish(t.estimate(var), t.moe(var), *_total(t))
    if key == "limited_english_share":
        return _finish(*_limited_english(tables, options.language_group), *_total(tables["C16001"]))
    if key == "limited_english_households":
        t = tables["C16002"]
        limited = [v for v in t.leaves() if t.name(v) == "Limited English speaking household"]
        return _finish(*_var_sum(t, limited), *_total(t))
    if key == "fb_no_diploma_share":
        t = tables["B06009"]
        return _finish(
            *_one(t, "Foreign born", "Less than high school graduate"), *_one(t, "Foreign born")
        )
    if key == "fb_poverty_share":
        t = tables["B06012"]
        return _finish(
            *_one(t, "Foreign born", "Below 100 percent of the poverty level"),
            *_one(t, "Foreign born"),
        )
    raise KeyError(key)


def _one(table: AcsTable, *path: str) -> tuple[pd.Series, pd.Series]:
    var = table.find("Total", *path)
    return table.estimate(var), table.moe(var)


def _b05005_foreign_born(t: AcsTable) -> tuple[pd.Series, pd.Series]:
    return _var_sum(t, b05005_periods(t))


def b05005_periods(t: AcsTable) -> list[str]:
    """The foreign-born line of each period of entry (Total > period > Foreign born)."""
    return [v for v, lab in t.labels.items() if len(lab) == 3 and lab[-1] == "Foreign born"]


def _b05005_recent(t: AcsTable) -> tuple[pd.Series, pd.Series]:
    return _one(t, "Entered 2010 or later", "Foreign born")


# A study area imported as "any polygons + counts" maps its own columns: one count per
# column, and a share when a universe column (the table's "Total") was named.
_ACS_TABLE = re.compile(r"^[BC]\d{5}[A-Z]?$")
_SEP = ":"


def _generic_indicators(table: AcsTable) -> list[Indicator]:
    try:
        total: str | None = table.find("Total")
    except DataNotAvailable:
        total = None
    out = []
    for var in table.labels:
        if var == total:
            continue
        name = table.name(var)
        key = _SEP.join(("counts", table.table_id, "count", var))
        out.append(
            Indicator(
                key=key,
                label=f"{name} (count)",
                kind="count",
                tables=(table.table_id,),
                universe=name,
            )
        )
        if total is not None:
            key = _SEP.join(("counts", table.table_id, "share", var))
            out.append(
                Indicator(
                    key=key,
                    label=f"{name} (share of {total})",
                    kind="share",
                    tables=(table.table_id,),
                    universe=total,
                )
            )
    return out


def indicators_for(tables: Tables) -> dict[str, Indicator]:
    """The indicators a study area can map: the ACS ones its tables allow, then one per
    column of its own counts (non-U.S. data), so no choice ends in "not available"."""
    out = {k: i for k, i in INDICATORS.items() if all(t in tables for t in i.tables)}
    for table_id, table in tables.items():
        if not _ACS_TABLE.match(table_id):
            out.update({i.key: i for i in _generic_indicators(table)})
    return out or dict(INDICATORS)


def get_indicator(tables: Tables, key: str) -> Indicator:
    """The indicator ``key`` (an ACS one, or a column of the study area's own counts).

    Raises
    ------
    DataNotAvailable
        If the study area has no such column.
    """
    if key in INDICATORS:
        return INDICATORS[key]
    found = indicators_for(tables).get(key)
    if found is None:
        raise DataNotAvailable.said(N_("This study area has no indicator '{key}'."), key=key)
    return found


def _generic(tables: Tables, key: str) -> pd.DataFrame:
    indicator = get_indicator(tables, key)
    table = tables[indicator.tables[0]]
    _, _, kind, var = key.split(_SEP, 3)
    num, num_moe = table.estimate(var), table.moe(var)
    if kind == "count":
        return _finish(num, num_moe)
    return _finish(num, num_moe, *_total(table))

"""The census figures above the home map, worded for every filter state.

Without a threshold no tract is "highlighted", so the figures describe the whole study
area; with thresholds they describe the tracts meeting them ("3 of 185"), and an empty
selection says so instead of printing 0 foreign-born residents. Counts carry their MOE
(root sum of squares over tracts, :func:`geo.census.origins.cells_total`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.census.acs import AcsTable
from geo.census.indicators import country_variables
from geo.census.origins import cells_total
from geo.i18n import N_, english_n, format_list


@dataclass(frozen=True)
class HeadlineFigure:
    """One figure: what it counts, its value as shown, and a tooltip saying how."""

    label: str
    value: str
    help: str


Number = Callable[[float], str]


def english_number(value: float) -> str:
    """``1391`` -> ``1,391``: the default when no interface language is given."""
    return f"{value:,.0f}"


def _count(value: float, moe: float, translate: Callable[[str], str], number: Number) -> str:
    if pd.isna(value):
        return translate(N_("not available"))
    if pd.isna(moe):
        return translate(N_("{value} (no MOE supplied)")).format(value=number(value))
    return f"{number(value)} ± {number(moe)}"


def compute_headline(
    tables: Mapping[str, AcsTable],
    tract_ids: Sequence[str],
    *,
    highlighted: Sequence[str] | None,
    countries: Sequence[str] = (),
    vintage: str = "",
    translate: Callable[[str], str] = str,
    n_: Callable[[str, str, int], str] = english_n,
    number: Number = english_number,
    locale: str | None = None,
) -> list[HeadlineFigure]:
    """Tract count and foreign-born figures for the map's current filters.

    Parameters
    ----------
    tract_ids
        Every tract of the study area (with figures or not).
    highlighted
        Tracts meeting the thresholds, or None when no threshold is set.
    countries
        Countries chosen in the filters: their combined count is added.
    vintage
        Printed in each figure's tooltip (the survey and vintage, or the user's source).
    translate, n_
        The interface language's ``gettext`` and ``ngettext`` (default: English).
    number
        Writes a count as the interface language does (``ui.i18n.number``: ``1 391`` in
        French); default English digit grouping.
    locale
        The interface language's code: two chosen countries are listed as it lists them
        (``墨西哥和中国``); joined by ", " without one.
    """
    everyone = [str(g) for g in tract_ids]
    scope = everyone if highlighted is None else [str(g) for g in highlighted]
    tr = translate
    source = " " + tr(N_("Source: {vintage}.")).format(vintage=vintage) if vintage else ""
    figures = [_tracts_figure(everyone, scope, highlighted is None, source, tr, number)]
    fb_label = tr(
        N_("Foreign-born in the study area") if highlighted is None else N_("Foreign-born in them")
    )
    if "B05006" not in tables:
        note = tr(N_("Table B05006 (place of birth) is not loaded for this study area."))
        return [*figures, HeadlineFigure(fb_label, tr(N_("not available")), note)]
    if not scope:
        empty = tr(N_("No tract meets every threshold: lower one in the sidebar."))
        return [*figures, HeadlineFigure(fb_label, tr(N_("no tracts")), empty)]
    b05006 = tables["B05006"]
    fb, fb_moe = cells_total(b05006, [b05006.find("Total")], scope)
    how = (
        tr(
            N_("Estimate ± 90% margin of error in the study area, summed over tracts.")
            if highlighted is None
            else N_("Estimate ± 90% margin of error in them, summed over tracts.")
        )
        + " "
        + tr(N_("(Root sum of squares.)"))
    )
    how += source
    figures.append(HeadlineFigure(fb_label, _count(fb, fb_moe, tr, number), how))
    known = [c for c in countries if c in country_variables(tables)]
    if known:
        figures.append(_countries_figure(tables, known, scope, how, (tr, n_, number), locale))
    return figures


def _countries_figure(
    tables: Mapping[str, AcsTable],
    known: list[str],
    scope: list[str],
    how: str,
    words: tuple[Callable[[str], str], Callable[[str, str, int], str], Number],
    locale: str | None,
) -> HeadlineFigure:
    """The combined count of residents born in the chosen countries."""
    tr, n_, number = words
    b05006, lookup = tables["B05006"], country_variables(tables)
    part, part_moe = cells_total(b05006, [lookup[c] for c in known], scope)
    names = (
        format_list(known, locale)
        if len(known) <= 2
        else n_("{count} chosen country", "{count} chosen countries", len(known)).format(
            count=number(len(known))
        )
    )
    label = tr(N_("Born in {countries}")).format(countries=names)
    return HeadlineFigure(label, _count(part, part_moe, tr, number), how)


def _tracts_figure(
    everyone: list[str],
    scope: list[str],
    whole: bool,
    source: str,
    tr: Callable[[str], str],
    number: Number,
) -> HeadlineFigure:
    if whole:
        return HeadlineFigure(
            tr(N_("Tracts")),
            number(len(everyone)),
            tr(N_("No threshold set: every tract is shown.")) + source,
        )
    return HeadlineFigure(
        tr(N_("Tracts meeting the thresholds")),
        tr(N_("{shown} of {total}")).format(shown=number(len(scope)), total=number(len(everyone))),
        tr(N_("Tracts meeting every acculturation threshold set in the sidebar.")),
    )

"""The census figures above the home map, worded for every filter state.

Without a threshold no tract is "highlighted", so the figures describe the whole study
area; with thresholds they describe the tracts meeting them ("3 of 185"), and an empty
selection says so instead of printing 0 foreign-born residents. Counts carry their MOE
(root sum of squares over tracts, :func:`geo.census.origins.cells_total`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.census.acs import AcsTable
from geo.census.indicators import country_variables
from geo.census.origins import cells_total


@dataclass(frozen=True)
class HeadlineFigure:
    """One figure: what it counts, its value as shown, and a tooltip saying how."""

    label: str
    value: str
    help: str


def _count(value: float, moe: float) -> str:
    if pd.isna(value):
        return "not available"
    if pd.isna(moe):
        return f"{value:,.0f} (no MOE supplied)"
    return f"{value:,.0f} ± {moe:,.0f}"


def compute_headline(
    tables: Mapping[str, AcsTable],
    tract_ids: Sequence[str],
    *,
    highlighted: Sequence[str] | None,
    countries: Sequence[str] = (),
    vintage: str = "",
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
    """
    everyone = [str(g) for g in tract_ids]
    scope = everyone if highlighted is None else [str(g) for g in highlighted]
    where = "in the study area" if highlighted is None else "in them"
    source = f" Source: {vintage}." if vintage else ""
    if highlighted is None:
        tracts = HeadlineFigure(
            "Tracts", f"{len(everyone):,}", "No threshold set: every tract is shown." + source
        )
    else:
        tracts = HeadlineFigure(
            "Tracts meeting the thresholds",
            f"{len(scope):,} of {len(everyone):,}",
            "Tracts meeting every acculturation threshold set in the sidebar.",
        )
    figures = [tracts]
    if "B05006" not in tables:
        note = "Table B05006 (place of birth) is not loaded for this study area."
        return [*figures, HeadlineFigure(f"Foreign-born {where}", "not available", note)]
    if not scope:
        empty = "No tract meets every threshold: lower one in the sidebar."
        return [*figures, HeadlineFigure(f"Foreign-born {where}", "no tracts", empty)]
    b05006 = tables["B05006"]
    fb, fb_moe = cells_total(b05006, [b05006.find("Total")], scope)
    how = f"Estimate ± 90% margin of error {where}, summed over tracts (root sum of squares)."
    how += source
    figures.append(HeadlineFigure(f"Foreign-born {where}", _count(fb, fb_moe), how))
    known = [c for c in countries if c in country_variables(tables)]
    if known:
        lookup = country_variables(tables)
        part, part_moe = cells_total(b05006, [lookup[c] for c in known], scope)
        names = ", ".join(known) if len(known) <= 2 else f"{len(known)} chosen countries"
        figures.append(HeadlineFigure(f"Born in {names}", _count(part, part_moe), how))
    return figures

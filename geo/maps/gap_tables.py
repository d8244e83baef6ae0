"""The gap map's layers as tables: tracts (need ± MOE, map class, gap rank), sites, branches.

Each table holds exactly what :func:`geo.maps.gap_map.build_gap_map` draws for the same
question (issue 15): every tract outline with its need figure and class, the matching
sites that have a location. Its branches are the home map's table, the same rows
(:func:`geo.maps.layer_tables.build_branch_table`). Public fields only.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from geo.analysis.gaps import GapResult
from geo.i18n import N_, english_n
from geo.maps.layer_tables import (
    branch_legend_line,
    build_site_table,
    build_tract_table,
    count_text,
    legend_lines,
    site_labels,
)
from geo.maps.layers import SCHEMES, Classes, classify
from geo.maps.sites import site_places

RANK_COLUMN = N_("Gap rank")
OUTLINED_COLUMN = N_("Outlined as a top gap")


def need_classes(result: GapResult) -> Classes:
    """The map's classes of need (quantiles; zeros fall in the first class)."""
    need = result.ranking.set_index("geoid")["need"]
    return classify(need.where(need > 0), "quantiles")


def top_gaps(result: GapResult, outlines: pd.DataFrame, top: int) -> pd.DataFrame:
    """The ``top`` best-ranked tracts the map outlines (those with an outline)."""
    best = result.ranking.dropna(subset=["rank"]).nsmallest(top, "rank")
    return best[best["geoid"].isin(outlines.index)]


def build_gap_tract_table(
    outlines: pd.DataFrame,
    result: GapResult,
    *,
    top: int,
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> pd.DataFrame:
    """One row per tract drawn: need ± 90% MOE, reliability, map class, gap rank, outline.

    Parameters
    ----------
    outlines
        The tract outlines the map draws, indexed by GEOID, with ``NAME``.
    result
        The ranking drawn (:func:`geo.analysis.gaps.compute_gaps`).
    top
        How many best-ranked tracts the map outlines.
    translate, locale
        The interface language's ``gettext`` (headings, the need label, words) and code
        (the classes' numbers, as the map's legend writes them).
    """
    ranking = result.ranking.set_index("geoid")
    values = ranking.rename(columns={"need": "estimate", "need_moe": "moe"})
    table = build_tract_table(
        outlines,
        values[["estimate", "moe", "reliability"]],
        need_classes(result),
        label=result.texts(translate, locale).need_label,
        kind="count",
        highlighted=pd.Index([]),
        show_highlight=False,
        translate=translate,
        locale=locale,
    )
    rank = ranking["rank"].reindex(outlines.index)
    table.insert(2, translate(RANK_COLUMN), rank.astype("Int64").to_numpy())
    outlined = outlines.index.isin(top_gaps(result, outlines, top)["geoid"])
    table[translate(OUTLINED_COLUMN)] = outlined
    return table


def build_gap_site_table(
    result: GapResult, translate: Callable[[str], str] = str, locale: str | None = None
) -> pd.DataFrame:
    """One row per matching site the map draws (those with a location), public fields;
    ``locale`` lists each site's services and languages as the interface language does."""
    placed = result.sites.dropna(subset=["lat", "lon"]).copy()
    placed["place"] = site_places(placed)
    placed[["service_labels", "language_labels"]] = site_labels(placed)
    return build_site_table(placed, translate=translate, locale=locale)


def gap_legend_lines(
    tract_table: pd.DataFrame,
    result: GapResult,
    *,
    sites: int,
    branches: int,
    translate: Callable[[str], str] = str,
    n_: Callable[[str, str, int], str] = english_n,
    locale: str | None = None,
) -> list[str]:
    """The gap map's legend as text: classes with counts, the outlines, sites, branches.

    ``locale`` writes the numbers as the map's legend box does (English without one).
    """
    tr = translate
    lines = legend_lines(
        need_classes(result),
        tract_table,
        label=result.texts(tr, locale).need_label,
        kind="count",
        scheme=tr(SCHEMES["quantiles"]),
        translate=tr,
        n_=n_,
        locale=locale,
    )
    outlined = int(tract_table[tr(OUTLINED_COLUMN)].sum())
    lines += [
        tr(N_("thick magenta outline: the {count} best-ranked gaps")).format(
            count=count_text(outlined, locale)
        ),
        n_(
            "orange circle: a matching organization site ({count} drawn)",
            "orange circles: matching organization sites ({count} drawn)",
            sites,
        ).format(count=count_text(sites, locale)),
        branch_legend_line(branches, result.question.catchment_m, n_, locale),
    ]
    return lines

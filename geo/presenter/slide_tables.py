"""A slide map's layers as tables (tracts, organizations, branches) and its legend as text.

The text alternative of :func:`geo.presenter.slide_map.build_slide_map` (issue 15): the same
rows the slide draws, in the same classes, with the asset map's table builders
(:mod:`geo.maps.layer_tables`) so headings, words and CSVs read alike on every map. Public
fields only, as on the slide: an organization's name, services and languages, never its
contact persons or notes. Headings and words in the language of ``translate``, numbers of
the legend's classes as ``code`` writes them; names stay as recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from geo.census.study_area import StudyArea
from geo.i18n import english_n
from geo.maps.layer_tables import (
    BRANCH_TABLE_COLUMNS,
    CLASS_COLUMN,
    NOT_AVAILABLE,
    RELIABILITY_COLUMN,
    SITE_TABLE_COLUMNS,
    build_branch_table,
    build_site_table,
    build_tract_table,
    legend_lines,
    site_labels,
)
from geo.maps.layers import SCHEMES, format_value
from geo.presenter.slide_map import SlideFigures
from geo.view import View

Translate = Callable[[str], str]
Plural = Callable[[str, str, int], str]


@dataclass(frozen=True, kw_only=True)
class SlideTables:
    """What a slide's map draws, as tables, and its legend as lines of text."""

    tracts: pd.DataFrame
    organizations: pd.DataFrame
    branches: pd.DataFrame
    legend: tuple[str, ...]  # the first line names the indicator and its classes

    @property
    def rows(self) -> int:
        return len(self.tracts) + len(self.organizations) + len(self.branches)


def build_slide_tables(
    area: StudyArea,
    outlines: pd.DataFrame,
    figures: SlideFigures,
    view: View,
    *,
    translate: Translate = str,
    n_: Plural = english_n,
    code: str | None = None,
) -> SlideTables:
    """The slide's tracts (indicator ± 90% MOE, reliability, class), organizations and
    branches, as :func:`~geo.presenter.slide_map.build_slide_map` draws them.

    ``outlines`` are the tract outlines the map draws (indexed by GEOID, with ``NAME``);
    ``n_`` gives a count's singular or plural in the interface language.
    """
    tracts = build_tract_table(
        outlines,
        figures.values,
        figures.classes,
        label=figures.label,
        kind=figures.kind,
        highlighted=pd.Index([]),
        show_highlight=False,
        translate=translate,
        locale=code,
    )
    organizations = _present(
        figures.organizations.dropna(subset=["lat", "lon"]),
        SITE_TABLE_COLUMNS,
        build_site_table,
        translate,
    )
    branches = _present(area.branches, BRANCH_TABLE_COLUMNS, build_branch_table, translate)
    scheme = translate(SCHEMES.get(figures.classes.scheme, figures.classes.scheme))
    legend = legend_lines(
        figures.classes,
        _as_drawn(tracts, translate),
        label=figures.label,
        kind=figures.kind,
        scheme=f"{scheme} · {area.vintage}",
        translate=translate,
        n_=n_,
        locale=code,
    )
    legend += _point_lines(len(organizations), len(branches), view.radius_m, n_, code)
    return SlideTables(
        tracts=tracts,
        organizations=organizations,
        branches=branches,
        legend=tuple(legend),
    )


def _as_drawn(tracts: pd.DataFrame, translate: Translate) -> pd.DataFrame:
    """The tract table as the legend counts it: a tract with no figure is grey, not faded
    (the map fades an unreliable figure only when there is one)."""
    counted = tracts.copy()
    grey = counted[translate(CLASS_COLUMN)] == translate(NOT_AVAILABLE)
    counted.loc[grey, translate(RELIABILITY_COLUMN)] = "—"
    return counted


def _present(
    rows: pd.DataFrame,
    headings: dict[str, str],
    build: Callable[..., pd.DataFrame],
    translate: Translate,
) -> pd.DataFrame:
    """``build``'s table with only the columns the slide's data has (the slide carries
    fewer fields than the asset map: no opening hours or phones of organizations)."""
    if "category" in rows:  # organizations: their codes as words, as the asset map shows
        rows = rows.join(site_labels(rows))
    table = build(rows, translate=translate)
    missing = [translate(v) for k, v in headings.items() if k not in rows]
    return table.drop(columns=missing)


def _point_lines(
    organizations: int, branches: int, radius_m: float, n_: Plural, code: str | None
) -> list[str]:
    """The legend's lines for the organizations' and the branches' circles."""

    def count(n: float) -> str:
        return format_value(n, "count", code) if code else f"{n:,.0f}"

    return [
        n_(
            "orange circle: a matching organization ({count} drawn)",
            "orange circles: matching organizations ({count} drawn)",
            organizations,
        ).format(count=count(organizations)),
        n_(
            "dark blue circle: a library branch, with its {metres} m catchment dashed "
            "({count} drawn)",
            "dark blue circles: library branches, with their {metres} m catchments dashed "
            "({count} drawn)",
            branches,
        ).format(count=count(branches), metres=count(radius_m)),
    ]

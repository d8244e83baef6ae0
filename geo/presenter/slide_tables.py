"""A slide map's layers as tables (tracts, organizations, branches) and its legend as text.

The text alternative of :func:`geo.presenter.slide_map.build_slide_map` (issue 15): the same
rows the slide draws, in the same classes, with the asset map's table builders
(:mod:`geo.maps.layer_tables`) so headings, words and CSVs read alike on every map. Public
fields only, as on the slide: an organization's name, services and languages, never its
contact persons or notes. Headings and words in the language of ``translate``, numbers of
the legend's classes as ``code`` writes them; names stay as recorded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from geo.census.area_words import say_vintage
from geo.census.study_area import StudyArea
from geo.i18n import english_n
from geo.maps.layer_tables import (
    BRANCH_TABLE_COLUMNS,
    SITE_TABLE_COLUMNS,
    branch_legend_line,
    build_branch_table,
    build_site_table,
    build_tract_table,
    count_text,
    legend_lines,
    site_labels,
)
from geo.maps.layers import SCHEMES
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
        functools.partial(build_site_table, locale=code),
        translate,
    )
    branches = _present(area.branches, BRANCH_TABLE_COLUMNS, build_branch_table, translate)
    scheme = translate(SCHEMES.get(figures.classes.scheme, figures.classes.scheme))
    legend = legend_lines(
        figures.classes,
        tracts,
        label=figures.label,
        kind=figures.kind,
        scheme=f"{scheme} · {say_vintage(area.vintage, translate)}",
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
    return [
        n_(
            "orange circle: a matching organization ({count} drawn)",
            "orange circles: matching organizations ({count} drawn)",
            organizations,
        ).format(count=count_text(organizations, code)),
        branch_legend_line(branches, radius_m, n_, code),
    ]

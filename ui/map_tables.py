"""The gap map's and the walkabout map's layers as tables, and their legends as text.

Same pattern as the asset map's (:func:`ui.maps.show_layer_tables`): each layer the map
draws is a sortable ``st.dataframe`` with a CSV of the same rows (formula cells defused),
headings in the interface language, public fields only.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geo.analysis.gaps import GapResult
from geo.fieldwork.points import Stop
from geo.fieldwork.routes import Route
from geo.maps.gap_tables import (
    build_gap_site_table,
    build_gap_tract_table,
    gap_legend_lines,
)
from geo.maps.layer_tables import build_branch_table, table_csv
from geo.maps.route_tables import build_offered_table, build_walk_table
from ui.i18n import _, current, n_
from ui.maps import layer_table

_GAP_MEMO = "gaps.tables.memo"  # session state: the last ranking's tables (see _gap_tables)


def show_gap_tables(
    outlines: pd.DataFrame, result: GapResult, branches: pd.DataFrame, *, top: int
) -> None:
    """The gap map's legend as text, then its tracts, sites and branches as tables."""
    tracts, sites, placed, legend, files = _gap_tables(outlines, result, branches, top)
    _legend([_("Legend of the map: {legend}").format(legend=legend[0]), *legend[1:]])
    st.subheader(_("The map's layers as tables"))
    st.caption(_("Sort by clicking a column's header; each download holds the rows shown."))
    for title, table, name, download in (
        (_("Tracts ({count})"), tracts, "tracts", _("Download tracts (CSV)")),
        (_("Organization sites ({count})"), sites, "sites", _("Download sites (CSV)")),
        (_("Library branches ({count})"), placed, "branches", _("Download branches (CSV)")),
    ):
        layer_table(
            title.format(count=f"{len(table):,}"),
            table,
            name,
            download,
            page="gaps",
            csv=files[name],
        )


def _gap_tables(
    outlines: pd.DataFrame, result: GapResult, branches: pd.DataFrame, top: int
) -> tuple:
    """The tables, legend and CSVs, made once per ranking and language in this session.

    The ranking is itself made once per database version and question
    (``ui.gap_views.compute``), so holding the same object means the same rows.
    """
    key = (result, outlines, branches, top, current())
    memo = st.session_state.get(_GAP_MEMO)
    if memo is not None and _same(memo[0], key):
        return memo[1]
    tracts = build_gap_tract_table(outlines, result, top=top, translate=_, locale=current())
    sites = build_gap_site_table(result, translate=_, locale=current())
    placed = build_branch_table(branches, translate=_)
    legend = gap_legend_lines(
        tracts,
        result,
        sites=len(sites),
        branches=len(placed),
        translate=_,
        n_=n_,
        locale=current(),
    )
    files = {
        name: table_csv(t)
        for name, t in (("tracts", tracts), ("sites", sites), ("branches", placed))
    }
    made = (tracts, sites, placed, legend, files)
    st.session_state[_GAP_MEMO] = (key, made)
    return made


def show_walk_tables(
    route: Route | None, start: Stop, offered: Sequence[Stop], picked: Sequence[Stop]
) -> None:
    """The walkabout map's legend as text, the walk in order and the stops one can add."""
    _legend(
        [
            _("Legend of the map: {legend}").format(legend=_("the walk")),
            _("B (blue badge): the library branch, where the walk starts and ends"),
            _("numbered red badges and the red line: the stops in walking order")
            if route is not None
            else _("red dots: the stops picked (no route could be planned)"),
            _("grey dots: organizations inside the area you can add to the walk"),
            _("dashed blue outline: the walk's area"),
        ]
    )
    walk = build_walk_table(route, picked, translate=_, locale=current())
    grey = build_offered_table(start, offered, picked, translate=_, locale=current())
    st.subheader(_("The map's layers as tables"))
    layer_table(
        n_(
            "The walk, in order ({count} stop)", "The walk, in order ({count} stops)", len(picked)
        ).format(count=len(picked)),
        walk,
        "walk",
        _("Download the walk (CSV)"),
        page="walkabout",
    )
    layer_table(
        _("Organizations you can add ({count})").format(count=f"{len(grey):,}"),
        grey,
        "offered",
        _("Download the organizations you can add (CSV)"),
        page="walkabout",
    )


def _same(old: tuple, new: tuple) -> bool:
    """The same ranking, outlines and branches objects, the same top and language."""
    return all(a is b for a, b in zip(old[:3], new[:3], strict=True)) and old[3:] == new[3:]


def _legend(lines: list[str]) -> None:
    """A map's legend as plain text (never markup: names come from the data)."""
    st.text(lines[0] + "\n" + "\n".join(f"  • {line}" for line in lines[1:]))

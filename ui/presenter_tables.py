"""A slide's map as text and tables under the slide, in an expander (issue 15).

The audience sees a clean slide; the presenter, a screen-reader user or someone with the
keyboard opens the expander (a native disclosure button: Tab, then Enter or Space) to read
the legend as text and each layer the slide draws as a sortable table with its CSV, the
same builders and widgets as the asset map's tables (:func:`ui.maps.layer_table`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.census.study_area import StudyArea
from geo.presenter.slide_map import SlideFigures
from geo.presenter.slide_tables import build_slide_tables
from geo.view import View
from ui.i18n import _, current, n_, number
from ui.maps import TABLES_ON_UP_TO, layer_table


def show_slide_tables(
    area: StudyArea, outlines: pd.DataFrame, figures: SlideFigures, view: View, *, at: int
) -> None:
    """The slide's legend as text and its tracts, organizations and branches as tables.

    ``at`` is the slide's place in the story (keys differ per slide, so a table sorted on
    one slide does not carry its order to the next).
    """
    tables = build_slide_tables(area, outlines, figures, view, translate=_, n_=n_, code=current())
    with st.expander(_("This slide's map as text and tables (legend, tracts, organizations)")):
        legend = [_("Legend of the map: {legend}").format(legend=tables.legend[0])]
        st.text("\n".join([*legend, *(f"  • {line}" for line in tables.legend[1:])]))
        if tables.rows > TABLES_ON_UP_TO and not st.toggle(
            _("Show the tracts, organizations and branches as tables (sortable, with CSV)"),
            key="presenter.tables",
        ):
            return
        st.caption(_("Sort by clicking a column's header; each download holds the rows shown."))
        for title, table, name, download in (
            (_("Tracts ({count})"), tables.tracts, "tracts", _("Download tracts (CSV)")),
            (
                _("Organizations ({count})"),
                tables.organizations,
                "organizations",
                _("Download organizations (CSV)"),
            ),
            (
                _("Library branches ({count})"),
                tables.branches,
                "branches",
                _("Download branches (CSV)"),
            ),
        ):
            heading = title.format(count=number(len(table)))
            layer_table(heading, table, name, download, page=f"presenter.{at}")

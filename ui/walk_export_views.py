"""The planned walk's details, its three downloads and the save button."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import streamlit as st

from geo.db.walkabouts import save_walkabout
from geo.fieldwork.areas import AreaDefinition
from geo.fieldwork.engagement import TEAMS
from geo.fieldwork.exports import build_stop_table, to_csv_bytes
from geo.fieldwork.gpx import export_gpx
from geo.fieldwork.routes import Route
from geo.fieldwork.timing import StopVisit, plan_visits
from geo.fieldwork.walk_sheet import SheetInfo, build_walk_sheet
from geo.i18n import translator
from ui import fieldwork_common, resources, text
from ui.i18n import _, current, follows_language

FLASH = "walkabout.flash"
REPORT_WALK = "walk_report.chosen"  # the walk 'After the walk' shows (walk_report_views)
REPORT_PICKER = "walk_report.walk"


def _sheet_tracts(route: Route) -> list:
    outlines = resources.tract_outlines()
    lats = [s.lat for s in (route.start, *route.stops)]
    lons = [s.lon for s in (route.start, *route.stops)]
    near = outlines.cx[min(lons) - 0.01 : max(lons) + 0.01, min(lats) - 0.01 : max(lats) + 0.01]
    return list(near.geometry)


def _sheet_info(
    route: Route, area: AreaDefinition, starts_at: datetime, visits: Sequence[StopVisit]
) -> tuple[SheetInfo, list[str]]:
    c1, c2 = st.columns(2)
    title = c1.text_input(
        _("Title of the walk"), _("Neighbourhood walkabout"), key="walkabout.title"
    )
    team = c2.selectbox(
        _("Team"),
        ["", *TEAMS],
        format_func=fieldwork_common.team_name,
        key=follows_language("walkabout.team"),
    )
    questions = st.text_area(
        _("Questions to ask at every stop (one per line)"),
        _("What do newcomers ask you for?\nWho else should we meet?"),
        key="walkabout.questions",
    ).splitlines()
    info = SheetInfo(
        title=title,
        branch=route.start.label,
        planned_on=starts_at.date(),
        starts_at=starts_at,
        team=team,
        questions=[q for q in questions if q.strip()],
        area=area.describe(_),
        illustrative=resources.current_area().illustrative,
        visits=tuple(visits),
    )
    return info, questions


def exports_and_save(
    route: Route, area: AreaDefinition, branch_id: str, starts_at: datetime, minutes_at_stop: int
) -> None:
    """Walk details, the three downloads (built when clicked) and the save button."""
    fieldwork_common.flash(FLASH)
    visits = plan_visits(
        route, starts_at, opening=fieldwork_common.open_at, minutes_at_stop=minutes_at_stop
    )
    info, questions = _sheet_info(route, area, starts_at, visits)
    d1, d2, d3, d4 = st.columns(4)
    _downloads(route, info, (d1, d2, d3))
    if d4.button(_("Save this walk"), type="primary", key="walkabout.save"):
        _save(route, area, branch_id, info, questions)


def _downloads(route: Route, info: SheetInfo, columns: Sequence) -> None:
    """Walk sheet, GPX and CSV, each built when clicked, in the interface language."""
    tracts = _sheet_tracts(route)
    # The builders run when the button is clicked, maybe outside this script run: they get
    # the catalog of the language chosen now, not a lookup of the session.
    language = current()
    tr = translator(language).gettext
    columns[0].download_button(
        _("Walk sheet (PDF)"),
        lambda: build_walk_sheet(route, info, tracts, translate=tr, language=language),
        "walk-sheet.pdf",
        "application/pdf",
        key="walkabout.pdf",
        on_click="ignore",
    )
    columns[1].download_button(
        _("Route for phones (GPX)"),
        lambda: export_gpx(route, name=info.title, translate=tr),
        "walk.gpx",
        "application/gpx+xml",
        key="walkabout.gpx",
        on_click="ignore",
    )
    columns[2].download_button(
        _("Stop list (CSV)"),
        lambda: to_csv_bytes(build_stop_table(route, tr)),
        "stops.csv",
        "text/csv",
        key="walkabout.csv",
        on_click="ignore",
    )


def _save(
    route: Route, area: AreaDefinition, branch_id: str, info: SheetInfo, questions: list[str]
) -> None:
    """Store the walk (with the questions as typed) and open it under 'After the walk'."""
    fieldwork_common.write(
        lambda s, user: _open_in_report(
            save_walkabout(
                s,
                title=info.title,
                branch_id=branch_id,
                area=area.to_json(),
                stops=list(route.stops),
                user=user,
                planned_on=info.planned_on,
                team=info.team,
                questions=questions,
                speed_kmh=route.speed_kmh,
                distance_m=route.total_distance_m,
            )
        ),
        flash_key=FLASH,
        success=_("Saved '{title}'. Record what you found under 'After the walk'.").format(
            title=text.literal(info.title)
        ),
    )


def _open_in_report(walk_id: str) -> str:
    """'After the walk' opens the walk just saved (not the first by date and title)."""
    st.session_state[REPORT_WALK] = walk_id
    st.session_state.pop(REPORT_PICKER, None)  # the picker starts again at REPORT_WALK
    return walk_id

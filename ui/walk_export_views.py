"""The planned walk's details, its three downloads and the save button."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.db.walkabouts import save_walkabout
from geo.fieldwork.areas import AreaDefinition
from geo.fieldwork.engagement import TEAMS
from geo.fieldwork.exports import build_stop_table, to_csv_bytes
from geo.fieldwork.gpx import export_gpx
from geo.fieldwork.routes import Route
from geo.fieldwork.walk_sheet import SheetInfo, build_walk_sheet
from ui import fieldwork_common, resources

FLASH = "walkabout.flash"


def _sheet_tracts(route: Route) -> list:
    outlines = resources.tract_outlines()
    lats = [s.lat for s in (route.start, *route.stops)]
    lons = [s.lon for s in (route.start, *route.stops)]
    near = outlines.cx[min(lons) - 0.01 : max(lons) + 0.01, min(lats) - 0.01 : max(lats) + 0.01]
    return list(near.geometry)


def _sheet_info(route: Route, area: AreaDefinition) -> tuple[SheetInfo, list[str]]:
    c1, c2, c3 = st.columns(3)
    title = c1.text_input("Title of the walk", "Neighbourhood walkabout", key="walkabout.title")
    planned_on = c2.date_input("Date", date.today(), key="walkabout.date")
    team = c3.selectbox("Team", ["", *TEAMS], key="walkabout.team")
    questions = st.text_area(
        "Questions to ask at every stop (one per line)",
        "What do newcomers ask you for?\nWho else should we meet?",
        key="walkabout.questions",
    ).splitlines()
    info = SheetInfo(
        title=title,
        branch=route.start.label,
        planned_on=planned_on,
        team=team,
        questions=[q for q in questions if q.strip()],
        area=area.describe(),
        illustrative=resources.current_area().illustrative,
    )
    return info, questions


def exports_and_save(route: Route, area: AreaDefinition, branch_id: str) -> None:
    """Walk details, the three downloads (built when clicked) and the save button."""
    fieldwork_common.flash(FLASH)
    info, questions = _sheet_info(route, area)
    tracts = _sheet_tracts(route)
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button(
        "Walk sheet (PDF)",
        lambda: build_walk_sheet(route, info, tracts),
        "walk-sheet.pdf",
        "application/pdf",
        key="walkabout.pdf",
        on_click="ignore",
    )
    d2.download_button(
        "Route for phones (GPX)",
        lambda: export_gpx(route, name=info.title),
        "walk.gpx",
        "application/gpx+xml",
        key="walkabout.gpx",
        on_click="ignore",
    )
    d3.download_button(
        "Stop list (CSV)",
        lambda: to_csv_bytes(build_stop_table(route)),
        "stops.csv",
        "text/csv",
        key="walkabout.csv",
        on_click="ignore",
    )
    if d4.button("Save this walk", type="primary", key="walkabout.save"):
        fieldwork_common.write(
            lambda s, user: save_walkabout(
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
            ),
            flash_key=FLASH,
            success=f"Saved '{info.title}'. Record what you found under 'After the walk'.",
        )

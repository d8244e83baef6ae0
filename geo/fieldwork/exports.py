"""Tables of field work as CSV (UTF-8 with BOM; formula-like cells neutralized)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from geo.cells import neutralize_cell
from geo.fieldwork.routes import Route
from geo.i18n import N_

STOP_COLUMNS = (
    "number",
    "name",
    "address",
    "languages",
    "services",
    "lat",
    "lon",
    "organization_id",
    "leg_distance_m",
    "leg_walk_minutes",
)


def build_stop_table(route: Route, translate: Callable[[str], str] = str) -> pd.DataFrame:
    """One row per stop in walking order, with the leg that reaches it, then the way back.

    The column names are the file's field names (English, like a schema); ``translate``
    turns the words of the last row ("Back to ...") into the reader's language.
    """
    rows = []
    for number, (stop, leg) in enumerate(zip(route.stops, route.legs, strict=False), start=1):
        rows.append(
            {
                "number": number,
                "name": stop.label,
                "address": stop.address,
                "languages": stop.languages,
                "services": stop.services,
                "lat": round(stop.lat, 6),
                "lon": round(stop.lon, 6),
                "organization_id": stop.organization_id or "",
                "leg_distance_m": round(leg.distance_m),
                "leg_walk_minutes": round(leg.walk_minutes, 1),
            }
        )
    back = route.legs[-1]
    rows.append(
        {
            "number": None,
            "name": translate(N_("Back to {place}")).format(place=route.start.label),
            "address": route.start.address,
            "languages": "",
            "services": "",
            "lat": round(route.start.lat, 6),
            "lon": round(route.start.lon, 6),
            "organization_id": "",
            "leg_distance_m": round(back.distance_m),
            "leg_walk_minutes": round(back.walk_minutes, 1),
        }
    )
    table = pd.DataFrame(rows, columns=list(STOP_COLUMNS))
    # Whole numbers with an empty last cell: one type, so Arrow (st.dataframe) can show it.
    return table.astype({"number": "Int64"})


LEG_COLUMNS = (N_("leg"), N_("from"), N_("to"), N_("distance (m)"), N_("walk (min)"))


def build_leg_table(route: Route, translate: Callable[[str], str] = str) -> pd.DataFrame:
    """Legs with distances and walking times, for the page (headings in the reader's words)."""
    rows = [
        (
            leg.number,
            leg.from_label,
            leg.to_label,
            round(leg.distance_m),
            round(leg.walk_minutes, 1),
        )
        for leg in route.legs
    ]
    return pd.DataFrame(rows, columns=[translate(c) for c in LEG_COLUMNS])


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for spreadsheets: UTF-8 with BOM, CRLF, text starting with = + - @ neutralized."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize_cell)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")

"""Tables of field work as CSV (UTF-8 with BOM; formula-like cells neutralized)."""

from __future__ import annotations

import pandas as pd

from geo.cells import neutralize_cell
from geo.fieldwork.routes import Route

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


def build_stop_table(route: Route) -> pd.DataFrame:
    """One row per stop in walking order, with the leg that reaches it, then the way back."""
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
            "name": f"Back to {route.start.label}",
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


def build_leg_table(route: Route) -> pd.DataFrame:
    """Legs with distances and walking times, for the page."""
    return pd.DataFrame(
        [
            {
                "leg": leg.number,
                "from": leg.from_label,
                "to": leg.to_label,
                "distance (m)": round(leg.distance_m),
                "walk (min)": round(leg.walk_minutes, 1),
            }
            for leg in route.legs
        ]
    )


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for spreadsheets: UTF-8 with BOM, CRLF, text starting with = + - @ neutralized."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize_cell)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")

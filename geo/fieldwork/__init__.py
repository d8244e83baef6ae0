"""Field work: walkabout routes and their exports, the engagement log, the action plan.

Pure domain code (no Streamlit, no database); storage lives in :mod:`geo.db.fieldwork`.
"""

from geo.fieldwork.areas import AreaDefinition, check_stops_in_area, haversine_m
from geo.fieldwork.routes import Leg, Route, Stop, plan_walkabout

__all__ = [
    "AreaDefinition",
    "Leg",
    "Route",
    "Stop",
    "check_stops_in_area",
    "haversine_m",
    "plan_walkabout",
]

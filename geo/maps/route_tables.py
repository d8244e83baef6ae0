"""The walkabout map's layers as tables: the walk in order with its distances, the stops offered.

Each table holds what :mod:`geo.maps.route_map` draws (issue 15): the branch (``B``, start
and end), the numbered stops in walking order with the distance and time of the leg that
reaches each one, and the grey dots a team can still add. Public fields only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from geo.fieldwork.points import Stop, haversine_m
from geo.fieldwork.routes import Route
from geo.i18n import N_
from geo.maps.layer_tables import translated_list

BRANCH_MARK = "B"
_PLACE_COLUMNS = {
    "label": N_("Place"),
    "address": N_("Address"),
    "services": N_("Services"),
    "languages": N_("Languages"),
    "hours": N_("Opening hours"),
}
WALK_COLUMNS = (
    N_("Stop"),
    *_PLACE_COLUMNS.values(),
    N_("Distance from the previous stop (m)"),
    N_("Walk from the previous stop (min)"),
    N_("Distance walked so far (m)"),
    N_("Latitude"),
    N_("Longitude"),
)
OFFERED_COLUMNS = (
    *_PLACE_COLUMNS.values(),
    N_("Distance from the branch, straight line (m)"),
    N_("Latitude"),
    N_("Longitude"),
)


def _place(stop: Stop, translate: Callable[[str], str], locale: str | None) -> list[object]:
    """A stop's name, address, services, languages (in words) and opening hours."""
    return [
        stop.label,
        stop.address,
        translated_list(stop.services, translate, locale),
        translated_list(stop.languages, translate, locale),
        stop.hours,
    ]


def build_walk_table(
    route: Route | None,
    picked: Sequence[Stop],
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> pd.DataFrame:
    """The walk as the map draws it: the branch, each stop in order, the branch again.

    Parameters
    ----------
    route
        The planned walk; None when none could be planned (the map then draws the picked
        stops as red dots without numbers, and the table lists them without distances).
    picked
        The stops chosen (used when ``route`` is None).
    translate, locale
        The interface language's ``gettext`` (headings, services and languages) and code
        (services and languages listed as it lists them).

    Returns
    -------
    pandas.DataFrame
        One row per mark on the map, ``B`` for the branch; distances in whole metres.
    """
    if route is None:
        rows = [["", *_place(s, translate, locale), None, None, None, s.lat, s.lon] for s in picked]
        return pd.DataFrame(rows, columns=[translate(c) for c in WALK_COLUMNS])
    start = route.start
    rows = [[BRANCH_MARK, *_place(start, translate, locale), None, None, 0, start.lat, start.lon]]
    walked = 0.0
    marks = [*(str(n) for n in range(1, len(route.stops) + 1)), BRANCH_MARK]
    for mark, stop, leg in zip(marks, [*route.stops, start], route.legs, strict=True):
        walked += leg.distance_m
        rows.append(
            [
                mark,
                *_place(stop, translate, locale),
                round(leg.distance_m),
                round(leg.walk_minutes, 1),
                round(walked),
                stop.lat,
                stop.lon,
            ]
        )
    return pd.DataFrame(rows, columns=[translate(c) for c in WALK_COLUMNS])


def build_offered_table(
    start: Stop,
    offered: Sequence[Stop],
    picked: Sequence[Stop],
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> pd.DataFrame:
    """The grey dots: every stop offered that is not on the walk, nearest to the branch first."""
    chosen = {(s.lat, s.lon, s.label) for s in picked}
    rows = [
        [
            *_place(s, translate, locale),
            round(haversine_m(start.lat, start.lon, s.lat, s.lon)),
            s.lat,
            s.lon,
        ]
        for s in offered
        if (s.lat, s.lon, s.label) not in chosen
    ]
    columns = [translate(c) for c in OFFERED_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(columns[5], kind="stable").reset_index(drop=True)

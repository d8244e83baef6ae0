"""What the home map says in words: layer names, notices, and the words its browser half writes.

Each takes the interface language's ``gettext`` (and ``ngettext``); English by default.
Names of places and organizations are data and stay as recorded.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from geo.census.study_area import StudyArea
from geo.filters import Filters, unavailable_thresholds
from geo.i18n import N_
from geo.maps.layers import escape
from geo.maps.sites import ID_COLUMN
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES


def threshold_notices(
    acculturation: pd.DataFrame, filters: Filters, tr: Callable[[str], str]
) -> list[str]:
    return [
        tr(N_("No data for the threshold on {name} in this study area.")).format(
            name=i.replace("_", " ")
        )
        for i in unavailable_thresholds(acculturation, filters)
    ]


def layer_names(
    area: StudyArea,
    label: str,
    filters: Filters,
    highlighted: pd.Index,
    matching: pd.DataFrame,
    radius_m: float,
    tiles: str,
    tr: Callable[[str], str],
    n_: Callable[[str, str, int], str],
) -> dict[str, str]:
    organizations, sites = matching[ID_COLUMN].nunique(), len(matching)
    names = {
        "tracts": tr(N_("Tracts: {indicator}")).format(indicator=label),
        "rings": tr(N_("Branch catchments ({radius} m)")).format(radius=f"{radius_m:,.0f}"),
        "branches": tr(N_("Library branches ({count})")).format(count=len(area.branches)),
        "sites": n_(
            "Organizations ({organizations} at {sites} site)",
            "Organizations ({organizations} at {sites} sites)",
            sites,
        ).format(organizations=f"{organizations:,}", sites=f"{sites:,}"),
    }
    if area.basemap is not None and not tiles:
        names["basemap"] = tr(N_("Base map (river, parks, roads, names)"))
    if filters.thresholds:
        names["highlight"] = tr(N_("Tracts meeting the thresholds ({count})")).format(
            count=len(highlighted)
        )
    return {k: escape(v) for k, v in names.items()}


# The words the browser half of the home map writes itself (static/atlas/home_map.js).
MAP_WORDS = (
    N_("not available"),
    N_("(90% margin of error)"),
    N_("Languages:"),
    N_("Library branch: {name}"),
    N_("{count} library branches"),
    N_("{count} organization sites"),
)


def map_words(translate: Callable[[str], str]) -> dict[str, str]:
    """The map's own words and the service and language names its tooltips show, in the
    interface language; only those that differ from English (an English map sends none)."""
    english = (*MAP_WORDS, *SERVICE_CATEGORIES.values(), *LANGUAGES.values())
    return {text: shown for text in english if (shown := translate(text)) != text}

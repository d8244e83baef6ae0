"""A slide's view: the public choices that make a map (study area, filters, indicator, breaks,
catchment radius, centre and zoom), kept as the shared view's query-string parameters.

The keys are those of the shared view link (``page, area, country, language, category,
arrived, limited_english, noncitizen, indicator, breaks, radius, at``), so a slide and a
bookmark describe a view the same way. Only values that differ from the defaults are stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from geo.filters import Filters

DEFAULT_INDICATOR = "foreign_born_share"
DEFAULT_SCHEME = "quantiles"
DEFAULT_RADIUS_M = 1000
_LISTS = {"country": "countries", "language": "languages", "category": "categories"}
_THRESHOLDS = {
    "arrived": "min_arrived_2010_pct",
    "limited_english": "min_limited_english_hh_pct",
    "noncitizen": "min_noncitizen_pct",
}


@dataclass(frozen=True, kw_only=True)
class SlideView:
    """What a slide shows; ``centre`` (lat, lon) and ``zoom`` None = fit the study area."""

    study_area: str = ""
    filters: Filters = field(default_factory=Filters)
    indicator: str = DEFAULT_INDICATOR
    scheme: str = DEFAULT_SCHEME
    radius_m: int = DEFAULT_RADIUS_M
    centre: tuple[float, float] | None = None
    zoom: int | None = None


def view_to_params(view: SlideView) -> dict[str, list[str]]:
    """The view as query parameters; lists repeat (country names contain commas)."""
    params: dict[str, list[str]] = {}
    if view.study_area:
        params["area"] = [view.study_area]
    for key, name in _LISTS.items():
        if values := list(getattr(view.filters, name)):
            params[key] = values
    for key, name in _THRESHOLDS.items():
        if pct := getattr(view.filters, name):
            params[key] = [f"{pct:g}"]
    if view.indicator != DEFAULT_INDICATOR:
        params["indicator"] = [view.indicator]
    if view.scheme != DEFAULT_SCHEME:
        params["breaks"] = [view.scheme]
    if view.radius_m != DEFAULT_RADIUS_M:
        params["radius"] = [str(view.radius_m)]
    if view.centre is not None and view.zoom is not None:
        params["at"] = [f"{view.centre[0]:.5f},{view.centre[1]:.5f},{view.zoom}"]
    return params


def view_from_params(params: Mapping[str, Sequence[str]]) -> SlideView:
    """The view stored by :func:`view_to_params` (exactly; the store never holds bad values)."""

    def one(key: str, default: str = "") -> str:
        values = list(params.get(key, ()))
        return values[0] if values else default

    filters = Filters(
        countries=tuple(params.get("country", ())),
        languages=tuple(params.get("language", ())),
        categories=tuple(params.get("category", ())),
        min_arrived_2010_pct=float(one("arrived", "0")),
        min_limited_english_hh_pct=float(one("limited_english", "0")),
        min_noncitizen_pct=float(one("noncitizen", "0")),
    )
    centre, zoom = None, None
    if at := one("at"):
        lat, lon, level = at.split(",")
        centre, zoom = (float(lat), float(lon)), int(level)
    return SlideView(
        study_area=one("area"),
        filters=filters,
        indicator=one("indicator", DEFAULT_INDICATOR),
        scheme=one("breaks", DEFAULT_SCHEME),
        radius_m=int(one("radius", str(DEFAULT_RADIUS_M))),
        centre=centre,
        zoom=zoom,
    )

"""The shared view: what a user looks at, as one typed object that a link can carry.

Page, study area, sidebar filters, indicator, class breaks, catchment radius, map centre and
zoom travel together between pages and in the URL's query string, so a bookmark or a link
sent to a colleague reopens the same view. Reading a query string never raises: an unknown
or bad parameter is dropped with a note saying which and why, and its default is used.
The notes (:mod:`geo.link_notes`) are Messages the page says in the reader's language.

Only values that differ from the defaults are written, so a plain link stays plain.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from geo import link_notes
from geo.census.indicators import INDICATORS
from geo.filters import Filters
from geo.maps.layers import SCHEMES
from geo.messages import Message
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES

Params = Mapping[str, Sequence[str]]  # every value of each key, as st.query_params.get_all

DEFAULT_INDICATOR = "foreign_born_share"
DEFAULT_SCHEME = "quantiles"
DEFAULT_RADIUS_M = 1000
RADIUS_RANGE_M = (250, 5000, 250)  # min, max, step of the catchment slider
THRESHOLD_STEP = 5
MAX_ZOOM = 18
ZOOM_STEPS = 4  # zoom levels come in quarters (Leaflet zoomSnap 0.25)
# URL key -> Filters field for the three acculturation thresholds (percent, 0-100).
THRESHOLD_KEYS = {
    "arrived": "min_arrived_2010_pct",
    "limited_english": "min_limited_english_hh_pct",
    "noncitizen": "min_noncitizen_pct",
}
LIST_KEYS = {"country": "countries", "language": "languages", "category": "categories"}
KEYS = ("page", "area", *LIST_KEYS, *THRESHOLD_KEYS, "indicator", "breaks", "radius", "at")


@dataclass(frozen=True, kw_only=True)
class View:
    """One view of the atlas; every field has the default a plain link opens with.

    ``page`` is the page's URL path ('' = the home map); ``study_area`` a study-area name;
    ``centre`` a (lat, lon) pair and ``zoom`` a Leaflet zoom level, or None for "fit the
    study area".
    """

    page: str = ""
    study_area: str = ""
    filters: Filters = field(default_factory=Filters)
    indicator: str = DEFAULT_INDICATOR
    scheme: str = DEFAULT_SCHEME
    radius_m: int = DEFAULT_RADIUS_M
    centre: tuple[float, float] | None = None
    zoom: float | None = None


@dataclass(frozen=True)
class ParsedView:
    """A view read from a query string, and a note for every parameter that was dropped."""

    view: View
    notes: tuple[Message, ...] = ()


def view_to_params(view: View, default: View | None = None) -> dict[str, list[str]]:
    """The query parameters of ``view``: only what differs from ``default``.

    Lists (countries, languages, categories) become repeated keys, since country names
    contain commas ('China, excluding Hong Kong and Taiwan').
    """
    base = default or View()
    params: dict[str, list[str]] = {}
    if view.page != base.page:
        params["page"] = [view.page]
    if view.study_area != base.study_area:
        params["area"] = [view.study_area]
    for key, name in LIST_KEYS.items():
        if values := list(getattr(view.filters, name)):
            params[key] = values
    for key, name in THRESHOLD_KEYS.items():
        if pct := getattr(view.filters, name):
            params[key] = [f"{pct:g}"]
    if view.indicator != base.indicator:
        params["indicator"] = [view.indicator]
    if view.scheme != base.scheme:
        params["breaks"] = [view.scheme]
    if view.radius_m != base.radius_m:
        params["radius"] = [str(view.radius_m)]
    if view.centre is not None and view.zoom is not None:
        lat, lon = view.centre
        params["at"] = [f"{lat:.5f},{lon:.5f},{view.zoom:g}"]
    return params


def view_from_params(
    params: Params,
    *,
    pages: Collection[str],
    study_areas: Collection[str],
    default: View | None = None,
) -> ParsedView:
    """Read a view from query parameters; anything unknown or bad becomes a note.

    Parameters
    ----------
    params
        Every value of every key (``{key: st.query_params.get_all(key)}``).
    pages, study_areas
        URL paths of the pages the visitor may open, and the study-area names on disk.
    default
        The view a plain link opens (default: :class:`View`).

    Returns
    -------
    ParsedView
        The view, with the default for each dropped parameter, and one note per problem.
        Countries are checked later against the study area's tables
        (:func:`keep_known_countries`), because they depend on the study area.
    """
    base = default or View()
    notes: list[Message] = [link_notes.unknown_parameter(key) for key in params if key not in KEYS]

    def one(key: str) -> str | None:
        values = [v for v in params.get(key, ()) if v != ""]
        if len(values) > 1:
            notes.append(link_notes.repeated(key, len(values)))
        return values[0] if values else None

    def choice(key: str, allowed: Collection[str], fallback: str) -> str:
        value = one(key)
        if value is None or value in allowed:
            return fallback if value is None else value
        notes.append(link_notes.not_available(key, value, fallback))
        return fallback

    page = choice("page", pages, base.page)
    area = choice("area", study_areas, base.study_area)
    indicator = choice("indicator", INDICATORS, base.indicator)
    scheme = choice("breaks", SCHEMES, base.scheme)
    filters = _filters(params, one, base.filters, notes)
    radius = _radius(one("radius"), base.radius_m, notes)
    centre, zoom = _position(one("at"), base, notes)
    view = View(
        page=page,
        study_area=area,
        filters=filters,
        indicator=indicator,
        scheme=scheme,
        radius_m=radius,
        centre=centre,
        zoom=zoom,
    )
    return ParsedView(view, tuple(notes))


def with_position(view: View, centre: tuple[float, float] | None, zoom: float | None) -> View:
    """``view`` centred on ``centre`` (lat, lon) at ``zoom``, as a link stores it.

    The centre is rounded to 5 decimals (about a metre) and the zoom to a quarter level (the
    maps snap to quarters so a study area fits snugly), so
    the view reads back from its query string unchanged. ``None`` (or a position that is not
    on the map: latitude beyond ±90, longitude beyond ±180, zoom outside 0-18) means "fit
    the study area".
    """
    if centre is None or zoom is None:
        return replace(view, centre=None, zoom=None)
    lat, lon, level = round(float(centre[0]), 5), round(float(centre[1]), 5), _quarter(zoom)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= level <= MAX_ZOOM):
        return replace(view, centre=None, zoom=None)
    return replace(view, centre=(lat, lon), zoom=level)


def _quarter(zoom: float) -> float:
    """A zoom level to the nearest quarter (the maps' ``zoomSnap``): 12.3 -> 12.25."""
    return round(float(zoom) * ZOOM_STEPS) / ZOOM_STEPS


def _filters(
    params: Params, one: Callable[[str], str | None], base: Filters, notes: list[Message]
) -> Filters:
    """The sidebar filters of a link: the three lists, then the three thresholds."""
    countries, languages, categories = (
        _known(params.get(key, ()), allowed, key, notes)
        for key, allowed in (
            ("country", None),
            ("language", LANGUAGES),
            ("category", SERVICE_CATEGORIES),
        )
    )
    arrived, limited, noncitizen = (
        _threshold(one(key), key, getattr(base, name), notes)
        for key, name in THRESHOLD_KEYS.items()
    )
    return Filters(
        countries=countries,
        languages=languages,
        categories=categories,
        min_arrived_2010_pct=arrived,
        min_limited_english_hh_pct=limited,
        min_noncitizen_pct=noncitizen,
    )


def keep_known_countries(view: View, countries: Collection[str]) -> ParsedView:
    """Drop the link's countries of origin the study area has no figures for (with a note)."""
    unknown = [c for c in view.filters.countries if c not in countries]
    if not unknown:
        return ParsedView(view)
    kept = tuple(c for c in view.filters.countries if c in countries)
    note = link_notes.missing_countries(unknown)
    return ParsedView(replace(view, filters=replace(view.filters, countries=kept)), (note,))


def _known(
    values: Sequence[str], allowed: Collection[str] | None, key: str, notes: list[Message]
) -> tuple[str, ...]:
    """The distinct values in link order; ones not in ``allowed`` dropped with a note."""
    distinct = tuple(dict.fromkeys(v for v in values if v))
    if allowed is None:
        return distinct
    bad = [v for v in distinct if v not in allowed]
    if bad:
        notes.append(link_notes.unknown_values(key, bad))
    return tuple(v for v in distinct if v in allowed)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _threshold(text: str | None, key: str, fallback: float, notes: list[Message]) -> float:
    """A percent 0-100 on the sliders' 5-point steps."""
    if text is None:
        return fallback
    value = _number(text)
    if value is None or not 0 <= value <= 100 or value % THRESHOLD_STEP:
        notes.append(link_notes.bad_threshold(key, text, THRESHOLD_STEP))
        return fallback
    return value


def _radius(text: str | None, fallback: int, notes: list[Message]) -> int:
    if text is None:
        return fallback
    low, high, step = RADIUS_RANGE_M
    value = _number(text)
    if value is None or not low <= value <= high or value % step:
        notes.append(link_notes.bad_radius(text, RADIUS_RANGE_M, fallback))
        return fallback
    return int(value)


def _position(
    text: str | None, base: View, notes: list[Message]
) -> tuple[tuple[float, float] | None, float | None]:
    """'lat,lon,zoom' -> centre and zoom (both or neither)."""
    if text is None:
        return base.centre, base.zoom
    parts = [_number(p) for p in text.split(",")]
    if len(parts) == 3:
        lat, lon, zoom = parts
        if (
            lat is not None
            and lon is not None
            and zoom is not None
            and -90 <= lat <= 90
            and -180 <= lon <= 180
            and (zoom * ZOOM_STEPS).is_integer()
            and 0 <= zoom <= MAX_ZOOM
        ):
            return (lat, lon), zoom
    notes.append(link_notes.bad_position(text, MAX_ZOOM))
    return base.centre, base.zoom

"""What a link held that the app could not use, in words (:mod:`geo.view` reads links).

Each note is a :class:`~geo.messages.Message`: English for logs and tests, said in the
reader's language on the page. Values from the link stay as the link wrote them, in the
reader's quotes, listed as the reader's language lists; a parameter's name is quoted only
where the reader sees it in the link (``'arrived=7'``), else it is the reader's word for it
(languages, service categories).
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.census.indicators import INDICATORS
from geo.i18n import N_
from geo.maps.layers import SCHEMES
from geo.messages import Listing, Message, enumeration, n_

# A value of the link that is not available here, by parameter; the default shown instead.
_NOT_AVAILABLE = {
    "page": N_("The link's page '{value}' is not available here; the default page is shown."),
    "area": N_("The link's study area '{value}' is not available here; showing '{fallback}'."),
    "indicator": N_("The link's indicator '{value}' is not available here; showing {fallback}."),
    "breaks": N_("The link's class breaks '{value}' are not available here; showing {fallback}."),
}


def unknown_parameter(key: str) -> Message:
    """A parameter no link of the app has (``utm_source``)."""
    return Message(
        N_("The link's parameter '{key}' is not one Welcome Atlas knows; it was ignored."),
        key=key,
    )


def repeated(key: str, count: int) -> Message:
    """A one-value parameter given ``count`` times."""
    return n_(
        "The link gives '{key}' {count} time; the first one is used.",
        "The link gives '{key}' {count} times; the first one is used.",
        count,
        key=key,
    )


def not_available(key: str, value: str, fallback: str) -> Message:
    """A page, study area, indicator or class breaks (``key``) the app does not offer here."""
    return Message(_NOT_AVAILABLE[key], value=value, fallback=_named(key, fallback))


def _named(key: str, value: str) -> object:
    """A default as the reader knows it: an indicator's or class breaks' label, else as is."""
    if key == "indicator" and value in INDICATORS:
        return Message(INDICATORS[value].label)
    if key == "breaks" and value in SCHEMES:
        return Message(SCHEMES[value])
    return value


def quoted(values: Sequence[str]) -> Listing:
    """Values from the link, each in the reader's quotes, listed as the reader's language lists."""
    return enumeration(Message(N_("'{value}'"), value=v) for v in values)


def unknown_values(key: str, bad: Sequence[str]) -> Message:
    """Languages (``key='language'``) or service categories the app does not know."""
    if key == "language":
        return n_(
            "The link's language {values} is not one we know; it was ignored.",
            "The link's languages {values} are not ones we know; they were ignored.",
            len(bad),
            values=quoted(bad),
        )
    return n_(
        "The link's service category {values} is not one we know; it was ignored.",
        "The link's service categories {values} are not ones we know; they were ignored.",
        len(bad),
        values=quoted(bad),
    )


def missing_countries(unknown: Sequence[str]) -> Message:
    """Countries of origin the study area has no figures for."""
    return Message(
        N_("This study area has no figures for {countries}; the link's other choices are kept."),
        countries=quoted(unknown),
    )


def bad_threshold(key: str, text: str, step: float) -> Message:
    """A threshold that is not a percent on the sliders' steps (the key as the link has it)."""
    return Message(
        N_(
            "The link's threshold '{key}={value}' is not a percent from 0 to 100 in "
            "steps of {step}; no threshold is set."
        ),
        key=key,
        value=text,
        step=step,
    )


def bad_radius(text: str, limits: tuple[int, int, int], fallback: int) -> Message:
    """A catchment radius outside the slider's range (min, max, step) or off its steps."""
    low, high, step = limits
    return Message(
        N_(
            "The link's catchment radius '{value}' is not {low:,}-{high:,} m in steps "
            "of {step} m; using {fallback:,} m."
        ),
        value=text,
        low=low,
        high=high,
        step=step,
        fallback=fallback,
    )


def bad_position(text: str, max_zoom: int) -> Message:
    """A map position that is not 'latitude,longitude,zoom' on the map."""
    return Message(
        N_(
            "The link's map position '{value}' is not 'latitude,longitude,zoom' (zoom "
            "0-{max_zoom} in quarter steps); the map shows the whole study area."
        ),
        value=text,
        max_zoom=max_zoom,
    )

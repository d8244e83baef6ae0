"""A study area's label and census vintage as the reader's language says them.

Both are stored as English text (``study_area.json``). The demo city's label is the app's
own words and must read as illustrative in every language, so it is translated where it is
shown; a label someone typed for an imported area stays as typed. A vintage the app
composed (``ACS 2019-2023 5-year``) is said again with its translated pattern; one a user
typed (``Statistics Canada, 2021 Census``) stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geo.i18n import N_

__all__ = ["DEMO_LABEL", "say_study_area", "say_vintage", "vintage_text"]

Translate = Callable[[str], str]

# The demo city's label; geo.demo.city.LABEL is this text (a test keeps them equal).
DEMO_LABEL = N_("Riverton — illustrative data, not a real place")
_YEARS = N_("ACS {first}-{last} {span}-year")
_ONE_YEAR = N_("ACS {year} 1-year")
_COMPOSED = re.compile(
    r"ACS (?:(?P<first>\d{4})-(?P<last>\d{4}) (?P<span>\d)|(?P<year>\d{4}) 1)-year"
)


def vintage_text(year: int, span: int = 5, translate: Translate = str) -> str:
    """``ACS 2019-2023 5-year`` (or ``ACS 2023 1-year``) for the last year and the span."""
    if span == 1:
        return translate(_ONE_YEAR).format(year=year)
    return translate(_YEARS).format(first=year - span + 1, last=year, span=span)


def say_vintage(vintage: str, translate: Translate = str) -> str:
    """A stored vintage in the reader's words when the app composed it, else as typed.

    Example
    -------
    >>> say_vintage("ACS 2019-2023 5-year", lambda t: t.replace("-year", " ans"))
    'ACS 2019-2023 5 ans'
    """
    found = _COMPOSED.fullmatch(vintage.strip())
    if found is None:
        return vintage
    if found["year"]:
        return vintage_text(int(found["year"]), 1, translate)
    first, last = int(found["first"]), int(found["last"])
    if last - first + 1 != int(found["span"]):  # not a span the app writes: keep it
        return vintage
    return vintage_text(last, int(found["span"]), translate)


def say_study_area(label: str, translate: Translate = str) -> str:
    """A study area's label: the demo city's translated (it stays plainly illustrative in
    every language), any other as its user typed it."""
    return translate(DEMO_LABEL) if label == DEMO_LABEL else label

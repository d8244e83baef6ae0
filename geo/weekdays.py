"""Weekdays as the reader's language writes them: the directory's "now", a site's hours.

Stored and exported hours keep OpenStreetMap's syntax (``Mo-Fr 09:00-17:00``, English day
abbreviations, what files and staff type); only the text shown is rewritten, with CLDR's
day names (Babel), so a Spanish reader sees ``lun-vie 09:00-17:00``.
"""

from __future__ import annotations

import re
from datetime import datetime

from babel.dates import format_skeleton

from geo.db.models import WEEKDAYS
from geo.i18n import DEFAULT, PSEUDO, cldr_locale, is_rtl

__all__ = ["format_weekday_time", "localize_hours"]

_DAY = "|".join(WEEKDAYS)
# The days at the head of one rule of format_hours' text: "Mo-Fr", "Mo,We,Fr-Su".
_DAYS = re.compile(rf"^(?:{_DAY})(?:-(?:{_DAY}))?(?:,(?:{_DAY})(?:-(?:{_DAY}))?)*(?=\s|$)")

_TIME_RANGE = re.compile(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}")
_COMMAS = {"zh": "、", "ar": "، "}  # how the language separates the days it lists


def format_weekday_time(value: datetime, code: str) -> str:
    """Weekday and time as the language writes them: ``Thu 09:58``, ``jue, 9:58``, ``周四09:58``.

    ``value`` is shown in its own time zone (an aware datetime already in the zone meant).
    """
    return format_skeleton("EHm", value, tzinfo=value.tzinfo, locale=cldr_locale(code))


def localize_hours(text: str, code: str) -> str:
    """Hours text of :func:`geo.hours.format_hours` with the days in the reader's language.

    Parameters
    ----------
    text : str
        ``Mo-Fr 09:00-17:00; Sa by appointment`` (rules joined by ``"; "``).
    code : str
        The interface language. English and the pseudo-locale keep the text as it is
        (the syntax people type).

    Returns
    -------
    str
        ``lun-vie 09:00-17:00; sáb by appointment`` in Spanish: only the days at the head of
        each rule change; times and words someone wrote (data) stay as they are.
    """
    locale = cldr_locale(code)
    if not text or code == PSEUDO or locale.language == DEFAULT:
        return text
    names = locale.days["format"]["abbreviated"]  # 0 = Monday, as WEEKDAYS
    words = {abbreviation: names[i] for i, abbreviation in enumerate(WEEKDAYS)}
    words.update({"-": "–", ",": _COMMAS.get(locale.language, ", ")})

    def days(match: re.Match[str]) -> str:
        return re.sub(rf"{_DAY}|-|,", lambda part: words[part.group(0)], match.group(0))

    shown = "; ".join(_DAYS.sub(days, rule) for rule in text.split("; "))
    # After Arabic day names a time's digits are Arabic numbers, and the '-' between two
    # of them swaps them ('09:00-17:00' read '17:00-09:00'); a left-to-right mark before
    # each range keeps it whole (Unicode bidi rules W2 and W7).
    return _TIME_RANGE.sub("\u200e\\g<0>", shown) if is_rtl(code) else shown

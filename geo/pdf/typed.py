"""Typed text in the PDFs: as printed, in its own direction, and dates that survive bidi.

Names, notes and titles arrive in any script and may hold control characters or bidi
overrides pasted from elsewhere; these helpers keep them from disturbing the page.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pandas as pd

__all__ = ["Typed", "as_recorded", "clean", "iso_day", "reads_rtl"]

# Bidi embeddings and overrides typed into a note would reorder the text drawn after them.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean(text: object) -> str:
    """Typed text as printed: control and bidi override characters dropped, lines kept."""
    missing = text is None or (pd.api.types.is_scalar(text) and bool(pd.isna(text)))
    text = "" if missing else str(text)  # never "nan", "None" or "<NA>" on paper
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BIDI_CONTROLS)
    return "".join(c if c == "\n" or unicodedata.category(c) != "Cc" else " " for c in text).strip()


def iso_day(value: date, rtl: bool = False) -> str:
    """An ISO date that reads left to right in an Arabic line too.

    After Arabic letters the bidi rules print 2026-12-01 as 01-12-2026: a left-to-right
    mark before it keeps it whole, and in a right-to-left sheet an Arabic letter mark
    after it keeps a following number ("· 6 steps") out of its run. Both are in the
    Arabic Noto font and invisible.
    """
    return f"\u200e{value:%Y-%m-%d}" + ("\u061c" if rtl else "")


def as_recorded(text: object) -> str:
    """Typed text kept in its own direction inside any line (first-strong isolate, FSI ... PDI).

    In an Arabic line "Address: 12 Elm St" would print as "Elm St 12" (the house number
    after its street) and "(555) 010-0100" in pieces; an Arabic address in an English line
    would pull the figures after it to its side. fpdf2's bidi reads the isolate; HarfBuzz
    draws nothing for it. Empty text stays empty.
    """
    text = clean(text)
    return f"\u2068{text}\u2069" if text else ""


class Typed(str):
    """A line that is typed text only, printed in its own direction."""


def reads_rtl(text: str) -> bool:
    """Whether the first letter with a direction reads right to left."""
    kinds = (unicodedata.bidirectional(c) for c in text)
    return next((k != "L" for k in kinds if k in ("L", "R", "AL")), False)

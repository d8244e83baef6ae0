"""Figures and sentences in the direction of the interface language, inside a map.

A map's page reads left to right; in Arabic a tooltip's sentence reads right to left and
the bidi rules reorder a figure such as ``126 ± 82`` within it (shown as ``82 ± 126``).
"""

from __future__ import annotations

from geo.i18n import is_rtl

__all__ = ["in_direction", "plus_minus"]


def in_direction(html: str, code: str | None) -> str:
    """A tooltip's lines in the direction of the interface language: an Arabic sentence
    reads from the right, its figure at its end on the left (the map's page is LTR)."""
    rtl = f'<div dir="rtl" style="text-align:right">{html}</div>'  # folium aligns left
    return rtl if code is not None and is_rtl(code) else html


def plus_minus(estimate: str, moe: str, code: str | None) -> str:
    """``estimate ± moe``, kept left to right inside a right-to-left sentence.

    In Arabic the bidi rules would show ``126 ± 82`` as ``82 ± 126``; a
    left-to-right isolate (U+2066 ... U+2069) keeps the figure as written, as the home
    page's headline figures do.
    """
    figure = f"{estimate} ± {moe}"
    return f"\u2066{figure}\u2069" if code is not None and is_rtl(code) else figure

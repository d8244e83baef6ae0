"""The gap map's legend: need classes, unreliable, top gaps, sites and branches (plain HTML).

The swatches are hidden from screen readers (each is followed by its words); the box is a
named region. The same legend is written as text under the map (``gap_legend_lines``).
"""

from __future__ import annotations

from collections.abc import Callable

from geo.i18n import N_
from geo.maps.layers import HIGHLIGHT_COLOUR, NO_DATA_COLOUR, Classes, escape, format_value
from geo.maps.webfonts import MAP_FONT

SITE_COLOUR = "#e6550d"
BRANCH_COLOUR = "#08306b"


def legend_html(
    classes: Classes,
    label: str,
    vintage: str,
    top: int | None,
    *,
    kind: str = "count",
    sites: str = N_("matching organization site"),
    translate: Callable[[str], str] = str,
    code: str | None = None,
) -> str:
    """The legend as a fixed box of plain HTML (no script, nothing to download).

    ``translate`` and ``code`` give its words and numbers in the interface language.
    """
    tr, rows, lower = translate, [], None
    for bound, colour in zip(classes.upper_bounds, classes.colours, strict=True):
        upper = format_value(bound, kind, code)
        below = f"{format_value(lower, kind, code)} – {upper}" if lower is not None else ""
        rows.append(_swatch(colour, below or f"≤ {upper}"))
        lower = bound
    rows += [
        _swatch(NO_DATA_COLOUR, tr(N_("not available"))),
        _swatch(
            "#2c7fb8", tr(N_("unreliable (faded, dashed)")), style="opacity:.45;border-style:dashed"
        ),
    ]
    if top:
        outline = f"border:3px solid {HIGHLIGHT_COLOUR}"
        rows.append(
            _swatch("transparent", tr(N_("top {count} gaps")).format(count=top), style=outline)
        )
    rows += [
        _swatch(SITE_COLOUR, tr(sites), style="border-radius:50%"),
        _swatch(BRANCH_COLOUR, tr(N_("library branch and catchment")), style="border-radius:50%"),
    ]
    quantiles = tr(N_("Quantiles · {vintage}")).format(vintage=vintage)
    name = escape(tr(N_("Legend")))
    return (
        f'<div class="gap-legend" role="region" aria-label="{name}" '
        'style="position:fixed;right:10px;bottom:24px;z-index:1000;'
        f"background:rgba(255,255,255,.93);padding:6px 8px;font:12px/1.45 {MAP_FONT};"
        'border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.3);max-width:260px">'
        f"<b>{escape(label)}</b><br><small>{escape(quantiles)}</small><br>"
        + "<br>".join(rows)
        + "</div>"
    )


def _swatch(colour: str, text: str, *, style: str = "") -> str:
    return (
        f'<span aria-hidden="true" style="display:inline-block;width:12px;height:12px;'
        f"background:{colour};"
        f'border:1px solid #777;vertical-align:middle;{style}"></span> {escape(text)}'
    )

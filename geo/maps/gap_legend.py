"""The gap map's legend: need classes, unreliable, top gaps, sites and branches (plain HTML).

The swatches are hidden from screen readers (each is followed by its words); the box is a
named region. The same legend is written as text under the map (``gap_legend_lines``).
"""

from __future__ import annotations

from geo.maps.layers import HIGHLIGHT_COLOUR, NO_DATA_COLOUR, Classes, escape, format_value

SITE_COLOUR = "#e6550d"
BRANCH_COLOUR = "#08306b"


def legend_html(
    classes: Classes,
    label: str,
    vintage: str,
    top: int | None,
    *,
    kind: str = "count",
    sites: str = "matching organization site",
) -> str:
    """The legend as a fixed box of plain HTML (no script, nothing to download)."""
    rows, lower = [], None
    for bound, colour in zip(classes.upper_bounds, classes.colours, strict=True):
        upper = format_value(bound, kind)
        rows.append(
            _swatch(
                colour, f"≤ {upper}" if lower is None else f"{format_value(lower, kind)} – {upper}"
            )
        )
        lower = bound
    rows += [
        _swatch(NO_DATA_COLOUR, "not available"),
        _swatch("#2c7fb8", "unreliable (faded, dashed)", style="opacity:.45;border-style:dashed"),
    ]
    if top:
        rows.append(
            _swatch("transparent", f"top {top} gaps", style=f"border:3px solid {HIGHLIGHT_COLOUR}")
        )
    rows += [
        _swatch(SITE_COLOUR, sites, style="border-radius:50%"),
        _swatch(BRANCH_COLOUR, "library branch and catchment", style="border-radius:50%"),
    ]
    return (
        '<div class="gap-legend" role="region" aria-label="Legend" '
        'style="position:fixed;right:10px;bottom:24px;z-index:1000;'
        "background:rgba(255,255,255,.93);padding:6px 8px;font:12px/1.45 sans-serif;"
        'border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.3);max-width:260px">'
        f"<b>{escape(label)}</b><br><small>Quantiles · {escape(vintage)}</small><br>"
        + "<br>".join(rows)
        + "</div>"
    )


def _swatch(colour: str, text: str, *, style: str = "") -> str:
    return (
        f'<span aria-hidden="true" style="display:inline-block;width:12px;height:12px;'
        f"background:{colour};"
        f'border:1px solid #777;vertical-align:middle;{style}"></span> {escape(text)}'
    )

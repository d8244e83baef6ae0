"""The map legend: indicator classes, not available, unreliable, highlight, organizations.

The home map sends the legend's HTML with each filter change (see :mod:`geo.maps.map_state`);
:class:`Legend` puts the same HTML on any other folium map as a plain Leaflet control.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from branca.element import MacroElement
from jinja2 import Template

from geo.i18n import N_
from geo.maps.layers import HIGHLIGHT_COLOUR, NO_DATA_COLOUR, SCHEMES, Classes, escape, format_value
from geo.maps.webfonts import MAP_FONT
from geo.vocab import CATEGORY_COLOURS, SERVICE_CATEGORIES

LEGEND_STYLE = (
    f"background:rgba(255,255,255,.92);padding:5px 7px;font:11px/1.3 {MAP_FONT};"
    "border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.3);max-height:300px;overflow:auto;"
    "max-width:240px"
)


class Legend(MacroElement):
    """A legend drawn as a plain Leaflet control (no d3 or CDN files needed)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "welcome-atlas-legend");
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.html_json = json.dumps(html).replace("</", "<\\/")


def build_legend_html(
    classes: Classes,
    *,
    label: str,
    kind: str,
    vintage: str,
    show_highlight: bool,
    show_categories: bool = True,
    note: str | None = None,
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> str:
    """Legend HTML: indicator classes, not available, unreliable, highlight, categories.

    Parameters
    ----------
    label
        The indicator's label, already in the interface language.
    note : str, optional
        One line of plain text under the legend (for example how many tracts' margins of
        error span a class break); escaped here.
    translate
        The interface language's ``gettext`` for the legend's own words (default: English).
    locale
        The interface language's code: class bounds are written as it writes numbers.
    """
    tr = translate
    rows = [
        f"<b>{escape(label)}</b>",
        f"<small>{escape(tr(SCHEMES[classes.scheme]) if classes.scheme in SCHEMES else '')}"
        f" · {escape(vintage)}</small>",
    ]
    lower = None
    for bound, colour in zip(classes.upper_bounds, classes.colours, strict=True):
        text = (
            f"≤ {format_value(bound, kind, locale)}"
            if lower is None
            else f"{format_value(lower, kind, locale)} – {format_value(bound, kind, locale)}"
        )
        # isolated left to right (U+2066...U+2069): in Arabic "31.7% – 36.6%" keeps its order
        rows.append(_swatch(colour, f"\u2066{text}\u2069"))
        lower = bound
    rows.append(_swatch(NO_DATA_COLOUR, tr(N_("not available"))))
    rows.append(
        '<span style="display:inline-block;width:14px;height:10px;border:1px dashed #555;'
        'opacity:.5;background:#2c7fb8"></span> ' + escape(tr(N_("unreliable estimate (faded)")))
    )
    if show_highlight:
        rows.append(
            f'<span style="display:inline-block;width:14px;height:10px;border:3px solid '
            f'{HIGHLIGHT_COLOUR}"></span> ' + escape(tr(N_("meets every threshold")))
        )
    if show_categories:
        rows.append(_categories(tr))
    if note:
        rows.append(f'<small class="legend-note">{escape(note)}</small>')
    # dir="auto": the legend reads right to left when its title (the indicator) is Arabic.
    return f'<div dir="auto" style="{LEGEND_STYLE}">' + "<br>".join(rows) + "</div>"


def build_legend(classes: Classes, **kwargs: object) -> Legend:
    """The legend of :func:`build_legend_html` as a control to add to a folium map."""
    return Legend(build_legend_html(classes, **kwargs))  # type: ignore[arg-type]


def _categories(tr: Callable[[str], str]) -> str:
    """The organizations' colours by service, folded (``<details>``)."""
    return (
        "<details><summary><b>"
        + escape(tr(N_("Organizations")))
        + "</b> "
        + escape(tr(N_("(colour = service)")))
        + "</summary>"
        + "<br>".join(
            _swatch(CATEGORY_COLOURS[k], tr(v), round_=True) for k, v in SERVICE_CATEGORIES.items()
        )
        + "</details>"
    )


def _swatch(colour: str, text: str, *, round_: bool = False) -> str:
    radius = "50%" if round_ else "2px"
    return (
        f'<span style="display:inline-block;width:12px;height:12px;background:{colour};'
        f'border:1px solid #777;border-radius:{radius};vertical-align:middle"></span> '
        f"{escape(text)}"
    )

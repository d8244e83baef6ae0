"""A slide's map as text and tables in the exported story: its legend and layers as HTML.

The offline story carries what the in-app slide has under its map (issue 15): the legend as
text and the tracts (indicator ± MOE, reliability, class), organizations and branches the
slide draws, as real ``<table>`` elements with a ``<caption>`` and ``<th scope>``, folded in
a ``<details>`` a keyboard opens (Tab, then Enter or Space). The rows and words come from
:func:`geo.presenter.slide_tables.build_slide_tables`, the builder the in-app slide uses;
this module only writes them as HTML. Every cell is escaped (names are typed by users) and
isolated in ``<bdi>`` so a name in another script keeps its own direction in Arabic.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import numpy as np
import pandas as pd

from geo.i18n import N_, format_number
from geo.presenter.slide_tables import SlideTables

Translate = Callable[[str], str]
# Sorts a table by the column whose heading button was pressed (again: the other way);
# numbers by value, missing ones last, words as the page's language orders them.
SORT_SCRIPT = """
document.querySelectorAll('table th[scope=col] button').forEach(function(button) {
  button.onclick = function() {
    var th = button.parentNode, table = th.closest('table'), body = table.tBodies[0];
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var up = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th[scope=col]').forEach(function(h) {
      h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    function key(row) { var c = row.cells[i];
      if (c.dataset.v === undefined) { return c.textContent; }
      return c.dataset.v === '' ? null : Number(c.dataset.v); }
    var lang = document.documentElement.lang;
    var rows = Array.prototype.slice.call(body.rows).sort(function(a, b) {
      var x = key(a), y = key(b);
      if (x === null || y === null) { return (x === null) - (y === null); }
      var d = typeof x === 'number' ? x - y : x.localeCompare(y, lang, {numeric: true});
      return up ? d : -d; });
    rows.forEach(function(row) { body.appendChild(row); });
  };
});
"""
_SUMMARY = N_("This slide's map as text and tables (legend, tracts, organizations)")
_LEGEND = N_("Legend of the map: {legend}")
# (caption, the column read as each row's name) per layer, in the order the slide lists them
_LAYERS = (
    ("tracts", N_("Tracts ({count})"), N_("Tract")),
    ("organizations", N_("Organizations ({count})"), N_("Organization")),
    ("branches", N_("Library branches ({count})"), N_("Branch")),
)


def slide_tables_html(tables: SlideTables, *, translate: Translate = str, code: str) -> str:
    """The slide's legend as a list and its layers as tables, folded in a ``<details>``.

    Parameters
    ----------
    tables
        :func:`~geo.presenter.slide_tables.build_slide_tables` of the slide, in the
        language of ``translate``.
    translate, code
        The exporter's interface language: ``gettext`` for the words, its code for the
        numbers (decimals and digits as that language writes them).
    """
    tr = translate
    legend = escape(tr(_LEGEND).format(legend=tables.legend[0]))
    items = "".join(f"<li>{escape(line)}</li>" for line in tables.legend[1:])
    body = [f'<p class="legend-title">{legend}</p><ul class="legend">{items}</ul>']
    for name, caption, row_name in _LAYERS:
        table: pd.DataFrame = getattr(tables, name)
        title = tr(caption).format(count=format_number(len(table), code))
        body.append(table_html(table, title, row_header=tr(row_name), code=code))
    return (
        f'<details class="tables"><summary>{escape(tr(_SUMMARY))}</summary>'
        + "".join(body)
        + "</details>"
    )


def table_html(table: pd.DataFrame, caption: str, *, row_header: str = "", code: str) -> str:
    """``table`` as an HTML table: ``caption``, column headings (buttons that sort by the
    column, :data:`SORT_SCRIPT`), and the ``row_header`` column's cells as row headings
    (what a screen reader announces with each cell)."""
    columns = [str(c) for c in table.columns]
    head = "".join(
        f'<th scope="col"><button type="button">{escape(c)}</button></th>' for c in columns
    )
    cells = [_cells(table[c], code) for c in table.columns]
    rows = []
    for values in zip(*cells, strict=True) if cells else ():
        row = "".join(
            f'<th scope="row">{text}</th>' if column == row_header else f"<td{kind}>{text}</td>"
            for column, (text, kind) in zip(columns, values, strict=True)
        )
        rows.append(f"<tr>{row}</tr>")
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cells(column: pd.Series, code: str) -> list[tuple[str, str]]:
    """(escaped text, cell attributes) of each value: decimals in the language's way with as
    many places as the column needs, missing as "—", words isolated in ``<bdi>``."""
    if pd.api.types.is_float_dtype(column):
        places = _places(column)
        return [
            ("—", ' class="num" data-v=""')
            if pd.isna(v)
            else (escape(format_number(v, code, places)), f' class="num" data-v="{float(v)!r}"')
            for v in column
        ]
    return [("—" if _missing(v) else f"<bdi>{escape(str(v))}</bdi>", "") for v in column]


def _places(column: pd.Series) -> int:
    """The fewest decimal places (up to 6) that show every value of the column exactly."""
    values = column.dropna().to_numpy(dtype=float)
    for places in range(6):
        if np.allclose(values, np.round(values, places), rtol=0, atol=1e-9):
            return places
    return 6


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))

"""Turn errors into messages on the page, in one place (datasette's ``handle_exception``).

A :class:`~geo.errors.GeoError` shows its own message, then every problem row
(``.problems``: which row, which field, why) and every change someone else saved meanwhile
(``.changes``) as tables. Anything else is a bug: it is logged with its traceback and the
user sees one short sentence, never the traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd
import streamlit as st

from geo.errors import GeoError
from geo.i18n import N_
from geo.messages import say as _say
from ui import text
from ui.i18n import _, current

log = logging.getLogger("welcome_atlas")

GENERIC_MESSAGE = N_(
    "Something went wrong on our side. The details were written to the server log; "
    "please tell your administrator what you were doing."
)
# Column headings for the keys domain code uses in problem and change rows.
HEADINGS = {
    "row": N_("Row"),
    "line": N_("Line"),
    "field": N_("Field"),
    "value": N_("Value"),
    "stop": N_("Stop"),
    "message": N_("Problem"),
    "changed_by": N_("Changed by"),
    "changed_at": N_("When"),
    "their_value": N_("Their value"),
    "your_value": N_("Your value"),
    "value_when_you_opened": N_("When you opened it"),
}


def say(value: object) -> object:
    """A :class:`geo.messages.Message` from ``geo/`` in the interface language; else as is."""
    return _say(value, current())


def rows_table(
    rows: Sequence[Mapping[str, object]], field_labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Problem or change rows as a table with headings in words (every row, every key).

    ``field_labels`` turns stored field names into the form's labels ('phone' -> 'Phone').
    """
    code = current()
    frame = pd.DataFrame([{k: _say(v, code) for k, v in r.items()} for r in rows])
    if field_labels and "field" in frame:
        frame["field"] = [field_labels.get(str(f), f) for f in frame["field"]]
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list | tuple | set | dict)).any():
            frame[column] = frame[column].map(_plain)
    return frame.rename(
        columns=lambda c: _(HEADINGS[c]) if c in HEADINGS else str(c).replace("_", " ").capitalize()
    )


def _plain(value: object) -> object:
    """Lists as '; '-joined text, so the table shows them and Arrow can serialise them."""
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def show_error(
    err: BaseException,
    *,
    level: Literal["error", "warning", "info"] = "error",
    field_labels: Mapping[str, str] | None = None,
) -> None:
    """Show ``err`` on the page: a GeoError in full, anything else as a short logged note.

    Parameters
    ----------
    err
        The exception caught by a page or view.
    level
        Box for a GeoError: ``"info"`` for a note that asks for more input (e.g. a walk
        with no stops yet) rather than a refusal.
    field_labels
        Form labels for stored field names in the problem and change tables.
    """
    if not isinstance(err, GeoError):
        log.error("Unexpected error", exc_info=err)
        st.error(_(GENERIC_MESSAGE), icon=":material/error:")
        return
    box = {"error": st.error, "warning": st.warning, "info": st.info}[level]
    box(text.literal(err.in_language(current())))  # it quotes what users typed: keep it inert
    if err.problems:
        st.dataframe(rows_table(err.problems, field_labels), hide_index=True)
    if err.changes:
        st.caption(_("Saved by someone else since you opened it:"))
        st.dataframe(rows_table(err.changes, field_labels), hide_index=True)

"""Writes from the field-work pages: one place for permission, conflicts, errors, flashes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import streamlit as st
from sqlalchemy.orm import Session

from geo.errors import GeoError
from geo.hours import is_open, parse_opening_hours
from ui import auth, errors, resources
from ui.i18n import _, date_format

ACTION = "fieldwork_write"


def can_write() -> bool:
    """Whether write controls are live; viewers are told why (and refused anyway)."""
    if auth.can(ACTION):
        return True
    st.caption(
        _("You can read the field work; planning, logging and editing need an editor account.")
    )
    return False


def write(
    action: Callable[[Session, str], Any],
    *,
    flash_key: str,
    success: str,
    field_labels: Mapping[str, str] | None = None,
) -> Any:
    """Check permission, run ``action(session, user)`` in one transaction, show refusals.

    On success the message is flashed and the page reruns, so every panel shows the change.
    ``field_labels`` (stored field -> ``N_`` label) names the fields of a refusal's table.
    """
    try:
        user = auth.require(ACTION)
        with Session(resources.engine()) as session, session.begin():
            result = action(session, user)
    except GeoError as err:
        labels = {field: _(label) for field, label in (field_labels or {}).items()}
        errors.show_error(err, field_labels=labels)
        return None
    st.session_state[flash_key] = success
    st.rerun()
    return result


def flash(flash_key: str) -> None:
    """Show (once) the success message of the last write."""
    if message := st.session_state.pop(flash_key, None):
        st.success(message)


def read(query: Callable[[Session], Any]) -> Any:
    """Run a read-only query."""
    with Session(resources.engine()) as session:
        return query(session)


def open_at(hours: str, when: datetime) -> bool | None:
    """Whether hours such as ``Mo-Fr 09:00-17:00`` include ``when`` (local time).

    None when the text is words only ("by appointment"): the walk then says to check.
    """
    try:
        rows = parse_opening_hours(hours)
    except ValueError:
        return None
    return is_open(rows, when)


def team_name(team: str) -> str:
    """A team as the reader says it; the empty choice reads "(no team)", not a blank box
    (which Streamlit shows as its English "Choose an option")."""
    return _(team) if team else _("(no team)")


def date_box(box: Any, label: str, value: Any, key: str, *, on_change: Any = "rerun") -> Any:
    """``box.date_input`` (``st`` or a column) showing the date as the reader's language does."""
    return box.date_input(label, value, key=key, format=date_format(), on_change=on_change)

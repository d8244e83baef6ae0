"""Turn domain errors into messages on the page, in one place."""

from __future__ import annotations

import logging

import streamlit as st

from geo.errors import GeoError
from ui import text

log = logging.getLogger("welcome_atlas")


def show_error(err: Exception) -> None:
    """Show a GeoError's own message; anything else as a short generic message (logged)."""
    if isinstance(err, GeoError):
        st.error(text.literal(err))  # messages quote what users typed: keep it inert
    else:
        log.exception("Unexpected error", exc_info=err)
        st.error("Something went wrong on our side. The details were written to the server log.")

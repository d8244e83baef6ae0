"""Make sure a page runs inside app.py's frame (navigation and shared sidebar)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_app_frame() -> None:
    """Rerun through app.py when a page was opened directly as the server's first request.

    Streamlit (1.67) decides per process whether a ``pages/`` folder means a legacy
    multipage app, and only learns otherwise once ``st.navigation`` has run. So if the
    very first request after start is ``/assets``, the page file runs alone, without the
    shared sidebar. Clearing the flag and rerunning sends the session through app.py.
    """
    if "filters" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()

"""Make sure a page runs inside app.py's frame (navigation, sign-in, shared sidebar)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from geo.accounts import ACTIONS
from ui import auth


def ensure_app_frame(required: str | None = None) -> None:
    """Rerun through app.py when a page was opened directly; refuse a page the role lacks.

    Streamlit (1.67) decides per process whether a ``pages/`` folder means a legacy
    multipage app, and only learns otherwise once ``st.navigation`` has run. So if the
    very first request after start is ``/assets``, the page file runs alone, without the
    shared sidebar. Clearing the flag and rerunning sends the session through app.py.

    Parameters
    ----------
    required : str or None
        Action (a key of :data:`geo.accounts.ACTIONS`) needed to use the page. The menu
        already leaves such pages out; this is the page's own second check.
    """
    if "filters" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    if required is not None and not auth.can(required):
        description, lowest = ACTIONS[required]
        st.warning(
            f"This page is for staff accounts ({lowest} or above): it lets you "
            f"{description}. Sign in from the sidebar.",
            icon=":material/lock:",
        )
        st.stop()

"""Make sure a page runs inside app.py's frame (navigation, sign-in, shared sidebar)."""

from __future__ import annotations

import inspect
from pathlib import Path

import streamlit as st

from geo.accounts import ACTIONS
from ui import auth, shared_view
from ui.i18n import _


def ensure_app_frame(required: str | None = None) -> None:
    """Go through app.py when a page was opened on its own; refuse a page the role lacks.

    Streamlit (1.67) treats a folder named ``pages/`` next to the entry point as a legacy
    multipage app until ``st.navigation`` has run once in the server process, so the very
    first request after a start, if it is a link to ``/assets``, runs the page file alone.
    Such a page switches to app.py (``st.switch_page``), keeping the link's query string
    and naming itself in ``?page=``; app.py then opens it inside the frame.

    Parameters
    ----------
    required : str or None
        Action (a key of :data:`geo.accounts.ACTIONS`) needed to use the page. The menu
        already leaves such pages out; this is the page's own second check.
    """
    if not shared_view.published():
        caller = inspect.stack()[1].frame.f_globals.get("__file__", "")
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        st.switch_page("app.py", query_params={**params, "page": Path(caller).stem})
    if required is not None and not auth.can(required):
        description, lowest = ACTIONS[required]
        role = _(lowest) if lowest else ""
        st.warning(
            _(
                "This page is for staff accounts ({role} or above): it lets you "
                "{what}. Sign in from the sidebar."
            ).format(role=role, what=_(description)),
            icon=":material/lock:",
        )
        st.stop()

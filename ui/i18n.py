"""The interface language of this session: ``_()`` for every interface string, the picker.

The language follows the browser (``st.context.locale``) until the visitor picks another
in the sidebar. ``WELCOME_ATLAS_PSEUDO_LOCALE=1`` starts every session in the
pseudo-locale, where each catalog string shows as ``⟦…⟧`` (tests use it to find text that
bypassed the catalogs). Data (names, addresses, notes) is never passed to ``_()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Literal

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.i18n import (
    DEFAULT,
    INTERFACE_LANGUAGES,
    PSEUDO,
    date_box_format,
    format_list,
    format_number,
    is_rtl,
    language_name,
    pick_language,
    translator,
)

KEY = "ui.language"
REWORDED = "ui.language_reworded"  # keys of the boxes whose choice is sent again on a switch
# ``on_change`` of the boxes of a form that must survive a switch, built without ``st.form``
# (see follows_language): no rerun while filling in, the value goes with the next run.
HELD: Literal["ignore"] = "ignore"

__all__ = [
    "HELD",
    "_",
    "current",
    "date_format",
    "follows_language",
    "joined",
    "language_picker",
    "n_",
    "number",
    "right_to_left",
]


def current() -> str:
    """The session's interface language code (``en``, ``ar``, ... or the pseudo-locale)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        # outside a session (AppTest formats options in its own thread): nothing is stored,
        # or the first language asked would stick to every later test of the process
        return PSEUDO if os.environ.get("WELCOME_ATLAS_PSEUDO_LOCALE") == "1" else DEFAULT
    language = st.session_state.get(KEY)  # one look-up: _() calls this for every string
    if language is None:
        if os.environ.get("WELCOME_ATLAS_PSEUDO_LOCALE") == "1":
            language = PSEUDO
        else:
            browser = getattr(st.context, "locale", None)
            language = pick_language(browser) if browser else DEFAULT
        st.session_state[KEY] = language
    return language


def _(text: str) -> str:
    """``text`` in the interface language (gettext); the English text is the catalog key."""
    return translator(current()).gettext(text)


def n_(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` in the interface language."""
    return translator(current()).ngettext(singular, plural, count)


def number(value: float, decimals: int = 0) -> str:
    """A number written as the interface language writes it."""
    return format_number(value, current(), decimals)


def date_format() -> str:
    """How the date boxes show a date in the interface language (``DD/MM/YYYY`` in French)."""
    return date_box_format(current())


def joined(items: Iterable[str]) -> str:
    """Items listed as the interface language lists them: ``墨西哥、中国``, not ``墨西哥, 中国``."""
    return format_list(items, current())


def right_to_left() -> bool:
    """True when the interface reads right to left (Arabic)."""
    return is_rtl(current())


def follows_language(key: str) -> str:
    """``key``, for a box whose options, or format, are worded in the interface language.

    The browser keeps a box's choice as the words it showed (Streamlit 1.67): after a
    switch it would go on showing, and sending back, the old language's words, which no
    option matches any more. The language box therefore sends every such box its choice
    again, read in the old words and shown in the new (:func:`_reword_choices`). Only for
    boxes outside ``st.form``: a form's unsent choices live in the browser alone, and
    sending the box its last submitted value would wipe them.
    """
    st.session_state.setdefault(REWORDED, set()).add(key)
    return key


def _reword_choices() -> None:
    """On a switch, before the page runs: each box's choice (still read with the options of
    the old language) is set again, so the box is sent it in the new language's words."""
    for key in st.session_state.get(REWORDED, ()):
        # None is not sent: Streamlit would show it as an empty box (so boxes that follow
        # the language name their "all"/"none" choice with a string, not None)
        if st.session_state.get(key) is not None:  # None too when not drawn in the last run
            st.session_state[key] = st.session_state[key]


def language_picker() -> None:
    """The sidebar's language box; the choice holds for this session.

    Call it after ``st.navigation``. On a session's first run the box's value (the
    browser's language, put in the session state by :func:`current`) reaches the
    browser once; a widget drawn before ``st.navigation`` is drawn again by the browser
    when the menu arrives and falls back to its default option, which the next rerun
    (signing in, any click) then sends back (Streamlit 1.67, Chromium in Arabic): the
    default is therefore the session's language (a visitor in Arabic pressing Present got
    the slide in English when it was the first option).
    """
    options = list(INTERFACE_LANGUAGES)
    if current() == PSEUDO:
        options.append(PSEUDO)
    st.sidebar.selectbox(
        "Language / Idioma / Langue / اللغة / 语言",  # readable whatever the language
        options,
        # what the browser falls back to when it draws the box again: the session's
        # language, not English (the key alone is the box's identity, so no new box)
        index=options.index(current()),
        key=KEY,
        on_change=_reword_choices,
        format_func=lambda code: "Pseudo-locale ⟦…⟧" if code == PSEUDO else language_name(code),
    )
    if right_to_left():
        _right_to_left_css()


def _right_to_left_css() -> None:
    """Mirror the app's own content; Streamlit's chrome (menu, widgets' internals) stays."""
    main, side = '[data-testid="stMain"]', '[data-testid="stSidebar"]'
    blocks = ", ".join(
        f"{area} {part}"
        for area in (main, side)
        for part in (
            "[data-testid='stMarkdownContainer']",
            "h1",
            "h2",
            "h3",
            "label",
            "[data-testid='stCaptionContainer']",
            "[data-testid='stAlert']",
            "[data-testid='stText']",  # the maps' legends as text
        )
    )
    # Each paragraph takes its direction from its first letter (plaintext), so English
    # data inside an Arabic page keeps its own order and punctuation.
    st.html(
        f"<style>{blocks} {{ direction: rtl; text-align: right; }}"
        f"{main} p, {side} p, {main} li, h1, h2, h3, label {{ unicode-bidi: plaintext; }}</style>"
    )

"""The app's own CSS: readable contrast for captions and inline code (WCAG AA, 4.5:1)."""

from __future__ import annotations

import streamlit as st

# Streamlit 1.67 draws captions at 60 % opacity (about 4.0:1 on white, axe "color-contrast").
# #4a4f5c on white is 8.0:1; #1d6b35 on Streamlit's code background (#f0f2f6) is 5.9:1.
_CSS = """<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4a4f5c !important; }
[data-testid="stCaptionContainer"] p { color: #4a4f5c !important; }
[data-testid="stMarkdownContainer"] code { color: #1d6b35 !important; }
</style>"""


def apply() -> None:
    """Add the app's CSS to the page (once per run, from app.py)."""
    st.html(_CSS)

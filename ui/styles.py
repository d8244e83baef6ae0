"""The app's own CSS: the Noto web fonts, readable contrast for captions and inline code
(WCAG AA, 4.5:1), and no animation while a rerun waits (many sessions on one machine)."""

from __future__ import annotations

import streamlit as st

from geo.config import PROJECT_ROOT
from geo.errors import VendorAssetsMissing
from geo.maps import webfonts
from geo.maps.vendor import WEBFONTS_URL

# The @font-face rules of the families .streamlit/config.toml names after Streamlit's own font
# (theme.font): Chinese, Arabic, Devanagari and Korean without system fonts (geo.maps.webfonts).
_WEBFONTS = f'<style>@import url("{WEBFONTS_URL}");</style>'
# Streamlit 1.67 draws captions at 60 % opacity (about 4.0:1 on white, axe "color-contrast").
# #4a4f5c on white is 8.0:1; #1d6b35 on Streamlit's code background (#f0f2f6) is 5.9:1.
_CSS = """<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4a4f5c !important; }
[data-testid="stCaptionContainer"] p { color: #4a4f5c !important; }
[data-testid="stMarkdownContainer"] code { color: #1d6b35 !important; }
[data-testid="stStatusWidgetRunningManIcon"] { display: none !important; }
[data-testid="stStatusWidgetRunningIcon"]::after {
  content: "directions_run"; font: 20px "Material Symbols Rounded"; color: #4a4f5c;
}
[data-testid="stElementContainer"] { transition: none !important; }
</style>"""
# A page waiting for its rerun kept repainting itself: every element fades out through a CSS
# transition (measured: a page waiting 5 s for its rerun spent 0.46-0.51 CPU-second in
# Chromium with it, 0.07-0.14 without, as much as an idle page). With 20 sessions on one
# 2-core server that slowed the reruns they waited for (bench/README.md, crowd). Stale
# elements now dim at once. Streamlit's "Running..." man, when its header shows it, changes
# every 200 ms: it stands still here (one icon of Streamlit's own font).


@st.cache_resource
def _webfonts_installed() -> bool:
    """Copy the web fonts once where ``static/vendor/`` predates them (an older `geo vendor`).

    Without node_modules the page keeps the browser's own fonts rather than link a
    stylesheet that is not there.
    """
    vendor_dir = PROJECT_ROOT / "static" / "vendor"
    if not webfonts.missing_webfont_files(vendor_dir):
        return True
    try:
        webfonts.install_webfonts(PROJECT_ROOT / "node_modules", vendor_dir)
    except VendorAssetsMissing:
        return False
    return True


def apply() -> None:
    """Add the app's CSS to the page (once per run, from app.py)."""
    st.html((_WEBFONTS if _webfonts_installed() else "") + _CSS)

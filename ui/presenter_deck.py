"""Presenter: a story shown full screen (Present) and its downloads (HTML, PDF)."""

from __future__ import annotations

import dataclasses
import json
from html import escape

import streamlit as st
import streamlit.components.v1 as components

from geo.census import DEMO_NAME
from geo.errors import GeoError
from geo.maps.layers import simplify_tracts
from geo.presenter.build import story_html, story_pdf
from geo.presenter.slide_map import build_slide_map, compute_slide, figure_lines
from geo.presenter.stories import StoryRecord
from ui import errors, maps, presenter_tables, resources
from ui.i18n import _, current

# Page Up / Page Down press the Previous / Next buttons (found by their label, in the
# interface language), also from inside the map's frame; the arrow keys stay with the map.
_KEYS = """<script>
const doc = window.parent.document;
doc.__deckLabels = {"PageDown": NEXT, "PageUp": PREVIOUS};
if (!doc.__deckKeys) { doc.__deckKeys = true;
  doc.addEventListener('keydown', function (e) {
    if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
    const label = doc.__deckLabels[e.key];
    const button = Array.from(doc.querySelectorAll('button'))
      .find(function (b) { return b.innerText.trim() === label; });
    if (button) { e.preventDefault(); button.click(); }
  });
}
</script>"""
_FULL_SCREEN = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
    "header{display:none!important}.block-container{padding:0.6rem 1.2rem!important;"
    "max-width:100%!important}</style>"
)


@st.cache_resource(max_entries=4, show_spinner=False)
def _outlines(name: str):
    return simplify_tracts(resources.load_area(name).tracts)


def _load(name: str):
    """A slide's study area (the demo city's branches from the database) and its outlines."""
    name = name if name in resources.store().names() else DEMO_NAME
    area = resources.load_area(name)
    if name == DEMO_NAME:
        area = dataclasses.replace(area, branches=resources.branches())
    return area, _outlines(name)


def present(story: StoryRecord) -> None:
    """Full screen: the slide's map, its caption in large type, Previous / Next and keys;
    under it, the slide's map as text and tables (folded away from the audience)."""
    st.markdown(_FULL_SCREEN, unsafe_allow_html=True)
    if not story.slides:
        st.info(_("This story has no slides (any more)."))
        return
    at = min(st.session_state.get("presenter.at", 0), len(story.slides) - 1)
    slide = story.slides[at]
    area, outlines = _load(slide.view.study_area)
    code = current()
    figures = compute_slide(area, resources.organizations(), slide.view, _, code)
    _controls(slide.caption or _("(no caption)"), at, len(story.slides))
    tiles = resources.settings().tiles
    m = build_slide_map(area, outlines, figures, slide.view, tiles=tiles, translate=_, code=code)
    maps.show_map(m, key=f"presenter.map.{at}", height=680)
    lines = figure_lines(area, figures, translate=_, code=code)
    st.markdown(
        "<div style='font-size:1.25rem' dir='auto'>"
        + "<br>".join(escape(line) for line in lines)
        + "</div>",
        unsafe_allow_html=True,
    )
    presenter_tables.show_slide_tables(area, outlines, figures, slide.view, at=at)


def _controls(caption: str, at: int, count: int) -> None:
    """The caption in large type, the slide counter, Previous / Next and their keys."""
    c1, c2, c3, c4 = st.columns([6, 1.2, 1.6, 1.2], vertical_alignment="center")
    c1.markdown(
        "<div style='font-size:2.1rem;font-weight:700;line-height:1.2;"
        f"unicode-bidi:plaintext'>{escape(caption)}</div>",
        unsafe_allow_html=True,
    )
    counter = _("Slide {number} of {count}").format(number=at + 1, count=count)
    c3.markdown(f"<div style='font-size:1.5rem'>{escape(counter)}</div>", unsafe_allow_html=True)
    previous, following = _("◀ Previous"), _("Next ▶")
    if c2.button(previous, key="presenter.prev", disabled=at == 0):
        st.session_state["presenter.at"] = at - 1
        st.rerun()
    if c4.button(following, key="presenter.next", disabled=at == count - 1):
        st.session_state["presenter.at"] = at + 1
        st.rerun()
    script = _KEYS.replace("NEXT", json.dumps(following)).replace("PREVIOUS", json.dumps(previous))
    components.html(script, height=0)


def exports(story: StoryRecord) -> None:
    """The story as one HTML file (USB stick, no internet) and as a PDF handout, their own
    words in the interface language (captions and figures as typed)."""
    if not st.button(_("Prepare the downloads"), key="presenter.prepare"):
        return
    organizations, language = resources.organizations(), current()
    try:
        with st.spinner(_("Drawing every slide…")):
            html = story_html(story, _load, organizations, language=language)
            pdf = story_pdf(story, _load, organizations, language=language)
    except GeoError as err:  # Leaflet or the PDF fonts not installed
        errors.show_error(err)
        return
    c1, c2 = st.columns(2)
    c1.download_button(
        _("Download the story (HTML, works offline)"),
        html.encode("utf-8"),
        "story.html",
        "text/html",
        key="presenter.html",
        on_click="ignore",  # no rerun: the other download stays on the page
    )
    c2.download_button(
        _("Download the handout (PDF)"),
        pdf,
        "story.pdf",
        "application/pdf",
        key="presenter.pdf",
        on_click="ignore",
    )

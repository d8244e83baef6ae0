"""Presenter: stories of saved map views, shown full screen at workshops, or exported."""

import streamlit as st

from ui import frame, presenter_deck, presenter_views, text
from ui.i18n import _

frame.ensure_app_frame()

presenting = st.session_state.get("presenter.presenting")
if presenting is not None:
    if st.button(_("Leave the presentation"), key="presenter.leave"):
        del st.session_state["presenter.presenting"]
        st.rerun()
    presenter_deck.present(presenter_views.load_story(presenting))
    st.stop()

st.title(_("Presenter"))
st.caption(
    _(
        "Save map views with a caption as slides, order them into a story, and present it "
        "full screen (Page Up / Page Down change slides; the arrow keys still pan the map). "
        "Slides show public data only: no contact persons or internal notes, even when you "
        "are signed in."
    )
)
story = presenter_views.choose_story()
if story is None:
    presenter_views.deleted_stories()
    st.stop()
presenter_views.save_slide(story)
# no plural form: tests/geo/test_i18n.py does not read plural entries yet
heading = _("{name} · Slides: {count}")
st.subheader(heading.format(name=text.literal(story.name), count=len(story.slides)))
presenter_views.list_slides(story)
presenter_views.manage_story(story)
presenter_views.deleted_stories()
if story.slides:
    if st.button(_("Present"), type="primary", key="presenter.start"):
        st.session_state["presenter.presenting"] = story.story_id
        st.session_state["presenter.at"] = 0
        st.rerun()
    presenter_deck.exports(story)

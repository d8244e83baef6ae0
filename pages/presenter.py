"""Presenter: stories of saved map views, shown full screen at workshops, or exported."""

import streamlit as st

from ui import frame, presenter_deck, presenter_views, text

frame.ensure_app_frame()

presenting = st.session_state.get("presenter.presenting")
if presenting is not None:
    if st.button("Leave the presentation", key="presenter.leave"):
        del st.session_state["presenter.presenting"]
        st.rerun()
    presenter_deck.present(presenter_views.load_story(presenting))
    st.stop()

st.title("Presenter")
st.caption(
    "Save map views with a caption as slides, order them into a story, and present it full "
    "screen (Page Up / Page Down change slides; the arrow keys still pan the map). Slides show "
    "public data only: no contact persons or internal notes, even when you are signed in."
)
story = presenter_views.choose_story()
if story is None:
    presenter_views.deleted_stories()
    st.stop()
presenter_views.save_slide(story)
st.subheader(f"{text.literal(story.name)}: {len(story.slides)} slides")
presenter_views.list_slides(story)
presenter_views.manage_story(story)
presenter_views.deleted_stories()
if story.slides:
    if st.button("Present", type="primary", key="presenter.start"):
        st.session_state["presenter.presenting"] = story.story_id
        st.session_state["presenter.at"] = 0
        st.rerun()
    presenter_deck.exports(story)

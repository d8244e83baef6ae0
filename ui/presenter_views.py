"""Presenter page: stories and slides, saving the current view, reopening it on the map."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import streamlit as st
from sqlalchemy.orm import Session

from geo.census import DEMO_NAME
from geo.census.indicators import INDICATORS
from geo.db.forms import history_table
from geo.db.queries import get_history
from geo.errors import GeoError
from geo.maps.layers import SCHEMES
from geo.presenter import stories
from geo.presenter.stories import StoryRecord
from geo.view import View
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES
from ui import auth, errors, home_views, map_position, resources, shared_view, text

WRITE = "fieldwork_write"  # editors save slides, as they plan field work


def current_view() -> View:
    """The view a new slide saves: the shared view as it is now, with the map's centre and
    zoom where the user left the asset map (this browser tab), shown for the slide's page."""
    map_position.sync()
    return replace(shared_view.current(), page="")


def describe(view: View) -> str:
    """The view in one line of plain words (what a new slide will show)."""
    f = view.filters
    chosen = [
        f"{INDICATORS[view.indicator].label}" if view.indicator in INDICATORS else view.indicator,
        SCHEMES.get(view.scheme, view.scheme),
        f"catchments {view.radius_m:,} m",
        *(
            f"{label}: {', '.join(names.get(v, v) for v in values)}"
            for label, values, names in (
                ("countries", f.countries, {}),
                ("languages", f.languages, LANGUAGES),
                ("services", f.categories, SERVICE_CATEGORIES),
            )
            if values
        ),
        *(
            f"{label} ≥ {pct:g}%"
            for label, pct in (
                ("arrived 2010+", f.min_arrived_2010_pct),
                ("limited-English households", f.min_limited_english_hh_pct),
                ("non-citizens", f.min_noncitizen_pct),
            )
            if pct
        ),
        (
            f"map centred on {view.centre[0]:.5f}, {view.centre[1]:.5f} at zoom {view.zoom:g}"
            if view.centre is not None and view.zoom is not None
            else "map fitted to the study area"
        ),
    ]
    return " · ".join(chosen)


def open_view(view: View) -> None:
    """Put a slide's view back on the asset map: sidebar, map choices, centre and zoom."""
    area = view.study_area if view.study_area in resources.store().names() else DEMO_NAME
    shared_view.show(replace(view, study_area=area) if area != view.study_area else view)
    # the slide's countries are not "just chosen": the map keeps the slide's indicator
    st.session_state[home_views.SEEN_COUNTRIES_KEY] = view.filters.countries


def choose_story() -> StoryRecord | None:
    """Pick a story (or start one, for editors)."""
    with Session(resources.engine()) as session:
        listed = stories.list_stories(session)
    names = dict(listed)
    if auth.can(WRITE):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input("New story", key="presenter.new_name", placeholder="Spring workshop")
        if c2.button("Create story", key="presenter.create") and name.strip():
            done, story_id = _write(stories.create_story, name)
            if done:
                st.session_state["presenter.story"] = story_id
                st.rerun()
    if not names:
        st.info("No story yet. Staff (editors) create stories and save map views as slides.")
        return None
    story_id = st.selectbox(
        "Story", list(names), format_func=names.__getitem__, key="presenter.story"
    )
    story = load_story(int(story_id))
    # A click is handled in the run after the one that drew the page: it acts on the version
    # that run showed, so a change someone saved in between is refused, not overwritten.
    seen = st.session_state.setdefault("presenter.seen_version", {})
    shown = seen.get(story.story_id, story.version)
    seen[story.story_id] = story.version
    return dataclasses.replace(story, version=shown)


def save_slide(story: StoryRecord) -> None:
    """Save the current view with a caption as the story's next slide (editors)."""
    if not auth.can(WRITE):
        return
    view = current_view()
    st.markdown("**New slide**: the view you left on the asset map.")
    st.caption(text.literal(f"{view.study_area} · {describe(view)}"))
    st.page_link("pages/map_explorer.py", label="Change it on the asset map", icon=":material/map:")
    c1, c2 = st.columns([3, 1])
    caption = c1.text_input("Caption", key="presenter.caption")
    if c2.button("Save this view as a slide", key="presenter.save"):
        _change(stories.add_slide, story, view, caption)


def list_slides(story: StoryRecord) -> None:
    """Each slide: open its view on the map; editors move or remove it."""
    writer = auth.can(WRITE)
    for slide in story.slides:
        c1, c2, c3, c4, c5 = st.columns([6, 1, 1, 1, 2])
        c1.markdown(f"**{slide.position + 1}.** {text.literal(slide.caption) or '(no caption)'}")
        key = f"presenter.slide.{slide.slide_id}"
        # the sidebar's widgets exist already, so the view is put back in a callback
        if c5.button("Open on the map", key=f"{key}.open", on_click=open_view, args=(slide.view,)):
            st.switch_page("pages/map_explorer.py")
        if writer:
            for col, label, offset in ((c2, "↑", -1), (c3, "↓", 1)):
                if col.button(label, key=f"{key}.{offset}"):
                    _change(stories.move_slide, story, slide.slide_id, offset)
            if c4.button("Remove", key=f"{key}.remove"):
                _change(stories.remove_slide, story, slide.slide_id)


def manage_story(story: StoryRecord) -> None:
    """Editors: rename or delete the story, restore a deleted one, read its history."""
    if not auth.can(WRITE):
        return
    with st.expander("Rename or delete this story; its history"):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input("Name", story.name, key=f"presenter.rename.{story.story_id}")
        if c2.button("Rename", key="presenter.rename"):
            _change(stories.rename_story, story, name)
        if st.button("Delete this story", key="presenter.delete"):
            _change(stories.set_story_status, story, "archived")
        with Session(resources.engine()) as session:
            history = history_table(get_history(session, str(story.story_id), entity="story"))
        st.caption("History of this story (who, when, what), newest first")
        st.dataframe(history, hide_index=True, use_container_width=True)


def deleted_stories() -> None:
    """Editors: the deleted stories, each with a Restore button."""
    if not auth.can(WRITE):
        return
    with Session(resources.engine()) as session:
        deleted = stories.list_stories(session, status="archived")
    if not deleted:
        return
    with st.expander(f"Deleted stories ({len(deleted)})"):
        for story_id, name in deleted:
            c1, c2 = st.columns([3, 1])
            c1.markdown(text.literal(name))
            c2.button(
                "Restore", key=f"presenter.restore.{story_id}", on_click=_restore, args=(story_id,)
            )


def _restore(story_id: int) -> None:
    """Bring a deleted story back and show it (a callback: before the story picker renders)."""
    if _write(stories.set_story_status, story_id, "active")[0]:
        st.session_state["presenter.story"] = story_id


def _write(action: Callable[..., Any], *args: object) -> tuple[bool, Any]:
    """One story write as the signed-in editor (the role checked on the server first), in
    one transaction: (done, what it returned); a refused write (an empty name) is shown."""
    user = auth.require(WRITE)
    try:
        with Session(resources.engine()) as session, session.begin():
            return True, action(session, *args, user=user)
    except GeoError as err:
        errors.show_error(err)
        return False, None


def _change(action: Callable[..., Any], story: StoryRecord, *args: object) -> None:
    """A write to ``story`` from the version on screen (someone else's newer save wins)."""
    user = auth.require(WRITE)
    try:
        with Session(resources.engine()) as session, session.begin():
            action(session, story.story_id, *args, user=user, expected_version=story.version)
    except GeoError as err:
        errors.show_error(err)
        return
    st.rerun()


def load_story(story_id: int) -> StoryRecord:
    """One story read fresh from the shared database."""
    with Session(resources.engine()) as session:
        return stories.load_story(session, story_id)

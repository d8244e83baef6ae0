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
from geo.presenter.story_history import say_story_history
from geo.view import View
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES
from ui import auth, errors, home_views, map_position, resources, shared_view, text
from ui.i18n import _, current, joined, number

WRITE = "fieldwork_write"  # editors save slides, as they plan field work


def current_view() -> View:
    """The view a new slide saves: the shared view as it is now, with the map's centre and
    zoom where the user left the asset map (this browser tab), shown for the slide's page."""
    map_position.sync()
    return replace(shared_view.current(), page="")


def describe(view: View) -> str:
    """The view in one line of plain words (what a new slide will show)."""
    f = view.filters
    indicator = INDICATORS.get(view.indicator)
    chosen = [
        _(indicator.label) if indicator else view.indicator,
        _(SCHEMES[view.scheme]) if view.scheme in SCHEMES else view.scheme,
        _("catchments {radius} m").format(radius=number(view.radius_m)),
        *(
            template.format(names=joined(names.get(v, v) for v in values))
            for template, values, names in (
                (_("countries: {names}"), f.countries, {}),
                (_("languages: {names}"), f.languages, LANGUAGES),
                (_("services: {names}"), f.categories, SERVICE_CATEGORIES),
            )
            if values
        ),
        *(
            template.format(pct=f"{pct:g}")
            for template, pct in (
                (_("arrived 2010+ ≥ {pct}%"), f.min_arrived_2010_pct),
                (_("limited-English households ≥ {pct}%"), f.min_limited_english_hh_pct),
                (_("non-citizens ≥ {pct}%"), f.min_noncitizen_pct),
            )
            if pct
        ),
        _position(view),
    ]
    return " · ".join(chosen)


def _position(view: View) -> str:
    if view.centre is None or view.zoom is None:
        return _("map fitted to the study area")
    return _("map centred on {lat}, {lon} at zoom {zoom}").format(
        lat=f"{view.centre[0]:.5f}", lon=f"{view.centre[1]:.5f}", zoom=f"{view.zoom:g}"
    )


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
        name = c1.text_input(
            _("New story"), key="presenter.new_name", placeholder=_("Spring workshop")
        )
        if c2.button(_("Create story"), key="presenter.create") and name.strip():
            done, story_id = _write(stories.create_story, name)
            if done:
                st.session_state["presenter.story"] = story_id
                st.rerun()
    if not names:
        st.info(_("No story yet. Staff (editors) create stories and save map views as slides."))
        return None
    story_id = st.selectbox(
        _("Story"), list(names), format_func=names.__getitem__, key="presenter.story"
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
    st.markdown(_("**New slide**: the view you left on the asset map."))
    st.caption(text.literal(f"{view.study_area} · {describe(view)}"))
    st.page_link(
        "pages/map_explorer.py", label=_("Change it on the asset map"), icon=":material/map:"
    )
    c1, c2 = st.columns([3, 1])
    caption = c1.text_input(_("Caption"), key="presenter.caption")
    if c2.button(_("Save this view as a slide"), key="presenter.save"):
        _change(stories.add_slide, story, view, caption)


def list_slides(story: StoryRecord) -> None:
    """Each slide: open its view on the map; editors move or remove it."""
    writer = auth.can(WRITE)
    for slide in story.slides:
        c1, c2, c3, c4, c5 = st.columns([6, 1, 1, 1, 2])
        caption = text.literal(slide.caption) or _("(no caption)")
        c1.markdown(f"**{slide.position + 1}.** {caption}")
        key = f"presenter.slide.{slide.slide_id}"
        # the sidebar's widgets exist already, so the view is put back in a callback
        if c5.button(
            _("Open on the map"), key=f"{key}.open", on_click=open_view, args=(slide.view,)
        ):
            st.switch_page("pages/map_explorer.py")
        if writer:
            moves = (
                (c2, "↑", _("Move this slide up"), -1),
                (c3, "↓", _("Move this slide down"), 1),
            )
            for col, arrow, words, offset in moves:  # an arrow, its words as the tooltip
                if col.button(arrow, key=f"{key}.{offset}", help=words):
                    _change(stories.move_slide, story, slide.slide_id, offset)
            if c4.button(_("Remove"), key=f"{key}.remove"):
                _change(stories.remove_slide, story, slide.slide_id)


def manage_story(story: StoryRecord) -> None:
    """Editors: rename or delete the story, restore a deleted one, read its history."""
    if not auth.can(WRITE):
        return
    with st.expander(_("Rename or delete this story; its history")):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input(_("Name"), story.name, key=f"presenter.rename.{story.story_id}")
        if c2.button(_("Rename"), key="presenter.rename"):
            _change(stories.rename_story, story, name)
        if st.button(_("Delete this story"), key="presenter.delete"):
            _change(stories.set_story_status, story, "archived")
        _history(story)


def _history(story: StoryRecord) -> None:
    """The story's change log, newest first, with headings in the interface language."""
    with Session(resources.engine()) as session:
        logged = history_table(get_history(session, str(story.story_id), entity="story"))
    history = say_story_history(logged, current())
    headings = {
        "When": _("When"),
        "Who": _("Who"),
        "What": _("What"),
        "Field": _("Field"),
        "Old value": _("Old value"),
        "New value": _("New value"),
    }
    st.caption(_("History of this story (who, when, what), newest first"))
    st.dataframe(history.rename(columns=headings), hide_index=True, use_container_width=True)


def deleted_stories() -> None:
    """Editors: the deleted stories, each with a Restore button."""
    if not auth.can(WRITE):
        return
    with Session(resources.engine()) as session:
        deleted = stories.list_stories(session, status="archived")
    if not deleted:
        return
    with st.expander(_("Deleted stories ({count})").format(count=len(deleted))):
        for story_id, name in deleted:
            c1, c2 = st.columns([3, 1])
            c1.markdown(text.literal(name))
            c2.button(
                _("Restore"),
                key=f"presenter.restore.{story_id}",
                on_click=_restore,
                args=(story_id,),
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

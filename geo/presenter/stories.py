"""Stories in the shared database: create, add a slide, reorder, remove, archive, read.

Functions take a Session and never commit; the caller owns the transaction (as in geo.db).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from geo.db.base import utc_now
from geo.db.stories_schema import Slide, Story
from geo.errors import AssetNotFound, ValidationError
from geo.view import View, view_from_params, view_to_params


@dataclass(frozen=True, kw_only=True)
class SlideRecord:
    """One slide as read back: its id, place, caption and the view it reopens."""

    slide_id: int
    position: int
    caption: str
    view: View


@dataclass(frozen=True, kw_only=True)
class StoryRecord:
    """A story with its slides in order."""

    story_id: int
    name: str
    slides: tuple[SlideRecord, ...]


def create_story(session: Session, name: str, *, user: str) -> int:
    """A new, empty story; returns its id.

    Raises
    ------
    ValidationError
        If the name is empty.
    """
    name = name.strip()
    if not name:
        raise ValidationError(
            "A story needs a name, e.g. 'Spring workshop'.", [{"field": "name", "message": "empty"}]
        )
    story = Story(name=name, updated_by=user)
    session.add(story)
    session.flush()
    return story.id


def _story(session: Session, story_id: int) -> Story:
    story = session.scalars(
        sa.select(Story).where(Story.id == story_id).options(selectinload(Story.slides))
    ).one_or_none()
    if story is None:
        raise AssetNotFound(f"No story has the id {story_id}; reload the list of stories.")
    return story


def _touch(story: Story, user: str) -> None:
    story.updated_at, story.updated_by, story.version = utc_now(), user, story.version + 1


def add_slide(session: Session, story_id: int, view: View, caption: str, *, user: str) -> int:
    """Append the view with its caption as the story's last slide; returns the slide id."""
    story = _story(session, story_id)
    slide = Slide(
        story_id=story.id,
        position=len(story.slides),
        caption=caption.strip(),
        view=view_to_params(view),
    )
    session.add(slide)
    _touch(story, user)
    session.flush()
    return slide.id


def move_slide(session: Session, story_id: int, slide_id: int, offset: int, *, user: str) -> None:
    """Move a slide ``offset`` places (-1 earlier, +1 later), clamped to the story's ends."""
    story = _story(session, story_id)
    slides = list(story.slides)
    index = next(i for i, s in enumerate(slides) if s.id == slide_id)
    target = max(0, min(len(slides) - 1, index + offset))
    slides.insert(target, slides.pop(index))
    for position, slide in enumerate(slides):
        slide.position = position
    _touch(story, user)
    session.flush()


def remove_slide(session: Session, story_id: int, slide_id: int, *, user: str) -> None:
    """Take a slide out of its story; the others close the gap."""
    story = _story(session, story_id)
    kept = [s for s in story.slides if s.id != slide_id]
    for slide in story.slides:
        if slide.id == slide_id:
            session.delete(slide)
    for position, slide in enumerate(kept):
        slide.position = position
    _touch(story, user)
    session.flush()


def set_story_status(session: Session, story_id: int, status: str, *, user: str) -> None:
    """Archive (``"archived"``) or restore (``"active"``) a story; nothing is deleted."""
    story = _story(session, story_id)
    story.status = status
    _touch(story, user)
    session.flush()


def list_stories(session: Session, *, include_archived: bool = False) -> list[tuple[int, str]]:
    """(id, name) of the stories, newest first."""
    query = sa.select(Story.id, Story.name).order_by(Story.id.desc())
    if not include_archived:
        query = query.where(Story.status == "active")
    return [(int(i), str(n)) for i, n in session.execute(query)]


def read_view(params: Mapping[str, Sequence[str]]) -> View:
    """A slide's stored view (:func:`geo.view.view_to_params` form), read back exactly.

    The page and study area are taken as stored: a study area deleted since is the
    caller's to report when the slide is shown. Every other value is read by the same
    rules as a link's.
    """
    stored = {key: list(values) for key, values in params.items()}
    return view_from_params(
        stored, pages=stored.get("page", [""]), study_areas=stored.get("area", [""])
    ).view


def load_story(session: Session, story_id: int) -> StoryRecord:
    """A story and its slides in order, each slide's view read back exactly."""
    story = _story(session, story_id)
    return StoryRecord(
        story_id=story.id,
        name=story.name,
        slides=tuple(
            SlideRecord(
                slide_id=s.id,
                position=s.position,
                caption=s.caption,
                view=read_view(s.view),
            )
            for s in sorted(story.slides, key=lambda s: s.position)
        ),
    )

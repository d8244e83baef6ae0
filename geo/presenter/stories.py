"""Stories in the shared database: create, rename, add a slide, reorder, remove, delete, read.

Every write goes through the one unit of work (:mod:`geo.db.unit_of_work`): the story's
version moves on (``UPDATE ... WHERE version = :expected``, so a save made from a stale copy
is refused with what the other editor changed) and the change log says who, when and what
(``entity = "story"``: its name, its slides in order, each slide added or removed with its
caption and view, archived or restored). Deleting a story archives it; nothing is lost.

Functions take a Session and never commit; the caller owns the transaction (as in geo.db).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from geo.db import tracked
from geo.db.stories_schema import Slide, Story
from geo.db.unit_of_work import changes
from geo.errors import AssetNotFound, ValidationError
from geo.messages import N_, Message
from geo.presenter.story_history import listed_slide
from geo.view import View, view_from_params, view_to_params

ENTITY = "story"  # change_log.entity of every story write


@dataclass(frozen=True, kw_only=True)
class SlideRecord:
    """One slide as read back: its id, place, caption and the view it reopens."""

    slide_id: int
    position: int
    caption: str
    view: View


@dataclass(frozen=True, kw_only=True)
class StoryRecord:
    """A story with its slides in order, at ``version`` (pass it back to change it)."""

    story_id: int
    name: str
    slides: tuple[SlideRecord, ...]
    version: int = 1


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(
            Message(N_("A story needs a name, e.g. 'Spring workshop'.")),
            [{"field": "name", "message": Message(N_("empty"))}],
        )
    return name


def create_story(session: Session, name: str, *, user: str) -> int:
    """A new, empty story; returns its id.

    Raises
    ------
    ValidationError
        If the name is empty.
    """
    story = Story(name=_name(name), updated_by=user, version=1)
    session.add(story)
    session.flush()
    with changes(session, user) as uow:
        uow.log(ENTITY, str(story.id), "create", new={"name": story.name}, version=1)
    return story.id


def _story(session: Session, story_id: int) -> Story:
    story = session.scalars(
        sa.select(Story)
        .where(Story.id == story_id)
        .options(selectinload(Story.slides))
        .execution_options(populate_existing=True)
    ).one_or_none()
    if story is None:
        raise AssetNotFound(
            Message(N_("No story has the id {id}; reload the list of stories."), id=str(story_id))
        )
    return story


def _no_slide(slide_id: int) -> AssetNotFound:
    words = N_("The story has no slide {id} any more; reload the page.")
    return AssetNotFound(Message(words, id=str(slide_id)))


def _listed(slides: Sequence[Slide]) -> list[str]:
    """The slides in order as the change log shows them."""
    return [listed_slide(s.caption, s.id) for s in slides]


def _saved(slide: Slide) -> dict[str, object]:
    return {"caption": slide.caption, "view": slide.view}


def _save(
    session: Session,
    story: Story,
    diffs: Mapping[str, tuple[object, object]],
    *,
    user: str,
    expected_version: int | None,
    values: Mapping[str, object] | None = None,
    action: str = "update",
) -> None:
    """Write ``values``, bump the story's version from ``expected_version``, log ``diffs``;
    :class:`~geo.errors.EditConflict` if someone else saved since that version."""
    expected = story.version if expected_version is None else expected_version
    table = Story.__table__
    session.flush()  # the slides' own rows first, in the same transaction
    with changes(session, user) as uow:
        uow.save(
            table,
            # the integer key itself: PostgreSQL refuses "integer = varchar" (the log
            # stores it as text either way)
            story.id,  # type: ignore[arg-type]
            dict(values or {}),
            expected_version=expected,
            entity=ENTITY,
            diffs=diffs,
            conflict=lambda: tracked.conflict(
                session, ENTITY, str(story.id), expected, _row(session, story.id), story.name
            ),
            action=action,
        )


def _row(session: Session, story_id: int) -> dict:
    """The story's stored row (its current version, for a refused save's message)."""
    table = Story.__table__
    return dict(session.execute(sa.select(table).where(table.c.id == story_id)).mappings().one())


def rename_story(
    session: Session, story_id: int, name: str, *, user: str, expected_version: int | None = None
) -> None:
    """Give a story a new name.

    Raises
    ------
    ValidationError, AssetNotFound, EditConflict
    """
    story = _story(session, story_id)
    new = _name(name)
    if new != story.name:
        diffs, values = {"name": (story.name, new)}, {"name": new}
        _save(session, story, diffs, values=values, user=user, expected_version=expected_version)


def add_slide(
    session: Session,
    story_id: int,
    view: View,
    caption: str,
    *,
    user: str,
    expected_version: int | None = None,
) -> int:
    """Append the view with its caption as the story's last slide; returns the slide id."""
    story = _story(session, story_id)
    before = _listed(story.slides)
    slide = Slide(
        story_id=story.id,
        position=len(story.slides),
        caption=caption.strip(),
        view=view_to_params(view),
    )
    session.add(slide)
    session.flush()
    diffs = {
        "slides": (before, [*before, *_listed([slide])]),
        f"slide {slide.id}": (None, _saved(slide)),
    }
    _save(session, story, diffs, user=user, expected_version=expected_version)
    return slide.id


def move_slide(
    session: Session,
    story_id: int,
    slide_id: int,
    offset: int,
    *,
    user: str,
    expected_version: int | None = None,
) -> None:
    """Move a slide ``offset`` places (-1 earlier, +1 later), clamped to the story's ends."""
    story = _story(session, story_id)
    slides = list(story.slides)
    before = _listed(slides)
    index = next((i for i, s in enumerate(slides) if s.id == slide_id), None)
    if index is None:
        raise _no_slide(slide_id)
    target = max(0, min(len(slides) - 1, index + offset))
    slides.insert(target, slides.pop(index))
    for position, slide in enumerate(slides):
        slide.position = position
    diffs = {"slides": (before, _listed(slides))}
    _save(session, story, diffs, user=user, expected_version=expected_version)


def remove_slide(
    session: Session,
    story_id: int,
    slide_id: int,
    *,
    user: str,
    expected_version: int | None = None,
) -> None:
    """Take a slide out of its story; the others close the gap."""
    story = _story(session, story_id)
    gone = next((s for s in story.slides if s.id == slide_id), None)
    if gone is None:
        raise _no_slide(slide_id)
    before = _listed(story.slides)
    kept = [s for s in story.slides if s.id != slide_id]
    diffs = {"slides": (before, _listed(kept)), f"slide {slide_id}": (_saved(gone), None)}
    session.delete(gone)
    for position, slide in enumerate(kept):
        slide.position = position
    _save(session, story, diffs, user=user, expected_version=expected_version)


def set_story_status(
    session: Session,
    story_id: int,
    status: str,
    *,
    user: str,
    expected_version: int | None = None,
) -> None:
    """Delete (``"archived"``) or restore (``"active"``) a story; nothing is erased."""
    if status not in ("active", "archived"):
        raise ValidationError(
            Message(N_("A story is 'active' or 'archived', not '{status}'."), status=status),
            [{"field": "status", "message": status}],
        )
    story = _story(session, story_id)
    if status != story.status:
        _save(
            session,
            story,
            {"status": (story.status, status)},
            values={"status": status},
            user=user,
            expected_version=expected_version,
            action="archive" if status == "archived" else "restore",
        )


def list_stories(session: Session, *, status: str | None = "active") -> list[tuple[int, str]]:
    """(id, name) of the stories, newest first: active (default), ``"archived"`` (deleted,
    for restoring) or all (``None``)."""
    query = sa.select(Story.id, Story.name).order_by(Story.id.desc())
    if status is not None:
        query = query.where(Story.status == status)
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
        version=story.version,
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

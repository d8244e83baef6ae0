"""The demo city's illustrative field work and presenter story, added to a fresh demo database.

:func:`geo.db.session.open_database` calls :func:`fieldwork_seeder`'s function right after it
seeds the demo city's organizations into an empty database, in the same transaction; the
setting ``WELCOME_ATLAS_DEMO_FIELDWORK`` (on by default, off in the test suite) and the demo
folder (only the bundled one) decide whether it does. This module sits above ``geo.view``
because a story's slides are views; ``geo.db`` only receives the function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.config import DEMO_DIR, Settings
from geo.db.demo_fieldwork import DemoFieldworkCounts, has_fieldwork, seed_demo_fieldwork_records
from geo.db.seed import SEED_USER
from geo.db.session import open_database
from geo.filters import Filters
from geo.presenter.stories import add_slide, create_story
from geo.view import View

STORY_NAME = "Riverton newcomer scan — illustrative"
# (view, caption): the asset map's views a workshop would walk through, in order.
SLIDES: tuple[tuple[View, str], ...] = (
    (
        View(study_area="demo", indicator="foreign_born_share"),
        "Where newcomers live: foreign-born share of residents by tract (illustrative data).",
    ),
    (
        View(
            study_area="demo",
            indicator="limited_english_share",
            filters=Filters(languages=("ne", "my", "kar")),
        ),
        "Limited English at home, with the organizations that serve Nepali, Burmese or Karen "
        "speakers (illustrative).",
    ),
    (
        View(
            study_area="demo",
            indicator="arrived_2010_share",
            filters=Filters(categories=("employment",)),
            radius_m=2000,
            centre=(40.9718, -44.9567),
            zoom=14,
        ),
        "Kestrel Park Branch, 2 km around it: recent arrivals and the employment services "
        "that now run a job club at the branch (illustrative).",
    ),
    (
        View(
            study_area="demo",
            indicator="origin_share",
            filters=Filters(countries=("Burma (Myanmar)", "Bhutan")),
            centre=(41.0338, -45.0494),
            zoom=14,
        ),
        "Pine Hollow: residents born in Burma (Myanmar) or Bhutan, where the branch's walkabout "
        "went (illustrative).",
    ),
)


@dataclass(frozen=True, kw_only=True)
class DemoSeedCounts:
    """What :func:`seed_demo_fieldwork` added (all zeros when the database had field work)."""

    fieldwork: DemoFieldworkCounts
    slides: int


def seed_demo_story(session: Session, *, user: str = SEED_USER) -> int:
    """Add the presenter story :data:`STORY_NAME` with its slides; returns the story id."""
    story_id = create_story(session, STORY_NAME, user=user)
    for view, caption in SLIDES:
        add_slide(session, story_id, view, caption, user=user)
    return story_id


def seed_demo_fieldwork(
    session: Session, *, today: date | None = None, user: str = SEED_USER
) -> DemoSeedCounts:
    """Add the demo's illustrative field work and story unless any field work exists.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        A session on a database holding the demo city's organizations; the caller commits.
    today : datetime.date, optional
        The day dates count from (default: today).
    user : str, optional
        Name written to the change log.

    Returns
    -------
    DemoSeedCounts

    Raises
    ------
    ValidationError
        If a demo organization or branch the records name is missing.
    """
    if has_fieldwork(session):
        empty = DemoFieldworkCounts(entries=0, steps=0, staff=0, walks=0)
        return DemoSeedCounts(fieldwork=empty, slides=0)
    counts = seed_demo_fieldwork_records(session, today=today or date.today(), user=user)
    seed_demo_story(session, user=user)
    return DemoSeedCounts(fieldwork=counts, slides=len(SLIDES))


def fieldwork_seeder(settings: Settings) -> Callable[[Session], object] | None:
    """The function that adds the demo's field work to a fresh demo database, or None.

    None when the setting is off or the demo folder is not the bundled one (another
    folder's organizations are not the ones the records name).
    """
    if not settings.demo_fieldwork or not _is_bundled(settings.demo_dir):
        return None
    return seed_demo_fieldwork


def open_as_the_app(settings: Settings) -> Engine:
    """The database opened as the app opens it: migrated, and a fresh one seeded with the
    demo city and (setting on) its field work; for commands that run before the app."""
    return open_database(
        settings.database_url,
        seed_demo_from=settings.demo_dir,
        seed_fieldwork=fieldwork_seeder(settings),
    )


def _is_bundled(folder: Path) -> bool:
    return Path(folder).resolve() == DEMO_DIR.resolve()

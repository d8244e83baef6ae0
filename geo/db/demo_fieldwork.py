"""Illustrative field work for the demo city: log entries, next steps, staff and one walk.

A fresh demo database would otherwise open with an empty engagement log and action plan, and a
workshop could not see the point of the shared database (a branch's meeting visible to the team
that could partner with it; the log turning into next steps). Everything is invented and says
so, and goes through the project's own write functions, so versions and history are right.
Dates count back from ``today``; :mod:`geo.demo_fieldwork` adds the presenter story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.action_plan import add_staff, add_step, update_step
from geo.db.branches import list_branches
from geo.db.demo_log import ENTRIES
from geo.db.engagement import add_engagement
from geo.db.fieldwork_schema import ActionStep, EngagementEntry, StaffMember, Walkabout
from geo.db.schema import Branch, Organization
from geo.db.sites import list_sites
from geo.db.stories_schema import Story
from geo.db.walk_reports import record_walk_report
from geo.db.walkabouts import save_walkabout
from geo.fieldwork.areas import AreaDefinition
from geo.fieldwork.routes import Stop, plan_walkabout
from geo.fieldwork.stops import branch_stop, stops_from_sites

WALK_KEY = "walk"  # a step's ("walkabout", WALK_KEY) link names the demo walk


@dataclass(frozen=True, kw_only=True)
class DemoStep:
    """A next step; ``added_days_ago`` is when it was written (its due date was not past then)."""

    title: str
    who: str
    due_days: int  # from today: negative = already due
    added_days_ago: int
    branch_id: str
    status: str = "open"
    done_days_ago: int | None = None  # when a done or dropped step was closed
    notes: str = ""
    links: tuple[tuple[str, str], ...] = ()  # engagement/walkabout refs are demo keys


# fmt: off
STEPS: tuple[DemoStep, ...] = (
    DemoStep(title="Send the job coaches the meeting-room booking form", who="Robin Demo",
             due_days=-90, added_days_ago=118, done_days_ago=95, status="done", branch_id="BR-07",
             links=(("engagement", "jobs-intro"), ("asset", "ORG-0070"))),
    DemoStep(title="Run the first weekly job club with the Horn of Africa Workers' Center",
             who="Robin Demo; Sam Sample", due_days=9, added_days_ago=34, branch_id="BR-07",
             status="in_progress", notes="(Illustrative) Room booked Tuesdays 17:30-19:30.",
             links=(("engagement", "jobs-plan"), ("asset", "ORG-0070"), ("asset", "ORG-0080"),
                    ("tract", "99001100800"), ("community", "Ethiopia"))),
    DemoStep(title="Ask Pine Hollow Food Pantry to put up the branch's Burmese flyer",
             who="Jordan Sample", due_days=-4, added_days_ago=57, branch_id="BR-06",
             notes="(Illustrative) Flyer printed; not yet delivered.",
             links=(("walkabout", WALK_KEY), ("asset", "ORG-0165"), ("tract", "99001090700"))),
    DemoStep(title="Order Karen and Burmese picture books for Pine Hollow", who="Jordan Sample",
             due_days=20, added_days_ago=57, branch_id="BR-06", status="in_progress",
             links=(("engagement", "pine-families"), ("community", "Burma (Myanmar)"))),
    DemoStep(title="Share the citizenship class dates with Église Baptiste Haïtienne Bethel",
             who="Casey Example", due_days=-80, added_days_ago=103, done_days_ago=84,
             status="done", branch_id="BR-04",
             links=(("engagement", "bethel"), ("asset", "ORG-0208"))),
    DemoStep(title="Plan a Kreyòl conversation circle with Sosyete Kilti Ayisyen",
             who="Casey Example", due_days=14, added_days_ago=12, branch_id="BR-04",
             links=(("engagement", "kreyol"), ("asset", "ORG-0253"), ("tract", "99001060500"),
                    ("community", "Haiti"))),
    DemoStep(title="Agree the date of the health information morning with the Desi Women's "
             "Association", who="Alex Fictional", due_days=-9, added_days_ago=19,
             branch_id="BR-05", status="in_progress",
             notes="(Illustrative) Waiting for the health van's schedule.",
             links=(("engagement", "desi-plan"), ("asset", "ORG-0325"), ("asset", "ORG-0116"),
                    ("tract", "99001080500"))),
    DemoStep(title="Put the library card form in Ukrainian on the Orchard Hill desk",
             who="Morgan Placeholder", due_days=-50, added_days_ago=80, done_days_ago=55,
             status="done", branch_id="BR-08",
             links=(("engagement", "ukraine"), ("asset", "ORG-0323"))),
    DemoStep(title="Confirm the Tagalog story time dates with the Filipino-American Association",
             who="Lee Placeholder", due_days=5, added_days_ago=2, branch_id="BR-02",
             links=(("engagement", "story-time"), ("asset", "ORG-0236"))),
    DemoStep(title="Bring a library table to the Calder Flats pantry's next distribution day",
             who="Sam Sample", due_days=40, added_days_ago=49, branch_id="BR-09",
             links=(("engagement", "calder"), ("asset", "ORG-0157"))),
    DemoStep(title="Saturday English class at Millbrook", who="Taylor Madeup", due_days=-10,
             added_days_ago=41, done_days_ago=30, status="dropped", branch_id="BR-03",
             notes="(Illustrative) No volunteer teacher for Saturdays; asked again in spring.",
             links=(("engagement", "millbrook"),)),
)

# (name, branch, team, {training: days ago done}); names are obviously invented.
STAFF: tuple[tuple[str, str, str, Mapping[str, int]], ...] = (
    ("Robin Demo", "BR-07", "Newcomer services",
     {"cultural_competence": 300, "relationship_building": 200, "listening": 150}),
    ("Jordan Sample", "BR-06", "Outreach", {"cultural_competence": 120, "listening": 60}),
    ("Casey Example", "BR-04", "Adult learning", {"relationship_building": 90}),
    ("Alex Fictional", "BR-05", "Older adults", {"listening": 30}),
    ("Taylor Madeup", "BR-03", "Youth", {}),
)
# fmt: on


@dataclass(frozen=True, kw_only=True)
class DemoWalk:
    """The saved walk from the Pine Hollow Branch, with what the team noted afterwards."""

    title: str = "Pine Hollow Saturday walk (illustrative)"
    branch_id: str = "BR-06"
    days_ago: int = 110
    radius_m: float = 800.0
    team: str = "Outreach"
    questions: tuple[str, ...] = (
        "Which languages do your customers speak?",
        "Where do families look for help first?",
    )
    # organization id -> (who the team met, what it learned); every stop was visited.
    stops: Mapping[str, tuple[str, str]] = field(
        default_factory=lambda: {
            "ORG-0275": ("The owner (illustrative)", "Karen picture books wanted."),
            "ORG-0276": ("Two shop assistants", "Notice board by the till is read by all."),
            "ORG-0147": ("Stall holders", "Busiest on Saturday mornings."),
            "ORG-0165": ("A volunteer", "Would post a flyer in Burmese; follow up."),
        }
    )


@dataclass(frozen=True, kw_only=True)
class DemoFieldworkCounts:
    """How many records :func:`seed_demo_fieldwork_records` wrote."""

    entries: int
    steps: int
    staff: int
    walks: int


def has_fieldwork(session: Session) -> bool:
    """True when any field work or story exists (archived ones too): then nothing is added."""
    tables = (EngagementEntry, ActionStep, StaffMember, Walkabout, Story)
    return any(session.scalar(sa.select(t.id).limit(1)) is not None for t in tables)


def missing_references(session: Session) -> list[str]:
    """Ids of demo organizations and branches the records name that the database lacks."""
    named = {o for e in ENTRIES for o in e.organization_ids}
    named |= {ref for s in STEPS for kind, ref in s.links if kind == "asset"}
    named |= set(DemoWalk().stops)
    branches = {e.branch_id for e in ENTRIES} | {s.branch_id for s in STEPS}
    branches |= {b for _, b, _, _ in STAFF} | {DemoWalk().branch_id}
    found = set(session.scalars(sa.select(Organization.id).where(Organization.id.in_(named))))
    found |= set(session.scalars(sa.select(Branch.id).where(Branch.id.in_(branches))))
    return sorted((named | branches) - found)


def seed_demo_fieldwork_records(session: Session, *, today: date, user: str) -> DemoFieldworkCounts:
    """Write the demo's log entries, walk, steps and staff (the caller commits).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        A session on a database that holds the demo city's organizations and branches.
    today : datetime.date
        Every date counts back (or forward) from it.
    user : str
        Name written to the change log.

    Returns
    -------
    DemoFieldworkCounts

    Raises
    ------
    ValidationError
        If a record breaks a rule (a demo organization or branch missing).
    """
    refs = {"engagement": _add_entries(session, today=today, user=user)}
    refs["walkabout"] = {WALK_KEY: _add_walk(session, DemoWalk(), today=today, user=user)}
    for step in STEPS:
        _add_step(session, step, refs, today=today, user=user)
    for name, branch_id, team, trainings in STAFF:
        done = {k: today - timedelta(days=d) for k, d in trainings.items()}
        add_staff(session, name=name, user=user, branch_id=branch_id, team=team, trainings=done)
    return DemoFieldworkCounts(entries=len(ENTRIES), steps=len(STEPS), staff=len(STAFF), walks=1)


def _add_entries(session: Session, *, today: date, user: str) -> dict[str, str]:
    """Add every demo log entry; returns entry key -> stored id."""
    ids = {}
    for entry in ENTRIES:
        contact_on = today - timedelta(days=entry.days_ago)
        follow = entry.follow_up_days
        fields = {
            **entry.fields(),
            "contact_on": contact_on,
            "follow_up_on": None if follow is None else contact_on + timedelta(days=follow),
        }
        ids[entry.key] = add_engagement(
            session,
            fields,
            user=user,
            organization_ids=entry.organization_ids,
            communities=entry.communities,
        )
    return ids


def _add_step(
    session: Session,
    step: DemoStep,
    refs: Mapping[str, Mapping[str, str]],
    *,
    today: date,
    user: str,
) -> str:
    """Add one step as written ``added_days_ago``, then close it when it is done or dropped."""
    links = [(kind, refs.get(kind, {}).get(ref, ref)) for kind, ref in step.links]
    fields = {
        "title": step.title,
        "who": step.who,
        "due_on": today + timedelta(days=step.due_days),
        "branch_id": step.branch_id,
        "notes": step.notes,
        "status": "in_progress" if step.status == "in_progress" else "open",
    }
    added_on = today - timedelta(days=step.added_days_ago)
    step_id = add_step(session, fields, user=user, today=added_on, links=links)
    if step.done_days_ago is not None:
        closed_on = today - timedelta(days=step.done_days_ago)
        changes = {"status": step.status}
        update_step(session, step_id, changes, expected_version=1, user=user, today=closed_on)
    return step_id


def _add_walk(session: Session, walk: DemoWalk, *, today: date, user: str) -> str:
    """Save the walk in the planner's order, then record what the team noted after it."""
    branches = list_branches(session).set_index("branch_id", drop=False)
    start = branch_stop(branches.loc[walk.branch_id])
    sites = stops_from_sites(list_sites(session))
    chosen: list[Stop] = []
    for organization_id in walk.stops:
        chosen.append(next(s for s in sites if s.organization_id == organization_id))
    chosen.append(Stop(label="Notice board, Larch Street bus shelter", lat=41.0332, lon=-45.0481))
    route = plan_walkabout(start, chosen)
    walk_id = save_walkabout(
        session,
        title=walk.title,
        branch_id=walk.branch_id,
        area=AreaDefinition(kind="catchment", radius_m=walk.radius_m).to_json(),
        stops=route.stops,
        user=user,
        planned_on=today - timedelta(days=walk.days_ago),
        team=walk.team,
        questions=walk.questions,
        distance_m=route.total_distance_m,
    )
    reports = []
    for position, stop in enumerate(route.stops, start=1):
        met, learned = walk.stops.get(stop.organization_id or "", ("", "Posters in four scripts."))
        reports.append({"position": position, "visited": True, "met": met, "learned": learned})
    record_walk_report(session, walk_id, reports, expected_version=1, user=user)
    return walk_id

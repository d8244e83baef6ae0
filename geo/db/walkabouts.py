"""Walkabouts in the shared database: plan, read, archive and restore.

What the team reports after the walk, and the places it found, are in
:mod:`geo.db.walk_reports`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.fieldwork_schema import Walkabout, WalkaboutStop
from geo.db.tracked import insert_tracked, load_row, set_archived
from geo.errors import ValidationError
from geo.fieldwork.routes import Stop
from geo.i18n import N_

NO_STOPS = N_("The walk has no stops. Plan a route with at least one stop.")


ENTITY = "walkabout"
WALK_LIST_COLUMNS = (
    "id", "title", "branch_id", "planned_on", "team", "status", "stops", "visited", "archived",
    "version",
)  # fmt: skip
WALK_STATUSES = {"planned": N_("Planned"), "walked": N_("Walked")}
_TABLE: sa.Table = Walkabout.__table__
_STOPS: sa.Table = WalkaboutStop.__table__


@dataclass(frozen=True, kw_only=True)
class WalkStop:
    """A stored stop and what the team recorded there."""

    position: int
    kind: str
    label: str
    lat: float
    lon: float
    organization_id: str | None = None
    address: str | None = None
    visited: bool | None = None
    met: str | None = None
    learned: str | None = None


@dataclass(frozen=True, kw_only=True)
class WalkRecord:
    """A stored walk with its stops in walking order."""

    id: str
    title: str
    branch_id: str | None
    area: dict
    planned_on: date | None
    team: str | None
    questions: tuple[str, ...]
    speed_kmh: float
    status: str
    distance_m: float | None
    archived: bool
    version: int
    updated_by: str | None
    stops: tuple[WalkStop, ...]


def save_walkabout(
    session: Session,
    *,
    title: str,
    branch_id: str | None,
    area: Mapping,
    stops: Sequence[Stop],
    user: str,
    planned_on: date | None = None,
    team: str = "",
    questions: Sequence[str] = (),
    speed_kmh: float = 4.8,
    distance_m: float | None = None,
) -> str:
    """Store a planned walk with its stops (in walking order); returns its id.

    Raises
    ------
    ValidationError
        If the title is empty or there are no stops.
    """
    if not title.strip():
        raise ValidationError.said(N_("Give the walk a title, e.g. 'Eastside Saturday walk'."))
    if not stops:
        raise ValidationError.said(NO_STOPS)
    walk_id = insert_tracked(
        session,
        _TABLE,
        {
            "title": title.strip(),
            "branch_id": branch_id,
            "area": dict(area),
            "planned_on": planned_on,
            "team": team.strip() or None,
            "questions": [q.strip() for q in questions if q.strip()],
            "speed_kmh": speed_kmh,
            "status": "planned",
            "distance_m": distance_m,
        },
        entity=ENTITY,
        user=user,
    )
    session.execute(
        sa.insert(_STOPS),
        [
            {
                "walkabout_id": walk_id,
                "position": i,
                "label": s.label,
                "lat": s.lat,
                "lon": s.lon,
                "kind": "organization" if s.organization_id else "point",
                "organization_id": s.organization_id,
                "address": s.address or None,
            }
            for i, s in enumerate(stops, start=1)
        ],
    )
    session.flush()
    return walk_id


def get_walkabout(session: Session, walk_id: str) -> WalkRecord:
    """One walk with its stops.

    Raises
    ------
    AssetNotFound
        If no walk has this id.
    """
    row = load_row(session, _TABLE, walk_id, ENTITY)
    stops = session.execute(
        sa.select(_STOPS).where(_STOPS.c.walkabout_id == walk_id).order_by(_STOPS.c.position)
    ).mappings()
    fields = {k: row[k] for k in WalkRecord.__dataclass_fields__ if k in row}
    fields["questions"] = tuple(row["questions"] or ())
    return WalkRecord(
        **fields,
        stops=tuple(WalkStop(**{k: s[k] for k in WalkStop.__dataclass_fields__}) for s in stops),
    )


def list_walkabouts(session: Session, *, include_archived: bool = False) -> pd.DataFrame:
    """Walks, newest planned first: ``id, title, branch_id, planned_on, team, status,
    stops, visited, archived, version``."""
    counts = (
        sa.select(
            _STOPS.c.walkabout_id,
            sa.func.count().label("stops"),
            sa.func.count(sa.case((_STOPS.c.visited.is_(True), 1))).label("visited"),
        )
        .group_by(_STOPS.c.walkabout_id)
        .subquery()
    )
    own = [_TABLE.c[name] for name in ("id", "title", "branch_id", "planned_on", "team", "status")]
    query = (
        sa.select(*own, counts.c.stops, counts.c.visited, _TABLE.c.archived, _TABLE.c.version)
        .join(counts, counts.c.walkabout_id == _TABLE.c.id, isouter=True)
        .order_by(_TABLE.c.planned_on.desc(), _TABLE.c.title)
    )
    if not include_archived:
        query = query.where(_TABLE.c.archived.is_(False))
    return pd.DataFrame(session.execute(query).mappings().all(), columns=list(WALK_LIST_COLUMNS))


def archive_walkabout(
    session: Session, walk_id: str, *, user: str, expected_version: int | None = None
) -> WalkRecord:
    """Archive a walk (hidden from the list, kept with its history)."""
    set_archived(
        session, _TABLE, walk_id, True, entity=ENTITY, user=user, expected_version=expected_version
    )
    return get_walkabout(session, walk_id)


def restore_walkabout(
    session: Session, walk_id: str, *, user: str, expected_version: int | None = None
) -> WalkRecord:
    """Bring an archived walk back."""
    set_archived(
        session, _TABLE, walk_id, False, entity=ENTITY, user=user, expected_version=expected_version
    )
    return get_walkabout(session, walk_id)

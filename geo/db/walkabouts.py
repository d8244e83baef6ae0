"""Walkabouts in the shared database: plan, report what was found, archive and restore.

A place found on the walk becomes an organization (:func:`geo.db.add_asset`) with the entry
technique ``walkabout``, collected by the reporter, and a description that names the walk, and
is added to the walk as a stop of kind ``found``: it is on everyone's map at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.assets import add_asset
from geo.db.fieldwork_schema import Walkabout, WalkaboutStop
from geo.db.models import Asset
from geo.db.tracked import insert_tracked, load_row, log_detail, set_archived, update_tracked
from geo.errors import ValidationError
from geo.fieldwork.routes import Stop
from geo.i18n import N_

ENTITY = "walkabout"
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
        raise ValidationError("Give the walk a title, e.g. 'Eastside Saturday walk'.")
    if not stops:
        raise ValidationError("The walk has no stops. Plan a route with at least one stop.")
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
    query = (
        sa.select(
            _TABLE.c.id,
            _TABLE.c.title,
            _TABLE.c.branch_id,
            _TABLE.c.planned_on,
            _TABLE.c.team,
            _TABLE.c.status,
            counts.c.stops,
            counts.c.visited,
            _TABLE.c.archived,
            _TABLE.c.version,
        )
        .join(counts, counts.c.walkabout_id == _TABLE.c.id, isouter=True)
        .order_by(_TABLE.c.planned_on.desc(), _TABLE.c.title)
    )
    if not include_archived:
        query = query.where(_TABLE.c.archived.is_(False))
    return pd.DataFrame(
        session.execute(query).mappings().all(),
        columns=[
            "id",
            "title",
            "branch_id",
            "planned_on",
            "team",
            "status",
            "stops",
            "visited",
            "archived",
            "version",
        ],
    )


def record_walk_report(
    session: Session,
    walk_id: str,
    reports: Sequence[Mapping[str, object]],
    *,
    expected_version: int,
    user: str,
) -> WalkRecord:
    """Save per stop whether it was visited, who the team met and what it learned.

    Parameters
    ----------
    reports : sequence of Mapping
        ``position`` plus any of ``visited`` (bool), ``met``, ``learned`` (text).

    Raises
    ------
    EditConflict
        If someone saved the walk since version ``expected_version``.
    ValidationError
        If a position is not a stop of the walk.
    """
    walk = get_walkabout(session, walk_id)
    by_position = {s.position: s for s in walk.stops}
    diffs = []
    for report in reports:
        stop = by_position.get(int(report["position"]))  # type: ignore[call-overload]
        if stop is None:
            raise ValidationError(f"The walk has no stop number {report['position']}.")
        for field in ("visited", "met", "learned"):
            new = report.get(field, getattr(stop, field))
            new = new.strip() or None if isinstance(new, str) else new
            if new != getattr(stop, field):
                diffs.append((stop.position, field, getattr(stop, field), new))
    saved = update_tracked(
        session,
        _TABLE,
        walk_id,
        {"status": "walked"},
        expected_version=expected_version,
        entity=ENTITY,
        user=user,
        force_bump=bool(diffs),
    )
    for position, field, old, new in diffs:
        session.execute(
            sa.update(_STOPS)
            .where(_STOPS.c.walkabout_id == walk_id, _STOPS.c.position == position)
            .values({field: new})
        )
        log_detail(
            session,
            ENTITY,
            walk_id,
            f"stop {position} {field}",
            old,
            new,
            user=user,
            version=saved["version"],
        )
    session.flush()
    return get_walkabout(session, walk_id)


def add_found_place(
    session: Session,
    walk_id: str,
    record: Mapping[str, object],
    *,
    expected_version: int,
    user: str,
    allow_duplicate: bool = False,
) -> Asset:
    """Add a place found on the walk to the shared directory and to the walk.

    Parameters
    ----------
    record : Mapping
        Organization fields (``name``, ``category``, ``languages``, ``address``, ``lat``,
        ``lon``, ``description`` ...; see :func:`geo.db.add_asset`). ``lat``/``lon`` are
        required: the place was seen on the street.

    Returns
    -------
    Asset
        The new organization (entry technique ``walkabout``).

    Raises
    ------
    ValidationError, DuplicateAsset, EditConflict
    """
    walk = get_walkabout(session, walk_id)
    if record.get("lat") in (None, "") or record.get("lon") in (None, ""):
        raise ValidationError(
            "Give the place's latitude and longitude (click it on the map, "
            "or type them) so it appears on everyone's map."
        )
    source = f"Found on the walkabout '{walk.title}' ({walk.id})"
    if walk.planned_on:
        source += f" of {walk.planned_on:%Y-%m-%d}"
    description = str(record.get("description") or "").strip()
    asset = add_asset(
        session,
        {
            **record,
            "entry_technique": "walkabout",
            "collected_by": record.get("collected_by") or user,
            "collected_on": record.get("collected_on") or walk.planned_on or date.today(),
            "description": f"{source}. {description}".strip(),
        },
        user=user,
        allow_duplicate=allow_duplicate,
    )
    saved = update_tracked(
        session,
        _TABLE,
        walk_id,
        {},
        expected_version=expected_version,
        entity=ENTITY,
        user=user,
        force_bump=True,
    )
    position = max((s.position for s in walk.stops), default=0) + 1
    session.execute(
        sa.insert(_STOPS),
        [
            {
                "walkabout_id": walk_id,
                "position": position,
                "kind": "found",
                "organization_id": asset.id,
                "label": asset.name,
                "address": asset.address,
                "lat": asset.lat,
                "lon": asset.lon,
                "visited": True,
            }
        ],
    )
    log_detail(
        session,
        ENTITY,
        walk_id,
        f"stop {position}",
        None,
        f"found {asset.name} ({asset.id})",
        user=user,
        version=saved["version"],
        action="found",
    )
    session.flush()
    return asset


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

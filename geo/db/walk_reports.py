"""After the walk: what the team reports per stop, and places found on the way.

A place found on the walk becomes an organization (:func:`geo.db.add_asset`) with the entry
technique ``walkabout``, collected by the reporter, and a description that names the walk, and
is added to the walk as a stop of kind ``found``: it is on everyone's map at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.assets import add_asset
from geo.db.fieldwork_schema import Walkabout, WalkaboutStop
from geo.db.models import Asset
from geo.db.tracked import log_detail, update_tracked
from geo.db.walkabouts import ENTITY, WalkRecord, get_walkabout
from geo.errors import ValidationError
from geo.messages import N_

NO_STOP = N_("The walk has no stop number {number}.")
NO_COORDINATES = N_(
    "Give the place's latitude and longitude (click it on the map, or type them) so it appears "
    "on everyone's map."
)


_TABLE: sa.Table = Walkabout.__table__
_STOPS: sa.Table = WalkaboutStop.__table__


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
            raise ValidationError.said(NO_STOP, number=str(report["position"]))
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
        raise ValidationError.said(NO_COORDINATES)
    asset = add_asset(
        session, _found_record(walk, record, user), user=user, allow_duplicate=allow_duplicate
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
    _add_found_stop(session, walk, asset, version=saved["version"], user=user)
    session.flush()
    return asset


def _add_found_stop(
    session: Session, walk: WalkRecord, asset: Asset, *, version: int, user: str
) -> None:
    """The found place as the walk's next stop (visited), with a line in its history."""
    walk_id = walk.id
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
        version=version,
        action="found",
    )


def _found_record(walk: WalkRecord, record: Mapping[str, object], user: str) -> dict:
    """The organization as the walk found it: entry technique, collector, date, and a
    description that names the walk."""
    source = f"Found on the walkabout '{walk.title}' ({walk.id})"
    if walk.planned_on:
        source += f" of {walk.planned_on:%Y-%m-%d}"
    description = str(record.get("description") or "").strip()
    return {
        **record,
        "entry_technique": "walkabout",
        "collected_by": record.get("collected_by") or user,
        "collected_on": record.get("collected_on") or walk.planned_on or date.today(),
        "description": f"{source}. {description}".strip(),
    }

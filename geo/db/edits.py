"""Edit, archive and restore organizations with optimistic concurrency.

Every save is ``UPDATE organizations ... WHERE id = :id AND version = :expected``; when that
touches no row, someone else saved first and :class:`~geo.errors.EditConflict` tells the user
who changed what. Nothing is silently overwritten, also when two connections race: the
second UPDATE waits for the first transaction (PostgreSQL row lock, SQLite write lock) and
then finds the version moved on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.assets import child_rows, log_rows
from geo.db.conflicts import build_conflict
from geo.db.duplicates import keys_for
from geo.db.queries import ENTITY, get_asset, load_organization, to_asset
from geo.db.records import (
    LIST_FIELDS,
    LOCATION_FIELDS,
    Asset,
    clean_fields,
    render_value,
)
from geo.db.schema import Organization, utc_now
from geo.errors import ValidationError


def _compare_and_set(
    session: Session,
    asset: Asset,
    expected: int,
    values: dict[str, object],
    mine: Mapping[str, object],
) -> None:
    """Bump the version only if nobody else has; otherwise raise the conflict."""
    result = session.execute(
        sa.update(Organization.__table__)
        .where(Organization.id == asset.id, Organization.version == expected)
        .values(version=expected + 1, **values)
    )
    if result.rowcount != 1:
        raise build_conflict(session, get_asset(session, asset.id), mine, expected)


def _log_entries(
    asset_id: str,
    diffs: dict[str, tuple[object, object]],
    *,
    user: str,
    now: datetime,
    version: int,
    action: str,
) -> list[dict[str, object]]:
    return [
        {
            "changed_at": now,
            "changed_by": user,
            "entity": ENTITY,
            "entity_id": asset_id,
            "action": action,
            "field": field,
            "old_value": render_value(old),
            "new_value": render_value(new),
            "version": version,
        }
        for field, (old, new) in diffs.items()
    ]


def _replace_details(
    session: Session, asset: Asset, diffs: dict[str, tuple[object, object]]
) -> None:
    """Rewrite the detail tables whose fields changed."""
    fields: dict[str, object] = {f: new for f, (_, new) in diffs.items() if f in LIST_FIELDS}
    if any(f in diffs for f in LOCATION_FIELDS):
        fields.update(
            {f: diffs[f][1] if f in diffs else getattr(asset, f) for f in LOCATION_FIELDS}
        )
    for table, rows in child_rows(asset.id, fields).items():
        condition = table.c.organization_id == asset.id
        if "position" in table.c and table.name == "locations":
            condition = condition & (table.c.position == 0)
        session.execute(sa.delete(table).where(condition))
        if rows:
            session.execute(sa.insert(table), rows)


def update_asset(
    session: Session,
    asset_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int,
    user: str,
) -> Asset:
    """Save edits to one organization, refusing them if someone else saved first.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    asset_id : str
        Organization id.
    changes : Mapping
        Field -> new value, for any of :data:`geo.db.records.EDITABLE_FIELDS`.
    expected_version : int
        The ``version`` the user's form was opened at.
    user : str
        Who saves (change log and ``updated_by``).

    Returns
    -------
    Asset
        The saved organization; its ``version`` went up by one (unchanged if nothing differed).

    Raises
    ------
    AssetNotFound
        If no organization has this id.
    ValidationError
        If a field is unknown or breaks a rule.
    EditConflict
        If the stored version is not ``expected_version``; ``.changes`` lists field,
        changed_by, changed_at, their_value and your_value.

    Examples
    --------
    >>> asset = get_asset(session, "ORG-0001")  # doctest: +SKIP
    >>> update_asset(session, asset.id, {"phone": "555-0101"},
    ...              expected_version=asset.version, user="amira")  # doctest: +SKIP
    """
    cleaned = clean_fields(changes)
    asset = to_asset(load_organization(session, asset_id))
    if asset.version != expected_version:
        raise build_conflict(session, asset, cleaned, expected_version)
    diffs = {f: (getattr(asset, f), v) for f, v in cleaned.items() if getattr(asset, f) != v}
    if not diffs:
        return asset
    _check_coordinates(asset, cleaned)
    now = utc_now()
    values: dict[str, object] = {
        f: new for f, (_, new) in diffs.items() if f not in LIST_FIELDS + LOCATION_FIELDS
    }
    if {"name", "phone", "website"} & diffs.keys():
        values.update(keys_for({**_current_keys_source(asset), **cleaned}))
    _compare_and_set(
        session,
        asset,
        expected_version,
        {**values, "updated_at": now, "updated_by": user},
        cleaned,
    )
    _replace_details(session, asset, diffs)
    log_rows(
        session,
        _log_entries(
            asset.id,
            diffs,
            user=user,
            now=now,
            version=expected_version + 1,
            action="update",
        ),
    )
    session.flush()
    return get_asset(session, asset.id)


def _current_keys_source(asset: Asset) -> dict[str, object]:
    return {"name": asset.name, "phone": asset.phone, "website": asset.website}


def _check_coordinates(asset: Asset, cleaned: Mapping[str, object]) -> None:
    lat = cleaned.get("lat", asset.lat)
    lon = cleaned.get("lon", asset.lon)
    if (lat is None) != (lon is None):
        problem = {"field": "lat/lon", "message": "needs both values or neither"}
        raise ValidationError(
            "Latitude and longitude go together: give both, or clear both "
            "to mark the organization as needing a location.",
            [problem],
        )


def _set_status(
    session: Session,
    asset_id: str,
    status: str,
    *,
    user: str,
    expected_version: int | None,
    action: str,
) -> Asset:
    asset = to_asset(load_organization(session, asset_id))
    expected = asset.version if expected_version is None else expected_version
    if asset.version != expected:
        raise build_conflict(session, asset, {"status": status}, expected)
    if asset.status == status:
        return asset
    now = utc_now()
    _compare_and_set(
        session,
        asset,
        expected,
        {"status": status, "updated_at": now, "updated_by": user},
        {"status": status},
    )
    log_rows(
        session,
        _log_entries(
            asset.id,
            {"status": (asset.status, status)},
            user=user,
            now=now,
            version=expected + 1,
            action=action,
        ),
    )
    session.flush()
    return get_asset(session, asset.id)


def archive_asset(
    session: Session, asset_id: str, *, user: str, expected_version: int | None = None
) -> Asset:
    """Archive (soft-delete) an organization: hidden from listings, kept with its history.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    asset_id : str
        Organization id.
    user : str
        Who archives it.
    expected_version : int or None, optional
        Refuse with EditConflict if the stored version differs; None archives whatever is stored.

    Returns
    -------
    Asset
        The archived organization (unchanged if it was already archived).

    Raises
    ------
    AssetNotFound, EditConflict
    """
    return _set_status(
        session,
        asset_id,
        "archived",
        user=user,
        expected_version=expected_version,
        action="archive",
    )


def restore_asset(
    session: Session, asset_id: str, *, user: str, expected_version: int | None = None
) -> Asset:
    """Bring an archived organization back; see :func:`archive_asset` for the parameters.

    Raises
    ------
    AssetNotFound, EditConflict
    """
    return _set_status(
        session,
        asset_id,
        "active",
        user=user,
        expected_version=expected_version,
        action="restore",
    )

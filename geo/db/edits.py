"""Edit, archive and restore organizations with optimistic concurrency.

Every save is ``UPDATE organizations ... WHERE id = :id AND version = :expected``; when that
touches no row, someone else saved first and :class:`~geo.errors.EditConflict` tells the user
who changed what. Nothing is silently overwritten, also when two connections race: the
second UPDATE waits for the first transaction (PostgreSQL row lock, SQLite write lock) and
then finds the version moved on.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import unit_of_work
from geo.db.assets import child_rows, update_main_site
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
from geo.db.schema import Organization
from geo.db.unit_of_work import UnitOfWork
from geo.errors import ValidationError
from geo.messages import N_, Message


def _replace_details(
    session: Session, asset: Asset, diffs: dict[str, tuple[object, object]]
) -> None:
    """Rewrite the detail tables whose fields changed; the main site is updated in place."""
    fields: dict[str, object] = {f: new for f, (_, new) in diffs.items() if f in LIST_FIELDS}
    for table, rows in child_rows(asset.id, fields).items():
        session.execute(sa.delete(table).where(table.c.organization_id == asset.id))
        if rows:
            session.execute(sa.insert(table), rows)
    place = {f: new for f, (_, new) in diffs.items() if f in LOCATION_FIELDS}
    if place:
        update_main_site(session, asset, place)


def update_asset(
    session: Session,
    organization_id: str,
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
    organization_id : str
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
    asset = to_asset(load_organization(session, organization_id))
    if asset.version != expected_version:
        raise build_conflict(session, asset, cleaned, expected_version)
    diffs = {f: (getattr(asset, f), v) for f, v in cleaned.items() if getattr(asset, f) != v}
    if not diffs:
        return asset
    _check_coordinates(asset, cleaned)
    values: dict[str, object] = {
        f: new for f, (_, new) in diffs.items() if f not in LIST_FIELDS + LOCATION_FIELDS
    }
    if {"name", "phone", "website"} & diffs.keys():
        values.update(keys_for({**_current_keys_source(asset), **cleaned}))
    with unit_of_work.changes(session, user) as uow:
        _save(uow, asset, expected_version, values, diffs, cleaned, "update")
        _replace_details(session, asset, diffs)
    return get_asset(session, asset.id)


def _save(
    uow: UnitOfWork,
    asset: Asset,
    expected: int,
    values: dict[str, object],
    diffs: Mapping[str, tuple[object, object]],
    mine: Mapping[str, object],
    action: str,
) -> None:
    """Compare-and-set through the unit of work; a lost race raises the conflict message."""
    session = uow.session
    uow.save(
        Organization.__table__,
        asset.id,
        values,
        expected_version=expected,
        entity=ENTITY,
        diffs={f: (render_value(old), render_value(new)) for f, (old, new) in diffs.items()},
        conflict=lambda: build_conflict(session, get_asset(session, asset.id), mine, expected),
        action=action,
    )


def _current_keys_source(asset: Asset) -> dict[str, object]:
    return {"name": asset.name, "phone": asset.phone, "website": asset.website}


def _check_coordinates(asset: Asset, cleaned: Mapping[str, object]) -> None:
    lat = cleaned.get("lat", asset.lat)
    lon = cleaned.get("lon", asset.lon)
    if (lat is None) != (lon is None):
        problem = {"field": "lat/lon", "message": Message(N_("needs both values or neither"))}
        raise ValidationError(
            Message(
                N_(
                    "Latitude and longitude go together: give both, or clear both to mark the "
                    "organization as needing a location."
                )
            ),
            [problem],
        )


def _set_status(
    session: Session,
    organization_id: str,
    status: str,
    *,
    user: str,
    expected_version: int | None,
    action: str,
) -> Asset:
    asset = to_asset(load_organization(session, organization_id))
    expected = asset.version if expected_version is None else expected_version
    if asset.version != expected:
        raise build_conflict(session, asset, {"status": status}, expected)
    if asset.status == status:
        return asset
    with unit_of_work.changes(session, user) as uow:
        diffs = {"status": (asset.status, status)}
        _save(uow, asset, expected, {"status": status}, diffs, {"status": status}, action)
    return get_asset(session, asset.id)


def archive_asset(
    session: Session, organization_id: str, *, user: str, expected_version: int | None = None
) -> Asset:
    """Archive (soft-delete) an organization: hidden from listings, kept with its history.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    organization_id : str
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
        organization_id,
        "archived",
        user=user,
        expected_version=expected_version,
        action="archive",
    )


def restore_asset(
    session: Session, organization_id: str, *, user: str, expected_version: int | None = None
) -> Asset:
    """Bring an archived organization back; see :func:`archive_asset` for the parameters.

    Raises
    ------
    AssetNotFound, EditConflict
    """
    return _set_status(
        session,
        organization_id,
        "active",
        user=user,
        expected_version=expected_version,
        action="restore",
    )

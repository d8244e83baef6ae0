"""Read organizations (assets) and their change history."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from geo.db.models import Asset, Change, ContactPerson, LanguageServed
from geo.db.schema import ChangeLog, Organization
from geo.errors import AssetNotFound

ENTITY = "organization"
_ORG_COLUMNS = (
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "phone",
    "entry_technique",
    "collected_by",
    "collected_on",
    "last_verified_on",
    "status",
    "source",
    "source_id",
)


def load_organization(session: Session, organization_id: str) -> Organization:
    """Fetch one organization fresh from the database, details included.

    Raises
    ------
    AssetNotFound
        If no organization has this id.
    """
    query = (
        sa.select(Organization)
        .where(Organization.id == organization_id)
        .options(
            selectinload(Organization.locations),
            selectinload(Organization.services),
            selectinload(Organization.languages),
            selectinload(Organization.communities),
            selectinload(Organization.contacts),
        )
        .execution_options(populate_existing=True)
    )
    org = session.scalars(query).one_or_none()
    if org is None:
        raise AssetNotFound(
            f"No organization has the id '{organization_id}'. It may have been removed by a "
            "restore; reload the list and pick it again."
        )
    return org


def to_asset(org: Organization) -> Asset:
    """Turn a loaded ORM organization into a plain :class:`Asset`."""
    place = org.locations[0] if org.locations else None
    return Asset(
        **{name: getattr(org, name) for name in _ORG_COLUMNS},
        id=org.id,
        created_at=org.created_at,
        updated_at=org.updated_at,
        updated_by=org.updated_by,
        version=org.version,
        categories=tuple(s.category for s in org.services),
        languages=tuple(LanguageServed(code=x.code, note=x.note or "") for x in org.languages),
        communities=tuple(c.country for c in org.communities),
        contacts=tuple(
            ContactPerson(name=c.name, role=c.role, phone=c.phone, email=c.email)
            for c in org.contacts
        ),
        address=place.address if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
    )


def get_asset(session: Session, organization_id: str) -> Asset:
    """Return one organization with all its details.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    organization_id : str
        Organization id (e.g. ``'ORG-0001'`` or a uuid).

    Returns
    -------
    Asset

    Raises
    ------
    AssetNotFound
        If no organization has this id.
    """
    return to_asset(load_organization(session, organization_id))


def get_history(session: Session, organization_id: str, *, entity: str = ENTITY) -> list[Change]:
    """Every recorded change of one asset, oldest first.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    organization_id : str
        Organization (or branch, with ``entity="branch"``) id.
    entity : str, optional
        ``"organization"`` (default) or ``"branch"``.

    Returns
    -------
    list of Change
    """
    query = (
        sa.select(ChangeLog)
        .where(ChangeLog.entity == entity, ChangeLog.entity_id == organization_id)
        .order_by(ChangeLog.id)
    )
    return [
        Change(
            changed_at=c.changed_at,
            changed_by=c.changed_by,
            entity=c.entity,
            entity_id=c.entity_id,
            action=c.action,
            field=c.field,
            old_value=c.old_value,
            new_value=c.new_value,
            version=c.version,
        )
        for c in session.scalars(query)
    ]

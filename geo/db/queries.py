"""Read organizations (assets) and their change history."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from geo.db.models import (
    Asset,
    Change,
    ContactPerson,
    LanguageServed,
    OfferedService,
    OpeningHours,
    Site,
    TaxonomyTerm,
)
from geo.db.record_parts import SITE_TEXT
from geo.db.schema import ChangeLog, Organization
from geo.errors import AssetNotFound
from geo.messages import N_

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


def _with_details(query: sa.Select[Any]) -> sa.Select[Any]:
    return query.options(
        selectinload(Organization.locations),
        selectinload(Organization.categories),
        selectinload(Organization.services),
        selectinload(Organization.service_terms),
        selectinload(Organization.service_sites),
        selectinload(Organization.schedules),
        selectinload(Organization.languages),
        selectinload(Organization.communities),
        selectinload(Organization.contacts),
    )


def load_organizations(session: Session, ids: list[str], *, chunk: int = 400) -> list[Organization]:
    """Many organizations with their details, in the order of ``ids`` (a few queries each chunk)."""
    found: dict[str, Organization] = {}
    for start in range(0, len(ids), chunk):
        query = _with_details(
            sa.select(Organization).where(Organization.id.in_(ids[start : start + chunk]))
        )
        found |= {org.id: org for org in session.scalars(query)}
    return [found[i] for i in ids if i in found]


def load_organization(session: Session, organization_id: str) -> Organization:
    """Fetch one organization fresh from the database, details included.

    Raises
    ------
    AssetNotFound
        If no organization has this id.
    """
    query = _with_details(sa.select(Organization).where(Organization.id == organization_id))
    query = query.execution_options(populate_existing=True)
    org = session.scalars(query).one_or_none()
    if org is None:
        raise AssetNotFound.said(
            N_(
                "No organization has the id '{id}'. It may have been removed by a restore; "
                "reload the list and pick it again."
            ),
            id=organization_id,
        )
    return org


def _services(org: Organization) -> tuple[OfferedService, ...]:
    terms: dict[int, list[TaxonomyTerm]] = {}
    for t in org.service_terms:
        terms.setdefault(t.service_position, []).append(
            TaxonomyTerm(code=t.code, name=t.name, vocabulary=t.vocabulary)
        )
    sites: dict[int, list[int]] = {}
    for link in org.service_sites:
        sites.setdefault(link.service_position, []).append(link.site_position)
    return tuple(
        OfferedService(
            name=s.name,
            alternate_name=s.alternate_name,
            description=s.description,
            url=s.url,
            email=s.email,
            status=s.status,
            eligibility=s.eligibility,
            languages=tuple(s.languages or ()),
            categories=tuple(s.categories or ()),
            terms=tuple(terms.get(s.position, ())),
            sites=tuple(sites.get(s.position, ())),
            source_id=s.source_id,
        )
        for s in org.services
    )


def _hours(org: Organization) -> tuple[OpeningHours, ...]:
    return tuple(
        OpeningHours(
            weekday=h.weekday,
            opens_at=h.opens_at,
            closes_at=h.closes_at,
            site=h.site_position,
            service=h.service_position,
            description=h.description,
        )
        for h in org.schedules
    )


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
        categories=tuple(c.category for c in org.categories),
        sites=tuple(
            Site(**{f: getattr(x, f) for f in SITE_TEXT}, lat=x.lat, lon=x.lon)
            for x in org.locations
        ),
        services=_services(org),
        hours=_hours(org),
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

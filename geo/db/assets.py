"""Add and read organizations (assets) and their change history.

Functions take an open :class:`~sqlalchemy.orm.Session` and never commit: the caller owns
the transaction (``with Session(engine) as s, s.begin(): add_asset(s, ...)``), so a bulk
import is all-or-nothing. Edits live in :mod:`geo.db.edits`, reads in :mod:`geo.db.queries`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.duplicates import keys_for
from geo.db.intake_checks import refuse_duplicates, refuse_taken_ids, refuse_taken_source_ids
from geo.db.models import ContactPerson, OfferedService, OpeningHours, Site
from geo.db.queries import _ORG_COLUMNS, ENTITY, get_asset
from geo.db.records import (
    EDITABLE_FIELDS,
    PART_FIELDS,
    Asset,
    clean_record,
    describe_problems,
    render_value,
)
from geo.db.schema import (
    Category,
    Community,
    Contact,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
)
from geo.db.unit_of_work import changes
from geo.errors import ValidationError


def _site_rows(organization_id: str, sites: Sequence[Site]) -> list[dict[str, object]]:
    return [
        {"organization_id": organization_id, "position": i, **asdict(site)}
        for i, site in enumerate(sites)
    ]


def _service_rows(
    organization_id: str, services: Sequence[OfferedService]
) -> dict[sa.Table, list[dict[str, object]]]:
    """Rows of services, their taxonomy terms and the sites they run at."""
    rows: dict[sa.Table, list[dict[str, object]]] = {
        Service.__table__: [],
        ServiceTerm.__table__: [],
        ServiceAtLocation.__table__: [],
    }
    for i, service in enumerate(services):
        record = asdict(service)
        terms, sites = record.pop("terms"), record.pop("sites")
        base = {"organization_id": organization_id}
        rows[Service.__table__].append(
            {**base, **record, "position": i, "languages": list(service.languages)}
            | {"categories": list(service.categories)}
        )
        rows[ServiceTerm.__table__].extend(
            {**base, "service_position": i, **term} for term in terms
        )
        rows[ServiceAtLocation.__table__].extend(
            {**base, "service_position": i, "site_position": s} for s in sites
        )
    return rows


def _hour_rows(organization_id: str, hours: Sequence[OpeningHours]) -> list[dict[str, object]]:
    return [
        {
            "organization_id": organization_id,
            "site_position": h.site,
            "service_position": h.service,
            "weekday": h.weekday,
            "opens_at": h.opens_at,
            "closes_at": h.closes_at,
            "description": h.description,
        }
        for h in hours
    ]


def child_rows(
    organization_id: str, fields: Mapping[str, object]
) -> dict[sa.Table, list[dict[str, object]]]:
    """Rows of the detail tables for the list/location/part fields present in ``fields``."""
    rows: dict[sa.Table, list[dict[str, object]]] = {}
    base = {"organization_id": organization_id}
    if "categories" in fields:
        rows[Category.__table__] = [{**base, "category": c} for c in fields["categories"]]  # type: ignore[attr-defined]
    if "languages" in fields:
        rows[Language.__table__] = [
            {**base, "code": x.code, "note": x.note or None}
            for x in fields["languages"]  # type: ignore[attr-defined]
        ]
    if "communities" in fields:
        rows[Community.__table__] = [{**base, "country": c} for c in fields["communities"]]  # type: ignore[attr-defined]
    if "contacts" in fields:
        contacts: Sequence[ContactPerson] = fields["contacts"]  # type: ignore[assignment]
        rows[Contact.__table__] = [
            {**base, "position": i, **asdict(c)} for i, c in enumerate(contacts)
        ]
    if "sites" in fields:
        rows[Location.__table__] = _site_rows(organization_id, fields["sites"])  # type: ignore[arg-type]
    if "services" in fields:
        rows.update(_service_rows(organization_id, fields["services"]))  # type: ignore[arg-type]
    if "hours" in fields:
        rows[Schedule.__table__] = _hour_rows(organization_id, fields["hours"])  # type: ignore[arg-type]
    return rows


def update_main_site(session: Session, asset: Asset, place: Mapping[str, object]) -> None:
    """Apply an edit of address/lat/lon to site 0 without losing its other fields.

    A new address replaces the old address parts (they described the old place); the
    site's hours and services stay linked because they point at its position.
    """
    values = dict(place)
    if "address" in values:
        values |= {"address_1": values["address"], "address_2": None, "city": None}
        values |= {"state_province": None, "postal_code": None}
    merged = {f: values.get(f, getattr(asset, f)) for f in ("address", "lat", "lon")}
    table = Location.__table__
    main = (table.c.organization_id == asset.id) & (table.c.position == 0)
    if all(v is None for v in merged.values()) and len(asset.sites) <= 1:
        session.execute(sa.delete(table).where(main))
    elif session.execute(sa.update(table).where(main).values(**values)).rowcount == 0:  # type: ignore[attr-defined]
        row = {"organization_id": asset.id, "position": 0, **merged, "address_1": merged["address"]}
        session.execute(sa.insert(table), [row])


def _clean_all(records: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    cleaned, problems = [], []
    for row, record in enumerate(records):
        try:
            cleaned.append(clean_record(record, row=row))
        except ValidationError as err:
            problems.extend(err.problems)
    if problems:
        raise ValidationError(describe_problems(problems), problems)
    return cleaned


def _insert(session: Session, cleaned: list[dict[str, object]], *, user: str) -> list[str]:
    ids = [str(c["id"] or uuid.uuid4()) for c in cleaned]
    organizations: list[dict[str, object]] = []
    details: dict[sa.Table, list[dict[str, object]]] = {}
    snapshots: list[object] = []
    for organization_id, c in zip(ids, cleaned, strict=True):
        organizations.append(
            {**{k: c.get(k) for k in _ORG_COLUMNS}, **keys_for(c), "id": organization_id}
        )
        for table, rows in child_rows(organization_id, c).items():
            details.setdefault(table, []).extend(rows)
        snapshot = {f: render_value(c[f]) for f in EDITABLE_FIELDS if c[f] not in (None, ())}
        snapshot |= {f"{p} (count)": str(len(c[p])) for p in PART_FIELDS if c.get(p)}  # type: ignore[arg-type]
        snapshots.append(snapshot)
    with changes(session, user) as uow:
        uow.create(Organization.__table__, organizations, entity=ENTITY, snapshots=snapshots)
        for table, rows in details.items():
            if rows:
                session.execute(sa.insert(table), rows)
    return ids


def add_assets(
    session: Session,
    records: Iterable[Mapping[str, object]],
    *,
    user: str,
    allow_duplicate: bool = False,
) -> list[str]:
    """Add many organizations in the caller's transaction (all-or-nothing when it rolls back).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; commit it to keep the records.
    records : iterable of Mapping
        Fields named as in ``organizations.csv`` (``organization_id``, ``category``, lists
        ``;``-separated) or as in :class:`Asset`. An empty id gets a new uuid.
    user : str
        Who adds them (written to the change log and ``updated_by``).
    allow_duplicate : bool, optional
        Save even when :func:`geo.db.duplicates.find_duplicates` flags records.

    Returns
    -------
    list of str
        The ids, in input order.

    Raises
    ------
    ValidationError
        If any record breaks a rule or reuses an id; nothing is written.
    DuplicateAsset
        If any record looks like a stored one (or an earlier one in ``records``).
    """
    cleaned = _clean_all(list(records))
    refuse_taken_ids(session, cleaned)
    refuse_taken_source_ids(session, cleaned)
    if not allow_duplicate:
        refuse_duplicates(session, cleaned)
    ids = _insert(session, cleaned, user=user)
    session.flush()
    return ids


def add_asset(
    session: Session,
    record: Mapping[str, object],
    *,
    user: str,
    allow_duplicate: bool = False,
) -> Asset:
    """Add one organization; see :func:`add_assets` for fields and errors.

    Returns
    -------
    Asset
        The stored organization (version 1).
    """
    (organization_id,) = add_assets(session, [record], user=user, allow_duplicate=allow_duplicate)
    return get_asset(session, organization_id)

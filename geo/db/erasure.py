"""Erasure on request (GDPR art. 17) and the retention review of contact details.

Erasing a person removes them as a contact of every organization (name, role, phone, e-mail)
and blanks their name, phone and e-mail wherever they are mentioned in the engagement log and
in walk findings, and in the old and new values of the change history. Each touched record gets
a new version (an open form cannot save the old text back) and a history entry that an erasure
happened, by whom and when; one more entry keeps the counts. Never the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import unit_of_work
from geo.db.base import utc_now
from geo.db.fieldwork_schema import EngagementEntry, Walkabout, WalkaboutStop
from geo.db.queries import ENTITY
from geo.db.schema import ChangeLog, Contact, Organization
from geo.errors import ValidationError
from geo.messages import N_

ERASED = "[erased]"
ENGAGEMENT_TEXT = ("summary", "needs", "aspirations", "assets_heard", "challenges")
STOP_TEXT = ("met", "learned")


@dataclass(frozen=True, kw_only=True)
class ErasureReport:
    """What one erasure changed (counts only: the erased values are gone)."""

    contacts: int
    organizations: int
    engagement_entries: int
    walks: int
    history_entries: int

    def as_counts(self) -> dict[str, int]:
        """The counts as the change log keeps them."""
        return dict(self.__dict__)


def _terms(session: Session, name: str) -> list[str]:
    """The name plus the phone numbers and e-mails stored with it, longest first."""
    name = name.strip()
    if len(name) < 3:
        raise ValidationError.said(
            N_("Type the person's full name (at least 3 characters), so nothing else is erased.")
        )
    rows = session.execute(
        sa.select(Contact.phone, Contact.email).where(sa.func.lower(Contact.name) == name.lower())
    ).all()
    found = {name} | {v for row in rows for v in row if v and len(v) >= 3}
    return sorted(found, key=len, reverse=True)


def _blank(text: str | None, pattern: re.Pattern[str]) -> str | None:
    return text if text is None else pattern.sub(ERASED, text)


def _mentions(column: sa.ColumnElement, terms: list[str]) -> sa.ColumnElement[bool]:
    return sa.or_(*(column.icontains(t, autoescape=True) for t in terms))


def _bump(
    uow: unit_of_work.UnitOfWork,
    table: sa.Table,
    entity: str,
    row_id: str,
    fields: list[str],
    version: int,
    values: dict[str, object],
) -> None:
    """A new version of one record and an 'erase' entry per field, without values."""
    uow.save(
        table,
        row_id,
        values,
        expected_version=version,
        entity=entity,
        diffs=dict.fromkeys(fields, (None, None)),
        conflict=lambda: ValidationError(
            f"The {entity} '{row_id}' changed during the erasure; run it again."
        ),
        action="erase",
    )


def _erase_contacts(uow: unit_of_work.UnitOfWork, name: str) -> tuple[int, int]:
    session = uow.session
    hits = session.execute(
        sa.select(Contact.id, Contact.organization_id).where(
            sa.func.lower(Contact.name) == name.strip().lower()
        )
    ).all()
    orgs = sorted({org for _, org in hits})
    session.execute(sa.delete(Contact.__table__).where(Contact.id.in_([i for i, _ in hits])))
    versions = dict(
        session.execute(
            sa.select(Organization.id, Organization.version).where(Organization.id.in_(orgs))
        ).all()
    )
    for org in orgs:
        _bump(uow, Organization.__table__, ENTITY, org, ["contacts"], versions[org], {})
    return len(hits), len(orgs)


def _erase_entries(uow: unit_of_work.UnitOfWork, terms: list[str], pattern: re.Pattern[str]) -> int:
    table = EngagementEntry.__table__
    columns = [table.c[f] for f in ENGAGEMENT_TEXT]
    rows = uow.session.execute(
        sa.select(table).where(sa.or_(*(_mentions(c, terms) for c in columns)))
    ).mappings()
    count = 0
    for row in list(rows):
        values = {f: _blank(row[f], pattern) for f in ENGAGEMENT_TEXT}
        changed = [f for f in ENGAGEMENT_TEXT if values[f] != row[f]]
        if changed:
            fields: dict[str, object] = {f: values[f] for f in changed}
            _bump(uow, table, "engagement", row["id"], changed, row["version"], fields)
            count += 1
    return count


def _erase_findings(
    uow: unit_of_work.UnitOfWork, terms: list[str], pattern: re.Pattern[str]
) -> int:
    stops = WalkaboutStop.__table__
    rows = uow.session.execute(
        sa.select(stops).where(sa.or_(*(_mentions(stops.c[f], terms) for f in STOP_TEXT)))
    ).mappings()
    walks: set[str] = set()
    for row in list(rows):
        values = {f: _blank(row[f], pattern) for f in STOP_TEXT}
        uow.session.execute(sa.update(stops).where(stops.c.id == row["id"]).values(**values))
        walks.add(row["walkabout_id"])
    table = Walkabout.__table__
    for walk in sorted(walks):
        version = uow.session.scalar(sa.select(table.c.version).where(table.c.id == walk))
        _bump(uow, table, "walkabout", walk, ["stops"], int(version or 1), {})
    return len(walks)


def erase_person(session: Session, name: str, *, user: str) -> ErasureReport:
    """Erase one person's data everywhere, in the caller's transaction; see the module text.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    name : str
        The person's name as stored as a contact or written in notes (any letter case).
    user : str
        Who carries out the request (kept in the history, with the time).

    Returns
    -------
    ErasureReport

    Raises
    ------
    ValidationError
        If the name is too short to be safe.
    """
    terms = _terms(session, name)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    with unit_of_work.changes(session, user) as uow:
        contacts, organizations = _erase_contacts(uow, name)
        entries = _erase_entries(uow, terms, pattern)
        walks = _erase_findings(uow, terms, pattern)
        history = uow.redact(lambda text: _blank(text, pattern), terms)
        report = ErasureReport(
            contacts=contacts,
            organizations=organizations,
            engagement_entries=entries,
            walks=walks,
            history_entries=history,
        )
        uow.event("person", "erasure request", "erase", report.as_counts())
    return report


def contacts_due_for_review(
    session: Session, *, months: int, now: datetime | None = None
) -> list[dict[str, object]]:
    """Contact persons whose organization's contacts have not changed for ``months`` months.

    Returns one row per contact, oldest first: organization id and name, contact name and
    when the organization's contacts last changed.
    """
    cutoff = (now or utc_now()) - timedelta(days=round(months * 30.44))
    touched = (
        sa.select(ChangeLog.entity_id, sa.func.max(ChangeLog.changed_at).label("at"))
        .where(
            ChangeLog.entity == ENTITY,
            sa.or_(ChangeLog.field == "contacts", ChangeLog.action == "create"),
        )
        .group_by(ChangeLog.entity_id)
        .subquery()
    )
    query = (
        sa.select(Organization.id, Organization.name, Contact.name, touched.c.at)
        .add_columns(Organization.created_at)
        .join(Contact, Contact.organization_id == Organization.id)
        .outerjoin(touched, touched.c.entity_id == Organization.id)
    )
    rows = []
    for organization_id, org_name, contact, at, created in session.execute(query):
        last = _aware(at or created)
        if last < cutoff:
            rows.append(
                {
                    "id": organization_id,
                    "organization": org_name,
                    "contact": contact,
                    "last_changed": last,
                }
            )
    return sorted(rows, key=lambda r: (r["last_changed"], r["organization"]))


def _aware(value: datetime | str) -> datetime:
    """Aggregates come back without the column type on some databases: make them aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)

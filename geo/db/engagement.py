"""The engagement log in the shared database: every contact, visible to every branch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.fieldwork_schema import EngagementCommunity, EngagementEntry, EngagementOrganization
from geo.db.schema import Organization
from geo.db.tracked import insert_tracked, load_row, log_detail, set_archived, update_tracked
from geo.errors import ValidationError
from geo.fieldwork.engagement import CONTINUUM
from geo.messages import N_, Listing, Message, choices
from geo.vocab import ENTRY_TECHNIQUES

ENTITY = "engagement"
TEXT_FIELDS = ("staff", "team", "summary", "needs", "aspirations", "assets_heard", "challenges")
FIELDS = ("contact_on", "branch_id", "technique", "continuum", "follow_up_on", *TEXT_FIELDS)
# The form's labels of the fields a refusal names (its problem table shows them, not keys).
FIELD_LABELS: dict[str, str] = {
    "contact_on": N_("Date of the contact"),
    "staff": N_("Staff who took part"),
    "technique": N_("Technique"),
    "continuum": N_("Where on the involvement continuum"),
    "follow_up_on": N_("Follow up on"),
}
_TABLE: sa.Table = EngagementEntry.__table__
_ORGS: sa.Table = EngagementOrganization.__table__
_COMMUNITIES: sa.Table = EngagementCommunity.__table__


def clean_entry(fields: Mapping[str, object]) -> dict[str, object]:
    """Check a log entry's fields.

    Raises
    ------
    ValidationError
        Listing every problem: missing date or staff, unknown technique or continuum level,
        a follow-up before the contact.
    """
    values = {k: fields.get(k) for k in FIELDS if k in fields}
    for key in TEXT_FIELDS:
        if key in values:
            values[key] = str(values[key] or "").strip() or None
    problems = []
    if "contact_on" in values and not isinstance(values["contact_on"], date):
        problems.append(_problem("contact_on", N_("the date of the contact is needed")))
    if "staff" in values and not values["staff"]:
        problems.append(_problem("staff", N_("say who from the library took part")))
    if "technique" in values and values["technique"] not in ENTRY_TECHNIQUES:
        problems.append(
            _problem("technique", N_("choose an entry technique: {known}"), ENTRY_TECHNIQUES)
        )
    if "continuum" in values and values["continuum"] not in CONTINUUM:
        problems.append(
            _problem(
                "continuum", N_("choose a place on the involvement continuum: {known}"), CONTINUUM
            )
        )
    follow, contact = values.get("follow_up_on"), values.get("contact_on")
    if isinstance(follow, date) and isinstance(contact, date) and follow < contact:
        problems.append(
            _problem("follow_up_on", N_("the follow-up date is before the contact date"))
        )
    if problems:
        raise ValidationError(
            Message(
                N_("The log entry was not saved: {problems}."),
                problems=Listing((p["message"] for p in problems), "; "),
            ),
            problems,
        )
    return values


def _problem(field: str, said: str, known: Mapping[str, str] | None = None) -> dict[str, object]:
    """One problem row; ``known`` lists the accepted keys, each with its label."""
    if known is None:
        return {"field": field, "message": Message(said)}
    return {"field": field, "message": Message(said, known=choices(known))}


def _links(
    session: Session, entry_id: str, organization_ids: Sequence[str], communities: Sequence[str]
) -> None:
    session.execute(sa.delete(_ORGS).where(_ORGS.c.entry_id == entry_id))
    session.execute(sa.delete(_COMMUNITIES).where(_COMMUNITIES.c.entry_id == entry_id))
    if organization_ids:
        session.execute(
            sa.insert(_ORGS),
            [{"entry_id": entry_id, "organization_id": o} for o in dict.fromkeys(organization_ids)],
        )
    names = [c.strip() for c in communities if c.strip()]
    if names:
        session.execute(
            sa.insert(_COMMUNITIES),
            [{"entry_id": entry_id, "community": c} for c in dict.fromkeys(names)],
        )


def add_engagement(
    session: Session,
    fields: Mapping[str, object],
    *,
    user: str,
    organization_ids: Sequence[str] = (),
    communities: Sequence[str] = (),
) -> str:
    """Log one contact with providers or community groups; returns the entry id.

    Parameters
    ----------
    fields : Mapping
        ``contact_on`` (date), ``staff``, ``branch_id``, ``team``, ``technique`` (key of
        ENTRY_TECHNIQUES), ``continuum`` (key of CONTINUUM), ``summary``, ``needs``,
        ``aspirations``, ``assets_heard``, ``challenges``, ``follow_up_on``.
    organization_ids, communities : sequence of str
        Organizations and communities involved.

    Raises
    ------
    ValidationError
    """
    values = clean_entry({k: fields.get(k) for k in FIELDS})
    entry_id = insert_tracked(session, _TABLE, values, entity=ENTITY, user=user)
    _links(session, entry_id, organization_ids, communities)
    if organization_ids or communities:
        log_detail(
            session,
            ENTITY,
            entry_id,
            "involved",
            None,
            {"organizations": list(organization_ids), "communities": list(communities)},
            user=user,
            version=1,
            action="create",
        )
    session.flush()
    return entry_id


def update_engagement(
    session: Session,
    entry_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int,
    user: str,
    organization_ids: Sequence[str] | None = None,
    communities: Sequence[str] | None = None,
) -> dict:
    """Edit an entry, refusing the save if someone else saved first (EditConflict)."""
    values = clean_entry(changes)
    saved = update_tracked(
        session,
        _TABLE,
        entry_id,
        values,
        expected_version=expected_version,
        entity=ENTITY,
        user=user,
        label_field="contact_on",
        force_bump=organization_ids is not None or communities is not None,
    )
    if organization_ids is not None or communities is not None:
        current = get_engagement(session, entry_id)
        _links(
            session,
            entry_id,
            organization_ids if organization_ids is not None else current["organization_ids"],
            communities if communities is not None else current["communities"],
        )
        log_detail(
            session,
            ENTITY,
            entry_id,
            "involved",
            None,
            {"organizations": list(organization_ids or []), "communities": list(communities or [])},
            user=user,
            version=saved["version"],
        )
    session.flush()
    return get_engagement(session, entry_id)


def get_engagement(session: Session, entry_id: str) -> dict:
    """One entry with ``organization_ids`` and ``communities`` lists."""
    row = load_row(session, _TABLE, entry_id, ENTITY)
    row["organization_ids"] = list(
        session.scalars(
            sa.select(_ORGS.c.organization_id)
            .where(_ORGS.c.entry_id == entry_id)
            .order_by(_ORGS.c.id)
        )
    )
    row["communities"] = list(
        session.scalars(
            sa.select(_COMMUNITIES.c.community)
            .where(_COMMUNITIES.c.entry_id == entry_id)
            .order_by(_COMMUNITIES.c.id)
        )
    )
    return row


def list_engagement(session: Session, *, include_archived: bool = False) -> pd.DataFrame:
    """Every entry, newest contact first, with ``organization_ids``, ``organizations``
    (names) and ``communities`` as lists."""
    query = sa.select(_TABLE).order_by(_TABLE.c.contact_on.desc(), _TABLE.c.created_at.desc())
    if not include_archived:
        query = query.where(_TABLE.c.archived.is_(False))
    rows = [dict(r) for r in session.execute(query).mappings()]
    orgs: dict[str, list[tuple[str, str]]] = {}
    for entry_id, organization_id, name in session.execute(
        sa.select(_ORGS.c.entry_id, _ORGS.c.organization_id, Organization.name)
        .join(Organization, Organization.id == _ORGS.c.organization_id)
        .order_by(_ORGS.c.id)
    ):
        orgs.setdefault(entry_id, []).append((organization_id, name))
    communities: dict[str, list[str]] = {}
    for entry_id, name in session.execute(
        sa.select(_COMMUNITIES.c.entry_id, _COMMUNITIES.c.community).order_by(_COMMUNITIES.c.id)
    ):
        communities.setdefault(entry_id, []).append(name)
    for row in rows:
        row["organization_ids"] = [o for o, _ in orgs.get(row["id"], [])]
        row["organizations"] = [n for _, n in orgs.get(row["id"], [])]
        row["communities"] = communities.get(row["id"], [])
    columns = [c.name for c in _TABLE.columns] + [
        "organization_ids",
        "organizations",
        "communities",
    ]
    return pd.DataFrame(rows, columns=columns)


def archive_engagement(
    session: Session, entry_id: str, *, user: str, expected_version: int | None = None
) -> dict:
    """Archive (soft-delete) a log entry; :func:`restore_engagement` undoes it."""
    return set_archived(
        session,
        _TABLE,
        entry_id,
        True,
        entity=ENTITY,
        user=user,
        expected_version=expected_version,
        label_field="contact_on",
    )


def restore_engagement(
    session: Session, entry_id: str, *, user: str, expected_version: int | None = None
) -> dict:
    """Bring an archived log entry back."""
    return set_archived(
        session,
        _TABLE,
        entry_id,
        False,
        entity=ENTITY,
        user=user,
        expected_version=expected_version,
        label_field="contact_on",
    )

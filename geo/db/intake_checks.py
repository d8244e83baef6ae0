"""Checks a batch of new organizations must pass before anything is written.

Each raises with one problem row per offending record (row, field, value, why): ids and a
feed's own ids must be unused, and look-alikes of stored organizations are asked about.
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.duplicates import find_duplicates_many
from geo.db.records import describe_problems
from geo.db.schema import Organization
from geo.errors import DuplicateAsset, ValidationError
from geo.messages import N_, Listing, Message, enumeration, n_


def refuse_taken_ids(session: Session, cleaned: list[dict[str, object]]) -> None:
    given = [str(c["id"]) for c in cleaned if c["id"]]
    taken = set()
    for start in range(0, len(given), 400):
        chunk = given[start : start + 400]
        taken |= set(session.scalars(sa.select(Organization.id).where(Organization.id.in_(chunk))))
    repeated = {i for i, n in Counter(given).items() if n > 1}
    problems = [
        {
            "row": row,
            "field": "id",
            "value": c["id"],
            "message": Message(
                N_("'{id}' is already used; leave it empty to get a new id"), id=str(c["id"])
            ),
        }
        for row, c in enumerate(cleaned)
        if c["id"] and (c["id"] in taken or c["id"] in repeated)
    ]
    if problems:
        raise ValidationError(describe_problems(problems), problems)


def refuse_taken_source_ids(session: Session, cleaned: list[dict[str, object]]) -> None:
    """A feed's own id names one organization per source (what a later sync matches on)."""
    given = [(str(c["source"]), str(c["source_id"])) for c in cleaned if c.get("source_id")]
    if not given:
        return
    taken: set[tuple[str, str]] = set()
    for source in {s for s, _ in given}:
        ids = [i for s, i in given if s == source]
        for start in range(0, len(ids), 400):
            query = sa.select(Organization.source_id).where(
                Organization.source == source,
                Organization.source_id.in_(ids[start : start + 400]),
            )
            taken |= {(source, i) for i in session.scalars(query) if i is not None}
    repeated = {k for k, n in Counter(given).items() if n > 1}
    problems = [
        {
            "row": row,
            "field": "source_id",
            "value": c["source_id"],
            "message": Message(
                N_(
                    "'{source_id}' of '{source}' is already used by another organization; each "
                    "record of a feed is imported once"
                ),
                source_id=str(c["source_id"]),
                source=str(c["source"]),
            ),
        }
        for row, c in enumerate(cleaned)
        if c.get("source_id")
        and (key := (str(c["source"]), str(c["source_id"])))
        and (key in taken or key in repeated)
    ]
    if problems:
        raise ValidationError(describe_problems(problems), problems)


def refuse_duplicates(session: Session, cleaned: list[dict[str, object]]) -> None:
    found = find_duplicates_many(session, cleaned)
    if not found:
        return
    problems: list[dict[str, object]] = [
        {
            "row": row,
            "field": "name",
            "organization_id": m.organization_id,
            "message": Message(
                N_("looks like {other}: same {reasons}"),
                other=f"'{m.name}' ({m.organization_id})",
                reasons=enumeration(Message(r) for r in m.reasons),  # name, phone, website
            ),
        }
        for row, matches in sorted(found.items())
        for m in matches
    ]
    raise DuplicateAsset(
        _duplicates_said(problems, organizations=len(cleaned), alike=len(found)),
        problems,
        [m for matches in found.values() for m in matches],
    )


def _duplicates_said(
    problems: list[dict[str, object]], *, organizations: int, alike: int
) -> Message:
    """The refusal's sentence, one per case so that the verb agrees with ``alike``."""
    shown = Listing((p["message"] for p in problems[:5]), "; ")
    more = n_(" (and {count} more)", " (and {count} more)", len(problems) - 5)
    values = {"shown": shown, "more": more if len(problems) > 5 else ""}
    if organizations == 1:
        return Message(
            N_(
                "This organization may already be saved: {shown}{more}. Check, and edit the "
                "saved one, or save anyway as a separate organization."
            ),
            **values,
        )
    return n_(
        "{count} of the organizations may already be saved: {shown}{more}. Check, and edit "
        "the saved one, or save anyway as a separate organization.",
        "{count} of the organizations may already be saved: {shown}{more}. Check, and edit "
        "the saved ones, or save anyway as separate organizations.",
        alike,
        **values,
    )

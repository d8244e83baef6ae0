"""The action plan and staff capacity in the shared database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.fieldwork_schema import ActionStep, ActionStepLink, StaffMember, StaffTraining
from geo.db.tracked import insert_tracked, load_row, log_detail, set_archived, update_tracked
from geo.errors import ValidationError
from geo.fieldwork.action_plan import (
    LINK_KINDS,
    STEP_STATUSES,
    TRAININGS,
    check_due_date,
    refuse_unknown,
)
from geo.messages import N_

STEP = "action_step"
STAFF = "staff"
_STEPS: sa.Table = ActionStep.__table__
_LINKS: sa.Table = ActionStepLink.__table__
_STAFF: sa.Table = StaffMember.__table__
_TRAINING: sa.Table = StaffTraining.__table__
STEP_FIELDS = ("title", "who", "due_on", "status", "branch_id", "notes")


def _clean_step(fields: Mapping[str, object]) -> dict[str, object]:
    values = {k: fields[k] for k in STEP_FIELDS if k in fields}
    for key in ("title", "who", "notes"):
        if key in values:
            values[key] = str(values[key] or "").strip() or None
    if "title" in values and not values["title"]:
        raise ValidationError.said(
            N_(
                "Say what the step is (a title such as 'Invite the Nepali women's group to plan "
                "a story time')."
            )
        )
    if "status" in values and values["status"] not in STEP_STATUSES:
        refuse_unknown("status", [str(values["status"])], STEP_STATUSES)
    return values


def _check_links(links: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    bad = [k for k, _ in links if k not in LINK_KINDS]
    if bad:
        refuse_unknown("links", bad, LINK_KINDS)
    return list(dict.fromkeys((k, str(r).strip()) for k, r in links if str(r).strip()))


def add_step(
    session: Session,
    fields: Mapping[str, object],
    *,
    user: str,
    today: date,
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """Add a step to the action plan; returns its id.

    Parameters
    ----------
    fields : Mapping
        ``title`` (required), ``who``, ``due_on``, ``status`` (default ``open``),
        ``branch_id``, ``notes``.
    today : datetime.date
        The due date may not be before it.
    links : sequence of (kind, ref)
        What the step rests on: kind is a key of LINK_KINDS (``asset``, ``community``,
        ``tract``, ``engagement``, ``walkabout``), ref the id, name or GEOID.

    Raises
    ------
    ValidationError
        If the title is missing, the due date is in the past, or a link kind is unknown.
    """
    values = _clean_step({"status": "open", **fields})
    check_due_date(values.get("due_on"), today=today)  # type: ignore[arg-type]
    pairs = _check_links(links)
    step_id = insert_tracked(session, _STEPS, values, entity=STEP, user=user)
    if pairs:
        session.execute(
            sa.insert(_LINKS), [{"step_id": step_id, "kind": k, "ref": r} for k, r in pairs]
        )
        log_detail(
            session,
            STEP,
            step_id,
            "links",
            None,
            [f"{k}:{r}" for k, r in pairs],
            user=user,
            version=1,
            action="create",
        )
    session.flush()
    return step_id


def update_step(
    session: Session,
    step_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int,
    user: str,
    today: date,
) -> dict:
    """Edit a step (EditConflict if someone saved first); a new due date may not be past.

    Setting ``status`` to ``done`` records ``completed_on = today``.
    """
    values = _clean_step(changes)
    current = load_row(session, _STEPS, step_id, STEP)
    if "due_on" in values and values["due_on"] != current["due_on"]:
        check_due_date(values["due_on"], today=today)  # type: ignore[arg-type]
    if "status" in values:
        values["completed_on"] = today if values["status"] == "done" else None
    saved = update_tracked(
        session, _STEPS, step_id, values, expected_version=expected_version, entity=STEP, user=user
    )
    session.flush()
    return saved


def complete_step(
    session: Session, step_id: str, *, expected_version: int, user: str, today: date
) -> dict:
    """Mark a step done today."""
    return update_step(
        session,
        step_id,
        {"status": "done"},
        expected_version=expected_version,
        user=user,
        today=today,
    )


def list_steps(session: Session, *, include_archived: bool = False) -> pd.DataFrame:
    """Steps by due date (undated last) with ``links`` as 'kind:ref; ...' text."""
    query = sa.select(_STEPS).order_by(_STEPS.c.due_on.is_(None), _STEPS.c.due_on, _STEPS.c.title)
    if not include_archived:
        query = query.where(_STEPS.c.archived.is_(False))
    rows = [dict(r) for r in session.execute(query).mappings()]
    links: dict[str, list[str]] = {}
    for step_id, kind, ref in session.execute(
        sa.select(_LINKS.c.step_id, _LINKS.c.kind, _LINKS.c.ref).order_by(_LINKS.c.id)
    ):
        links.setdefault(step_id, []).append(f"{kind}:{ref}")
    for row in rows:
        row["links"] = "; ".join(links.get(row["id"], []))
    return pd.DataFrame(rows, columns=[c.name for c in _STEPS.columns] + ["links"])


def archive_step(
    session: Session, step_id: str, *, user: str, expected_version: int | None = None
) -> dict:
    """Archive (soft-delete) a step; :func:`restore_step` undoes it."""
    return set_archived(
        session, _STEPS, step_id, True, entity=STEP, user=user, expected_version=expected_version
    )


def restore_step(
    session: Session, step_id: str, *, user: str, expected_version: int | None = None
) -> dict:
    """Bring an archived step back."""
    return set_archived(
        session, _STEPS, step_id, False, entity=STEP, user=user, expected_version=expected_version
    )


def add_staff(
    session: Session,
    *,
    name: str,
    user: str,
    branch_id: str | None = None,
    team: str = "",
    trainings: Mapping[str, date | None] | None = None,
) -> str:
    """Add a person involved in the field work, with the trainings done (key -> date).

    Raises
    ------
    ValidationError
        If the name is empty or a training is unknown.
    """
    if not name.strip():
        raise ValidationError.said(N_("Give the staff member's name."))
    staff_id = insert_tracked(
        session,
        _STAFF,
        {"name": name.strip(), "branch_id": branch_id, "team": team.strip() or None},
        entity=STAFF,
        user=user,
    )
    if trainings:
        set_trainings(session, staff_id, trainings, expected_version=1, user=user)
    session.flush()
    return staff_id


def set_trainings(
    session: Session,
    staff_id: str,
    trainings: Mapping[str, date | None],
    *,
    expected_version: int,
    user: str,
) -> dict:
    """Replace the trainings a person has done (EditConflict if someone saved first)."""
    unknown = [t for t in trainings if t not in TRAININGS]
    if unknown:
        refuse_unknown("trainings", unknown, TRAININGS)
    before = _trainings(session).get(staff_id, {})
    saved = update_tracked(
        session,
        _STAFF,
        staff_id,
        {},
        expected_version=expected_version,
        entity=STAFF,
        user=user,
        label_field="name",
        force_bump=True,
    )
    session.execute(sa.delete(_TRAINING).where(_TRAINING.c.staff_id == staff_id))
    if trainings:
        session.execute(
            sa.insert(_TRAINING),
            [
                {"staff_id": staff_id, "training": t, "completed_on": d}
                for t, d in trainings.items()
            ],
        )
    log_detail(
        session,
        STAFF,
        staff_id,
        "trainings",
        sorted(before),
        sorted(trainings),
        user=user,
        version=saved["version"],
    )
    session.flush()
    return saved


def _trainings(session: Session) -> dict[str, dict[str, date | None]]:
    out: dict[str, dict[str, date | None]] = {}
    for staff_id, training, done in session.execute(
        sa.select(_TRAINING.c.staff_id, _TRAINING.c.training, _TRAINING.c.completed_on)
    ):
        out.setdefault(staff_id, {})[training] = done
    return out


def list_staff(session: Session, *, include_archived: bool = False) -> pd.DataFrame:
    """People involved: ``id, name, branch_id, team, trainings`` (dict key -> date), version."""
    query = sa.select(_STAFF).order_by(_STAFF.c.name)
    if not include_archived:
        query = query.where(_STAFF.c.archived.is_(False))
    rows = [dict(r) for r in session.execute(query).mappings()]
    trainings = _trainings(session)
    for row in rows:
        row["trainings"] = trainings.get(row["id"], {})
    return pd.DataFrame(rows, columns=[c.name for c in _STAFF.columns] + ["trainings"])


def archive_staff(session: Session, staff_id: str, *, user: str) -> dict:
    """Archive a staff member (soft delete)."""
    return set_archived(
        session, _STAFF, staff_id, True, entity=STAFF, user=user, label_field="name"
    )


def restore_staff(session: Session, staff_id: str, *, user: str) -> dict:
    """Bring an archived staff member back."""
    return set_archived(
        session, _STAFF, staff_id, False, entity=STAFF, user=user, label_field="name"
    )

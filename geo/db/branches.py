"""Library branches: add (seed, import) and list."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo import vocab
from geo.census import study_area
from geo.db.records import describe_problems
from geo.db.schema import Branch
from geo.db.unit_of_work import changes
from geo.errors import ValidationError
from geo.messages import N_, Message, choices, reason

# Column contract of list_branches: the branch file columns plus the row version.
BRANCH_COLUMNS: tuple[str, ...] = (*study_area.BRANCH_COLUMNS, "version")
_SERVICE_BY_LABEL = {label.casefold(): key for key, label in vocab.BRANCH_SERVICES.items()}


def _text(value: object) -> str | None:
    text = "" if value is None or value != value else str(value).strip()
    return text or None


def _number(value: object) -> float | None:
    text = _text(value)
    try:
        return None if text is None else float(text)
    except ValueError:
        raise ValueError(
            Message(
                N_("'{text}' is not a number; write decimal degrees such as 40.7128"), text=text
            )
        ) from None


def _service(item: str) -> str:
    key = item if item in vocab.BRANCH_SERVICES else _SERVICE_BY_LABEL.get(item.casefold())
    if key is None:
        raise ValueError(
            Message(
                N_("'{text}' is not a branch service; use one of: {known}"),
                text=item,
                known=choices(vocab.BRANCH_SERVICES),
            )
        )
    return key


def _list(value: object) -> list[str]:
    return value if isinstance(value, list) else vocab.split_list(value)


def clean_branch(raw: Mapping[str, object], *, row: int | None = None) -> dict[str, object]:
    """Check one branch record (columns of ``branches.csv``).

    Raises
    ------
    ValidationError
        If the name is missing, coordinates are out of range or a service is unknown.
    """
    problems: list[dict[str, object]] = []

    def checked(field: str, parse: Callable[[], object]) -> object:
        try:
            return parse()
        except ValueError as err:
            problems.append({"row": row, "field": field, "message": reason(err)})
            return None

    branch: dict[str, object] = {
        "id": _text(raw.get("branch_id", raw.get("id"))) or str(uuid.uuid4()),
        "name": _text(raw.get("name")),
        "address": _text(raw.get("address")),
        "lat": checked("lat", lambda: _number(raw.get("lat"))),
        "lon": checked("lon", lambda: _number(raw.get("lon"))),
        "hours": _text(raw.get("hours")),
        "services": checked("services", lambda: [_service(s) for s in _list(raw.get("services"))]),
        "collection_languages": [c.lower() for c in _list(raw.get("collection_languages"))],
    }
    if not branch["name"]:
        said = Message(N_("is required; type the branch name"))
        problems.insert(0, {"row": row, "field": "name", "message": said})
    if problems:
        raise ValidationError(describe_problems(problems), problems)
    return branch


def add_branches(
    session: Session, records: Iterable[Mapping[str, object]], *, user: str
) -> list[str]:
    """Add library branches in the caller's transaction; returns their ids.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    records : iterable of Mapping
        Columns of ``branches.csv`` (lists ``;``-separated or Python lists).
    user : str
        Who adds them (change log).

    Raises
    ------
    ValidationError
        If any record breaks a rule; nothing is written.
    """
    rows = [clean_branch(r, row=i) for i, r in enumerate(records)]
    if not rows:
        return []
    with changes(session, user) as uow:
        uow.create(Branch.__table__, rows, entity="branch", snapshots=[dict(r) for r in rows])
    session.flush()
    return [str(r["id"]) for r in rows]


def list_branches(session: Session) -> pd.DataFrame:
    """All library branches, by name.

    Returns
    -------
    pandas.DataFrame
        Columns BRANCH_COLUMNS; ``services`` and ``collection_languages`` ``;``-joined.
    """
    records = [
        {
            "branch_id": b.id,
            "name": b.name,
            "address": b.address,
            "lat": b.lat,
            "lon": b.lon,
            "hours": b.hours,
            "services": ";".join(b.services or []),
            "collection_languages": ";".join(b.collection_languages or []),
            "version": b.version,
        }
        for b in session.scalars(sa.select(Branch).order_by(Branch.name, Branch.id))
    ]
    frame = pd.DataFrame.from_records(records, columns=list(BRANCH_COLUMNS))
    return frame.astype({"lat": "float64", "lon": "float64"})

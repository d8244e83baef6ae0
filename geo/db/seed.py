"""Seed an empty database with the demo city's organizations and branches (``data/demo/``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.assets import add_assets
from geo.db.branches import add_branches
from geo.db.record_parts import describe_problems
from geo.db.schema import Branch, Organization
from geo.errors import ImportFormatError, ValidationError
from geo.hours import parse_opening_hours
from geo.messages import reason

SEED_USER = "demo-seed"


@dataclass(frozen=True, kw_only=True)
class SeedResult:
    """How many records a seed wrote (zeros when the database already had data)."""

    organizations: int
    branches: int


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 (BOM allowed) CSV file into dicts of strings.

    Raises
    ------
    ImportFormatError
        If the file is missing.
    """
    if not path.is_file():
        raise ImportFormatError(
            f"The demo file '{path}' is missing. Run 'python -m geo.demo' to create the demo "
            "city, or set WELCOME_ATLAS_DEMO_DIR to the folder that holds it."
        )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _with_hours(number: int, row: dict[str, str]) -> dict[str, object]:
    """The row with its ``opening_hours`` text (OSM syntax) as the organization's hours."""
    try:
        return {**row, "hours": parse_opening_hours(row.get("opening_hours") or "")}
    except ValueError as err:
        problems: list[dict[str, object]] = [
            {"row": number, "field": "opening_hours", "message": reason(err)}
        ]
        raise ValidationError(describe_problems(problems), problems) from err


def is_empty(session: Session) -> bool:
    """True when the database has no organizations and no branches."""
    has_org = session.scalar(sa.select(Organization.id).limit(1)) is not None
    return not has_org and session.scalar(sa.select(Branch.id).limit(1)) is None


def seed_demo(session: Session, folder: Path, *, user: str = SEED_USER) -> SeedResult:
    """Add every organization and branch of the demo city (duplicates allowed, as shipped).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session; the caller commits.
    folder : pathlib.Path
        Folder with ``organizations.csv`` and ``branches.csv``.
    user : str, optional
        Name written to the change log.

    Returns
    -------
    SeedResult

    Raises
    ------
    ImportFormatError
        If a file is missing.
    ValidationError
        If a row breaks a rule.
    """
    organizations = read_csv_rows(folder / "organizations.csv")
    branches = read_csv_rows(folder / "branches.csv")
    records = [_with_hours(n, row) for n, row in enumerate(organizations, start=1)]
    add_assets(session, records, user=user, allow_duplicate=True)
    add_branches(session, branches, user=user)
    return SeedResult(organizations=len(organizations), branches=len(branches))


def seed_demo_if_empty(session: Session, folder: Path, *, user: str = SEED_USER) -> SeedResult:
    """Seed with :func:`seed_demo` only when the database is empty; see there."""
    if not is_empty(session):
        return SeedResult(organizations=0, branches=0)
    return seed_demo(session, folder, user=user)

"""Listings for the map and the assets page: filters, search, sort, stale records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db import (
    ASSET_COLUMNS,
    add_assets,
    archive_asset,
    list_assets,
    list_branches,
    list_stale_assets,
    seed_demo,
)
from geo.db.listing import months_before
from geo.errors import ValidationError
from tests.db.conftest import org


@pytest.fixture
def seeded(session: Session, demo_folder: Path) -> Session:
    seed_demo(session, demo_folder)
    session.commit()
    return session


def _ids(frame: object) -> list[str]:
    return sorted(frame["organization_id"])  # type: ignore[index]


def test_one_row_per_organization_with_the_contract_columns(seeded: Session) -> None:
    frame = list_assets(seeded)
    assert tuple(frame.columns) == ASSET_COLUMNS
    assert len(frame) == 6 and frame["organization_id"].is_unique
    row = frame.set_index("organization_id").loc["ORG-0001"]
    assert (row["category"], row["languages"], row["communities"]) == (
        "resettlement;social",
        "en;ar;prs",
        "Afghanistan;Syria",
    )
    assert row["lat"] == 41.0 and row["version"] == 1 and not row["needs_location"]
    assert frame.set_index("organization_id").loc["ORG-0004", "needs_location"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["ORG-0001", "ORG-0002", "ORG-0003", "ORG-0004", "ORG-0005", "ORG-0006"]),
        ({"categories": ["legal", "food"]}, ["ORG-0004", "ORG-0005"]),
        ({"languages": ["ar"]}, ["ORG-0001", "ORG-0002"]),
        ({"languages": ["yue", "ne"]}, ["ORG-0003", "ORG-0005"]),
        (
            {"languages": []},
            ["ORG-0001", "ORG-0002", "ORG-0003", "ORG-0004", "ORG-0005", "ORG-0006"],
        ),
        ({"communities": ["Syria"]}, ["ORG-0001", "ORG-0002"]),
        ({"categories": ["social"], "languages": ["ar"]}, ["ORG-0001"]),
        ({"search": "cafe"}, ["ORG-0006"]),
        ({"search": "ESPERANZA jobs"}, ["ORG-0006"]),
        ({"search": "помощь"}, ["ORG-0004"]),
        ({"search": "bhutan"}, ["ORG-0005"]),
        ({"search": "nothing like this"}, []),
    ],
)
def test_filters(seeded: Session, filters: dict[str, object], expected: list[str]) -> None:
    assert _ids(list_assets(seeded, **filters)) == expected  # type: ignore[arg-type]


def test_archived_are_hidden_unless_asked(seeded: Session) -> None:
    archive_asset(seeded, "ORG-0002", user="ana")
    seeded.commit()
    assert "ORG-0002" not in _ids(list_assets(seeded, languages=["ar"]))
    everything = list_assets(seeded, include_archived=True).set_index("organization_id")
    assert everything.loc["ORG-0002", "status"] == "archived"


def test_sort(seeded: Session) -> None:
    names = list(list_assets(seeded, sort="name")["name"])
    assert names[0] == "Café Esperanza, Inc." and names == sorted(names, key=str.casefold)
    assert list(list_assets(seeded, sort="-organization_id")["organization_id"])[0] == "ORG-0006"
    assert list(list_assets(seeded, sort="last_verified_on")["organization_id"])[0] == "ORG-0003"
    with pytest.raises(ValidationError, match="Cannot sort"):
        list_assets(seeded, sort="colour")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 31), 1, date(2025, 2, 28)),
        (date(2025, 6, 15), 12, date(2024, 6, 15)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2025, 1, 10), 13, date(2023, 12, 10)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_stale_listing(seeded: Session) -> None:
    stale = list_stale_assets(seeded, months=12, today=date(2025, 7, 1))
    # never verified first, then oldest; verified since 2024-07-01 = fresh
    assert list(stale["organization_id"]) == ["ORG-0003", "ORG-0005", "ORG-0002"]
    assert _ids(list_stale_assets(seeded, months=6, today=date(2025, 7, 1))) == [
        "ORG-0002",
        "ORG-0003",
        "ORG-0004",
        "ORG-0005",
    ]
    assert "ORG-0004" not in _ids(list_stale_assets(seeded, months=12, today=date(2025, 12, 31)))
    archive_asset(seeded, "ORG-0003", user="ana")
    assert "ORG-0003" not in _ids(list_stale_assets(seeded, today=date(2025, 7, 1)))


def test_branches(seeded: Session) -> None:
    branches = list_branches(seeded).set_index("branch_id")
    assert list(branches.index) == ["BR-01", "BR-02", "BR-03"]
    assert branches.loc["BR-01", "services"] == "esl;citizenship;world_languages"
    assert branches.loc["BR-02", "collection_languages"] == "so;ne"


def test_listing_2000_organizations_takes_a_handful_of_queries(engine: sa.Engine) -> None:
    records = [
        org(
            f"Org {i}",
            category="food;health" if i % 2 else "legal",
            languages="es;ar" if i % 3 else "so",
            communities="Syria;Somalia",
            lat=41 + i / 10_000,
            lon=-45.0,
        )
        for i in range(2000)
    ]
    with Session(engine) as session, session.begin():
        add_assets(session, records, user="importer", allow_duplicate=True)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with Session(engine) as session:
        frame = list_assets(session, languages=["so"], categories=["legal", "food"])
        everything = list_assets(session)
        found = list_assets(session, search="org 1999")
    assert (len(frame), len(everything), list(found["name"])) == (
        667,
        2000,
        ["Org 1999"],
    )
    # Speed is measured in bench/; here: the query count does not grow with the rows.
    assert 3 <= len(statements) <= 3 * 6, statements

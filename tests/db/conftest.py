"""Fixtures for the asset database tests: a tiny demo city written as CSV (contract columns)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.io.organizations import ORGANIZATION_COLUMNS

ORG_COLUMNS = list(ORGANIZATION_COLUMNS)  # the demo folder's organizations.csv
BRANCH_COLUMNS = [
    "branch_id",
    "name",
    "address",
    "lat",
    "lon",
    "hours",
    "services",
    "collection_languages",
]

# Hand-made rows around (41.0 N, 45.0 W), the fictional Riverton of data/demo.
ORGS = [
    [
        "ORG-0001",
        "Riverton Refugee Resettlement Office",
        "resettlement;social",
        "Case management",
        "en;ar;prs",
        "Afghanistan;Syria",
        "1 Main St",
        "41.0000",
        "-45.0000",
        "(555) 010-0001",
        "https://www.rrro.example.org/",
        "introduction",
        "Ana",
        "2024-01-10",
        "2025-06-01",
    ],
    [
        "ORG-0002",
        "مركز الجالية العربية",
        "cultural;faith",
        "Arabic community centre",
        "ar;en",
        "Syria;Iraq",
        "2 River Rd",
        "41.0100",
        "-45.0100",
        "555-010-0002",
        "",
        "walkabout",
        "Omar",
        "2023-03-01",
        "2023-03-01",
    ],
    [
        "ORG-0003",
        "华人服务中心",
        "social;english",
        "",
        "zh;yue;cmn",
        "China",
        "3 Oak Ave",
        "41.0200",
        "-45.0200",
        "",
        "chinese-centre.example.org",
        "event",
        "Li",
        "2024-05-05",
        "",
    ],
    [
        "ORG-0004",
        "Центр «Помощь»",
        "legal",
        "Юридическая помощь",
        "ru;uk",
        "Ukraine",
        "4 Elm St",
        "",
        "",
        "+1 555 010 0004",
        "",
        "word_of_mouth",
        "Ivan",
        "2024-02-02",
        "2024-12-31",
    ],
    [
        "ORG-0005",
        "नेपाली सेवा समाज",
        "food;health",
        "",
        "ne;dz",
        "Nepal;Bhutan",
        "5 Pine St",
        "40.9900",
        "-44.9900",
        "",
        "",
        "outreach",
        "Sita",
        "2022-07-07",
        "2022-07-07",
    ],
    [
        "ORG-0006",
        "Café Esperanza, Inc.",
        "employment;youth",
        "Jobs for young newcomers",
        "es;ht",
        "Guatemala;Haiti",
        "6 Birch St",
        "41.0050",
        "-45.0050",
        "555.010.0006",
        "http://cafe-esperanza.example.org/jobs/",
        "event",
        "Rosa",
        "2025-01-15",
        "2025-01-15",
    ],
]
BRANCHES = [
    [
        "BR-01",
        "Central Library",
        "10 Library Sq",
        "41.0010",
        "-45.0010",
        "Mon-Sat 9-8",
        "esl;citizenship;world_languages",
        "es;ar;zh",
    ],
    [
        "BR-02",
        "Eastside Branch",
        "20 East St",
        "41.0150",
        "-44.9800",
        "Tue-Sat 10-6",
        "homework;jobs",
        "so;ne",
    ],
    ["BR-03", "Riverside Branch", "30 River Rd", "40.9850", "-45.0200", "", "", ""],
]


def write_csv(path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    """Write rows as UTF-8 CSV with a BOM, as the demo generator does."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """A folder with organizations.csv (6 rows) and branches.csv (3 rows)."""
    folder = tmp_path / "demo"
    folder.mkdir()
    write_csv(folder / "organizations.csv", ORG_COLUMNS, ORGS)
    write_csv(folder / "branches.csv", BRANCH_COLUMNS, BRANCHES)
    return folder


def org(name: str, **fields: object) -> dict[str, object]:
    """A minimal organization record for tests."""
    return {"name": name, "category": "social", **fields}

"""A tiny synthetic study area (three tracts) whose figures can be checked by hand."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.census.acs import read_acs_folder
from geo.census.study_area import StudyArea
from tests.geo.acs_fixtures import write_census_table

T1, T2, T3 = "99001000100", "99001000200", "99001000300"

TABLES = {
    "B01003": (
        {"001": "Total"},
        {T1: {"001": (1000, 100)}, T2: {"001": (2000, 150)}, T3: {"001": (50, 30)}},
    ),
    "B05006": (
        {
            "001": "Total:",
            "002": "Total:!!Asia:",
            "003": "Total:!!Asia:!!Bhutan",
            "004": "Total:!!Asia:!!Nepal",
            "005": "Total:!!Americas:",
            "006": "Total:!!Americas:!!Mexico",
        },
        {
            T1: {
                "001": (400, 60),
                "002": (300, 50),
                "003": (200, 40),
                "004": (100, 30),
                "005": (100, 30),
                "006": (100, 30),
            },
            T2: {
                "001": (200, 40),
                "002": (0, 12),
                "003": (0, 12),
                "004": (0, 12),
                "005": (200, 40),
                "006": (200, 40),
            },
            T3: {"001": (10, 9)},
        },
    ),
    "B05001": (
        {
            "001": "Total:",
            "002": "Total:!!U.S. citizen, born in the United States",
            "005": "Total:!!U.S. citizen by naturalization",
            "006": "Total:!!Not a U.S. citizen",
        },
        {
            T1: {"001": (1000, 100), "002": (600, 80), "005": (100, 30), "006": (300, 50)},
            T2: {"001": (2000, 150), "002": (1800, 140), "005": (150, 30), "006": (50, 20)},
            T3: {"001": (50, 30)},
        },
    ),
    "B05005": (
        {
            "001": "Total:",
            "002": "Total:!!Entered 2010 or later:",
            "004": "Total:!!Entered 2010 or later:!!Foreign born:",
            "007": "Total:!!Entered before 2010:",
            "009": "Total:!!Entered before 2010:!!Foreign born:",
        },
        {
            T1: {
                "001": (400, 60),
                "002": (300, 50),
                "004": (300, 50),
                "007": (100, 30),
                "009": (100, 30),
            },
            T2: {
                "001": (200, 40),
                "002": (20, 10),
                "004": (20, 10),
                "007": (180, 40),
                "009": (180, 40),
            },
        },
    ),
    "C16001": (
        {
            "001": "Total:",
            "002": "Total:!!Speak only English",
            "003": "Total:!!Spanish:",
            "004": 'Total:!!Spanish:!!Speak English "very well"',
            "005": 'Total:!!Spanish:!!Speak English less than "very well"',
            "006": "Total:!!Other Asian and Pacific Island languages:",
            "007": 'Total:!!Other Asian and Pacific Island languages:!!Speak English "very well"',
            "008": "Total:!!Other Asian and Pacific Island languages:"
            '!!Speak English less than "very well"',
        },
        {
            T1: {
                "001": (900, 90),
                "002": (500, 70),
                "003": (100, 30),
                "004": (60, 20),
                "005": (40, 20),
                "006": (300, 50),
                "007": (50, 20),
                "008": (250, 45),
            },
            T2: {
                "001": (1900, 140),
                "002": (1700, 130),
                "003": (200, 40),
                "004": (150, 35),
                "005": (50, 20),
            },
        },
    ),
}


@pytest.fixture
def tiny_tables(tmp_path):
    for table_id, (labels, rows) in TABLES.items():
        write_census_table(tmp_path / "acs", table_id, labels, rows)
    return read_acs_folder(tmp_path / "acs")


@pytest.fixture
def tiny_area(tiny_tables):
    # Three 1 km squares side by side near 41 N, 45 W.
    tracts = (
        gpd.GeoDataFrame(
            {"GEOID": [T1, T2, T3], "NAME": ["Census Tract 1", "Census Tract 2", "Census Tract 3"]},
            geometry=[box(-45.03 + i * 0.012, 41.0, -45.018 + i * 0.012, 41.009) for i in range(3)],
            crs="EPSG:4326",
        )
        .set_index("GEOID", drop=False)
        .rename_axis(None)
    )
    branches = pd.DataFrame(
        {
            "branch_id": ["BR-1"],
            "name": ["Central <Library>"],
            "address": ["1 Main St"],
            "lat": [41.0045],
            "lon": [-45.012],
            "hours": ["Mon 9-5"],
            "services": ["esl"],
            "collection_languages": ["ne;es"],
        }
    )
    return StudyArea(
        name="tiny",
        label="Tiny test town",
        vintage="ACS 2019-2023 5-year",
        illustrative=True,
        tracts=tracts,
        tables=tiny_tables,
        branches=branches,
    )


@pytest.fixture
def organizations():
    return pd.DataFrame(
        {
            "organization_id": ["O1", "O2", "O3"],
            "name": [
                "Bhutanese Community Center",
                "<img src=x onerror=alert(1)>",
                "Clinica Latina",
            ],
            "category": ["cultural", "legal;english", "health"],
            "languages": ["ne;dz", "es;ar", "es"],
            "communities": ["Bhutan", "Syria", "Mexico"],
            "address": ["1 A St", "2 B St", "3 C St"],
            "lat": [41.004, 41.005, 41.006],
            "lon": [-45.025, -45.012, -45.001],
            "phone": ["", "", ""],
            "website": ["", "", ""],
            "description": ["", "", ""],
            "entry_technique": ["walkabout", "event", "outreach"],
            "collected_by": ["A", "B", "C"],
            "collected_on": ["2025-01-01"] * 3,
            "last_verified_on": ["2025-01-01"] * 3,
        }
    )

"""A 3×3 grid of 1 km square tracts with need and organization sites placed by hand.

Coordinates are metres in UTM zone 23N (EPSG:32623, the demo city's zone); tract ``T<i>``
is column ``i % 3``, row ``i // 3`` counted from the south-west corner at (500000, 4540000).
"""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.census.acs import AcsTable
from geo.census.study_area import StudyArea

UTM = "EPSG:32623"
X0, Y0 = 500_000.0, 4_540_000.0
GEOIDS = [f"9900100{i}00" for i in range(9)]
# Spanish speakers who speak English less than "very well": (estimate, MOE) per tract.
NEED = [
    (600, 100),
    (400, 80),
    (300, 120),
    (900, 600),
    (500, 50),
    (200, 40),
    (100, 30),
    (0, 20),
    (250, 50),
]
LESS = 'Speak English less than "very well"'


def lonlat(x: float, y: float) -> tuple[float, float]:
    """WGS84 longitude, latitude of a point given in metres from the grid's corner."""
    p = gpd.GeoSeries([Point(X0 + x, Y0 + y)], crs=UTM).to_crs("EPSG:4326").iloc[0]
    return p.x, p.y


def _c16001() -> AcsTable:
    labels = {
        "C16001_001": ("Total",),
        "C16001_002": ("Total", "Speak only English"),
        "C16001_003": ("Total", "Spanish"),
        "C16001_004": ("Total", "Spanish", 'Speak English "very well"'),
        "C16001_005": ("Total", "Spanish", LESS),
        "C16001_006": ("Total", "Arabic"),
        "C16001_007": ("Total", "Arabic", 'Speak English "very well"'),
        "C16001_008": ("Total", "Arabic", LESS),
    }
    est = {v: [1000.0] * 9 for v in labels}
    moe = {v: [50.0] * 9 for v in labels}
    est["C16001_005"] = [float(e) for e, _ in NEED]
    moe["C16001_005"] = [float(m) for _, m in NEED]
    est["C16001_008"] = [30.0] * 9
    index = pd.Index(GEOIDS, name="GEOID")
    return AcsTable(
        table_id="C16001",
        estimates=pd.DataFrame(est, index=index),
        moes=pd.DataFrame(moe, index=index),
        labels=labels,
    )


def _site(org: str, x: float | None, y: float | None, languages: str, category: str) -> dict:
    lon, lat = lonlat(x, y) if x is not None else (float("nan"), float("nan"))
    return {
        "organization_id": org,
        "name": f"Org {org}",
        "address": f"{org} Grid Street",
        "category": category,
        "languages": languages,
        "lat": lat,
        "lon": lon,
    }


@pytest.fixture
def grid_area() -> StudyArea:
    squares = [
        box(
            X0 + 1000 * (i % 3),
            Y0 + 1000 * (i // 3),
            X0 + 1000 * (i % 3 + 1),
            Y0 + 1000 * (i // 3 + 1),
        )
        for i in range(9)
    ]
    tracts = gpd.GeoDataFrame(
        {"GEOID": GEOIDS, "NAME": [f"Tract T{i}" for i in range(9)]},
        geometry=squares,
        crs=UTM,
        index=GEOIDS,
    ).to_crs("EPSG:4326")
    lon, lat = lonlat(1500, 1500)  # the centre of T4
    branches = pd.DataFrame(
        [
            {
                "branch_id": "BR-1",
                "name": "Centre Branch",
                "address": "",
                "hours": "",
                "lat": lat,
                "lon": lon,
            }
        ]
    )
    return StudyArea(
        name="grid",
        label="Grid town (synthetic)",
        vintage="test",
        illustrative=True,
        tracts=tracts,
        tables={"C16001": _c16001()},
        branches=branches,
    )


@pytest.fixture
def grid_sites() -> pd.DataFrame:
    return pd.DataFrame(
        [
            _site("S1", 1500, 1500, "es", "legal"),  # centre of T4
            _site("S2", 900, 500, "en;es", "legal"),  # in T0, 100 m from T1
            _site("S3", 500, 1500, "ar", "legal"),  # in T3, Arabic only
            _site("S4", 1500, 500, "es", "food"),  # in T1, a service not asked for
            _site("S5", 3150, 1500, "spa", "legal;food"),  # 150 m east of T5
            _site("S6", 2500, 500, "zz", "legal"),  # in T2, a language with no group
            _site("S7", None, None, "es", "legal"),  # no location yet
            _site("S8", 2500, 3199, "es", "legal"),  # 199 m north of T8
            _site("S9", 1500, 3201, "es", "legal"),  # 201 m north of T7
            _site("S10", 100, 100, "Spanish", "legal"),  # in T0's far corner
        ]
    )

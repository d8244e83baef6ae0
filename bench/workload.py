"""The benchmark's workload: real New York City plus 10,000 synthesized organizations.

Everything goes through the project's own commands, as a library would do it:
``python -m geo study-area import-download`` for the tracts, ACS tables and IMLS branches,
and ``python -m geo assets import`` for the organizations (SQLite and PostgreSQL).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
NYC_COUNTIES = "36005,36047,36061,36081,36085"


def geo_command(args: list[str], env: dict[str, str]) -> float:
    """Run ``python -m geo ARGS`` with ``env``; seconds taken (raises on failure)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def import_nyc(study_areas_dir: Path) -> float:
    """The real NYC study area through the project's own import; seconds taken."""
    acs = REAL / "acs_nyc_tracts"
    return geo_command(
        [
            "study-area",
            "import-download",
            "--name",
            "nyc",
            "--label",
            "New York City",
            "--tracts",
            str(REAL / "tracts_ny_cb2020" / "cb_2020_36_tract_500k.shp"),
            "--counties",
            NYC_COUNTIES,
            "--acs",
            str(acs / "B05006-original-data.csv"),
            str(acs / "ACSDT5Y2023.B05006-Column-Metadata.csv"),
            str(acs / "total_population.csv"),
            "--branches-imls",
            str(REAL / "imls_pls_fy2018_outlets" / "pls_fy18_outlet_pud18i.csv"),
        ],  # fmt: skip
        {"WELCOME_ATLAS_STUDY_AREAS_DIR": str(study_areas_dir)},
    )


def synthesize_organizations(tracts: gpd.GeoDataFrame, n: int, path: Path, seed: int = 16) -> Path:
    """``n`` organizations at random points inside the tracts, drawn from the demo's mix.

    Categories, languages and communities are sampled from the demo city's organizations
    (``data/demo/organizations.csv``), so filters select realistic shares.
    """
    rng = np.random.default_rng(seed)
    demo = pd.read_csv(ROOT / "data" / "demo" / "organizations.csv", dtype=str).fillna("")
    picks = demo.iloc[rng.integers(0, len(demo), n)].reset_index(drop=True)
    polygons = tracts.geometry.to_numpy()
    chosen = rng.integers(0, len(polygons), n)
    points = [_point_inside(polygons[i], rng) for i in chosen]
    rows = pd.DataFrame(
        {
            "name": [f"{name} (synthetic {i})" for i, name in enumerate(picks["name"])],
            "category": picks["category"],
            "languages": picks["languages"],
            "communities": picks["communities"],
            "description": "Synthesized for the benchmark: not a real organization.",
            "lat": [round(p.y, 6) for p in points],
            "lon": [round(p.x, 6) for p in points],
        }
    )
    rows.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    return path


def _point_inside(polygon: shapely.Geometry, rng: np.random.Generator) -> shapely.Point:
    minx, miny, maxx, maxy = polygon.bounds
    for _ in range(200):
        point = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(point):
            return point
    return polygon.representative_point()


def import_organizations(csv_path: Path, database_url: str) -> float:
    """The organizations through ``python -m geo assets import``; seconds taken."""
    return geo_command(
        ["assets", "import", str(csv_path), "--duplicates", "import", "--user", "bench"],
        {"DATABASE_URL": database_url},
    )

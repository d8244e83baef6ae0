"""A study area: tract polygons, the ACS tables keyed by their GEOIDs, and branches."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.census.acs import AcsTable, read_acs_folder
from geo.config import WGS84
from geo.errors import ImportFormatError
from geo.messages import N_, enumeration, n_

TRACT_COLUMNS = ("GEOID", "NAME", "geometry")
BRANCH_COLUMNS = (
    "branch_id",
    "name",
    "address",
    "lat",
    "lon",
    "hours",
    "services",
    "collection_languages",
)


@dataclass
class StudyArea:
    """Everything the map and the profiles need about one place."""

    name: str
    label: str
    vintage: str
    illustrative: bool
    tracts: gpd.GeoDataFrame  # indexed by GEOID, EPSG:4326
    tables: dict[str, AcsTable]
    branches: pd.DataFrame
    basemap: gpd.GeoDataFrame | None = None
    time_zone: str | None = None  # study_area.json "time_zone"; see geo.hours.study_area_zone


def load_tracts(path: Path | str) -> gpd.GeoDataFrame:
    """Read tract polygons in any CRS, reprojected to WGS84 and indexed by GEOID.

    Raises
    ------
    ImportFormatError
        If the layer has no GEOID or NAME column.
    """
    tracts = gpd.read_file(path)
    missing = [c for c in TRACT_COLUMNS if c not in tracts.columns]
    if missing:
        raise ImportFormatError(
            n_(
                "{name}: tract layer lacks column {columns}. Use a TIGER/Line or "
                "cartographic-boundary file, which has GEOID and NAME.",
                "{name}: tract layer lacks columns {columns}. Use a TIGER/Line or "
                "cartographic-boundary file, which has GEOID and NAME.",
                len(missing),
                name=Path(path).name,
                columns=enumeration(missing),
            )
        )
    if tracts.crs is None:
        raise ImportFormatError.said(
            N_("{name}: the tract layer has no coordinate system."), name=Path(path).name
        )
    tracts = tracts.to_crs(WGS84)
    tracts["GEOID"] = tracts["GEOID"].astype(str)
    tracts["geometry"] = shapely.make_valid(tracts.geometry.values)
    return tracts.set_index("GEOID", drop=False).rename_axis(None)


def load_branches(path: Path | str) -> pd.DataFrame:
    """Read library branches from a CSV with the columns of ``BRANCH_COLUMNS``."""
    branches = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in BRANCH_COLUMNS if c not in branches.columns]
    if missing:
        raise ImportFormatError.said(
            N_("{name}: branch file lacks {columns}."),
            name=Path(path).name,
            columns=enumeration(missing),
        )
    branches["lat"] = branches["lat"].astype(float)
    branches["lon"] = branches["lon"].astype(float)
    return branches


def load_demo_study_area(folder: Path | str) -> StudyArea:
    """Load the bundled demo city (see ``docs/data-contract.md``)."""
    folder = Path(folder)
    meta = json.loads((folder / "study_area.json").read_text(encoding="utf-8"))
    basemap_path = folder / "basemap.geojson"
    return StudyArea(
        name=meta["name"],
        label=meta["label"],
        vintage=meta["vintage"],
        illustrative=bool(meta.get("illustrative", False)),
        tracts=load_tracts(folder / "tracts.geojson"),
        tables=read_acs_folder(folder / "acs"),
        branches=load_branches(folder / "branches.csv"),
        basemap=gpd.read_file(basemap_path) if basemap_path.exists() else None,
        time_zone=meta.get("time_zone"),
    )

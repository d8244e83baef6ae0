"""Study areas on disk: one folder each, written atomically, plus the built-in demo city.

Layout of ``<root>/<name>/``::

    study_area.json   name, label, vintage, sources, illustrative, created, report
    tracts.gpkg       tract polygons (EPSG:4326): GEOID, NAME
    tables/           one normalized table per ACS table (geo.census.tables)
    branches.csv      library branches (geo.census.study_area.BRANCH_COLUMNS), may be empty

An import writes a hidden ``.building-*`` folder and renames it into place only when it
is complete, so a failed or cancelled import leaves the previous study area untouched.
"""

from __future__ import annotations

import builtins
import json
import re
import shutil
import uuid
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.census.acs import AcsTable
from geo.census.study_area import BRANCH_COLUMNS, StudyArea, load_branches, load_demo_study_area
from geo.census.tables import load_tables, save_tables
from geo.errors import GeoError
from geo.messages import N_, enumeration

DEMO_NAME = "demo"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class StudyAreaNotFound(GeoError):
    """No study area of that name."""


@dataclass(frozen=True, kw_only=True)
class StudyAreaInfo:
    """What the list of study areas shows, without loading the tracts."""

    name: str
    label: str
    vintage: str
    illustrative: bool
    built_in: bool = False
    created: str = ""
    sources: tuple[str, ...] = ()
    report: dict[str, object] = field(default_factory=dict)
    time_zone: str = ""  # set for "open now"; empty: derived (geo.hours.study_area_zone)


def check_name(name: str) -> str:
    """A study-area name is a short lowercase slug (it names a folder).

    Raises
    ------
    GeoError
        If the name is not a slug or is the demo city's.
    """
    if not _NAME.match(name or ""):
        raise GeoError.said(
            N_(
                "Study-area name '{name}': use lowercase letters, digits, '-' or '_' (e.g. "
                "'nyc' or 'king-county-2023')."
            ),
            name=name,
        )
    if name == DEMO_NAME:
        raise GeoError.said(
            N_("The name 'demo' belongs to the built-in demo city; choose another.")
        )
    return name


class StudyAreaStore:
    """The study areas under ``root`` plus the demo city in ``demo_dir``."""

    def __init__(self, root: Path | str, demo_dir: Path | str) -> None:
        self.root = Path(root)
        self.demo_dir = Path(demo_dir)

    def list(self) -> list[StudyAreaInfo]:
        """The demo city first, then imported study areas by name."""
        demo = json.loads((self.demo_dir / "study_area.json").read_text(encoding="utf-8"))
        infos = [
            StudyAreaInfo(
                name=DEMO_NAME,
                label=demo["label"],
                vintage=demo["vintage"],
                illustrative=True,
                built_in=True,
            )
        ]
        if self.root.is_dir():
            for folder in sorted(self.root.iterdir()):
                if folder.is_dir() and not folder.name.startswith("."):
                    meta_path = folder / "study_area.json"
                    if meta_path.exists():
                        infos.append(_info(json.loads(meta_path.read_text(encoding="utf-8"))))
        return infos

    def names(self) -> builtins.list[str]:
        """Names of every study area, the demo city first."""
        return [info.name for info in self.list()]

    def info(self, name: str) -> StudyAreaInfo:
        """One study area's description.

        Raises
        ------
        StudyAreaNotFound
            If there is none of that name.
        """
        for info in self.list():
            if info.name == name:
                return info
        raise StudyAreaNotFound.said(
            N_("No study area named '{name}'. Known: {known}."),
            name=name,
            known=enumeration(self.names()),
        )

    def load(self, name: str) -> StudyArea:
        """Load a study area (tracts, tables, branches).

        Raises
        ------
        StudyAreaNotFound
            If there is none of that name.
        """
        if name == DEMO_NAME:
            area = load_demo_study_area(self.demo_dir)
            area.name = DEMO_NAME
            return area
        folder = self.root / name
        if not (folder / "study_area.json").exists():
            self.info(name)  # raises with the list of known names
        meta = json.loads((folder / "study_area.json").read_text(encoding="utf-8"))
        tracts = gpd.read_file(folder / "tracts.gpkg")
        tracts = tracts.set_index("GEOID", drop=False).rename_axis(None)
        return StudyArea(
            name=name,
            label=meta["label"],
            vintage=meta["vintage"],
            illustrative=bool(meta.get("illustrative", False)),
            tracts=tracts,
            tables=load_tables(folder / "tables"),
            branches=load_branches(folder / "branches.csv"),
            time_zone=meta.get("time_zone"),
        )

    def save(
        self,
        name: str,
        *,
        label: str,
        vintage: str,
        tracts: gpd.GeoDataFrame,
        tables: Mapping[str, AcsTable],
        branches: pd.DataFrame | None = None,
        sources: tuple[str, ...] = (),
        report: Mapping[str, object] | None = None,
    ) -> Path:
        """Write a study area atomically, replacing any earlier one of the same name.

        Returns
        -------
        Path
            The study area's folder.
        """
        check_name(name)
        self.root.mkdir(parents=True, exist_ok=True)
        building = self.root / f".building-{name}-{uuid.uuid4().hex[:8]}"
        try:
            building.mkdir()
            out = tracts[["GEOID", "NAME", "geometry"]].reset_index(drop=True)
            out.to_file(building / "tracts.gpkg", driver="GPKG", engine="pyogrio")
            save_tables(dict(tables), building / "tables")
            (
                branches if branches is not None else pd.DataFrame(columns=list(BRANCH_COLUMNS))
            ).to_csv(building / "branches.csv", index=False)
            meta = {
                "name": name,
                "label": label,
                "vintage": vintage,
                "illustrative": False,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "sources": list(sources),
                "report": dict(report or {}),
            }
            (building / "study_area.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
            self._swap_in(building, self.root / name)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        return self.root / name

    def _swap_in(self, building: Path, target: Path) -> None:
        old = self.root / f".old-{target.name}-{uuid.uuid4().hex[:8]}"
        if target.exists():
            target.rename(old)
        building.rename(target)
        shutil.rmtree(old, ignore_errors=True)

    def set_time_zone(self, name: str, time_zone: str) -> None:
        """Set the time zone in which "open now" is told for an imported study area.

        Raises
        ------
        GeoError
            For the demo city (built in: America/New_York), an unknown study area or a name
            that is not an IANA time zone such as ``America/Chicago``.
        """
        if name == DEMO_NAME:
            raise GeoError.said(N_("The demo city is built in; its time zone is America/New_York."))
        path = self.root / name / "study_area.json"
        if not path.is_file():
            raise StudyAreaNotFound.said(N_("No imported study area named '{name}'."), name=name)
        if time_zone not in zoneinfo.available_timezones():
            raise GeoError.said(
                N_("'{name}' is not a time zone name; use one such as 'America/Chicago'."),
                name=time_zone,
            )
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["time_zone"] = time_zone
        tmp = path.with_name(f".study_area.{uuid.uuid4().hex}.json")
        tmp.write_text(json.dumps(meta, indent=2), encoding="utf-8")
        tmp.replace(path)  # atomic: a reader sees the old file or the new one

    def delete(self, name: str) -> None:
        """Remove an imported study area (the demo city cannot be deleted).

        Raises
        ------
        GeoError
            For the demo city, or a name that does not exist.
        """
        if name == DEMO_NAME:
            raise GeoError.said(N_("The demo city is built in and cannot be deleted."))
        folder = self.root / name
        if not folder.is_dir():
            raise StudyAreaNotFound.said(N_("No imported study area named '{name}'."), name=name)
        shutil.rmtree(folder)


def _info(meta: dict) -> StudyAreaInfo:
    return StudyAreaInfo(
        name=meta["name"],
        label=meta["label"],
        vintage=meta["vintage"],
        illustrative=bool(meta.get("illustrative", False)),
        created=meta.get("created", ""),
        sources=tuple(meta.get("sources", ())),
        report=dict(meta.get("report", {})),
        time_zone=meta.get("time_zone") or "",
    )

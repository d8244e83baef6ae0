"""Import a study area by any of the three paths; the Data page and the CLI call these.

Each import reads and checks everything first, then writes the study area atomically
(:meth:`StudyAreaStore.save`): a failed or cancelled import leaves the previous one intact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.census.acs import AcsTable
from geo.census.api import Transport, fetch_census_api, fetch_tract_boundaries
from geo.census.boundaries import import_tract_boundaries, name_tracts, read_polygons
from geo.census.branches import import_branches_imls
from geo.census.store import StudyAreaStore, check_name
from geo.census.tables import describe_vintage, read_census_downloads, read_counts_table
from geo.errors import DataNotAvailable, ImportCancelled, ImportFormatError
from geo.messages import N_

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]
_STEPS = 5


@dataclass(kw_only=True)
class ImportReport:
    """What an import loaded and what did not join, for the page and the CLI."""

    name: str
    vintage: str
    tracts: int
    tables: list[str]
    totals: dict[str, float]
    branches: int
    geoids_without_polygons: list[str] = field(default_factory=list)
    polygons_without_data: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The figures the change log keeps for this import."""
        return {"tracts": self.tracts, "tables": len(self.tables), "branches": self.branches}

    def messages(self) -> list[str]:
        """Plain sentences about the join, so nothing is lost silently."""
        out = [
            f"{self.tracts:,} tract polygons; tables {', '.join(self.tables)} ({self.vintage})"
            f"; {self.branches} library branches."
        ]
        if self.geoids_without_polygons:
            out.append(
                f"{len(self.geoids_without_polygons)} tracts in the tables have no "
                f"polygon (often water-only tracts) and are not drawn; their figures "
                f"still count in totals: {', '.join(self.geoids_without_polygons[:10])}."
            )
        if self.polygons_without_data:
            out.append(
                f"{len(self.polygons_without_data)} polygons have no figures and show as "
                f"not available: {', '.join(self.polygons_without_data[:10])}."
            )
        return out

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (stored in study_area.json)."""
        return asdict(self)


def _step(done: int, progress: Progress | None, should_cancel: ShouldCancel | None) -> None:
    if should_cancel is not None and should_cancel():
        raise ImportCancelled.said(
            N_("The import was cancelled. The previous study area is unchanged.")
        )
    if progress is not None:
        progress(done, _STEPS)


def _counties_of(tables: Mapping[str, AcsTable]) -> list[str]:
    return sorted({g[:5] for t in tables.values() for g in t.estimates.index})


def _totals(tables: Mapping[str, AcsTable]) -> dict[str, float]:
    totals = {}
    for table_id, table in tables.items():
        try:
            totals[table_id] = float(table.estimate(table.find("Total")).sum())
        except DataNotAvailable:
            continue
    return totals


def _finish(
    store: StudyAreaStore,
    name: str,
    *,
    label: str,
    vintage: str,
    tracts: gpd.GeoDataFrame,
    tables: Mapping[str, AcsTable],
    branches: pd.DataFrame | None,
    sources: Sequence[str],
    progress: Progress | None,
    should_cancel: ShouldCancel | None,
) -> ImportReport:
    data_ids = set().union(*(set(t.estimates.index) for t in tables.values()))
    report = ImportReport(
        name=name,
        vintage=vintage,
        tracts=len(tracts),
        tables=sorted(tables),
        totals=_totals(tables),
        branches=0 if branches is None else len(branches),
        geoids_without_polygons=sorted(data_ids - set(tracts.index)),
        polygons_without_data=sorted(set(tracts.index) - data_ids),
    )
    if not data_ids & set(tracts.index):
        raise ImportFormatError.said(
            N_(
                "No tract in the tables matches a polygon: the boundaries are for another place "
                "or another census (2010 vs 2020 tracts)."
            )
        )
    _step(_STEPS - 1, progress, should_cancel)
    store.save(
        name,
        label=label,
        vintage=vintage,
        tracts=tracts,
        tables=tables,
        branches=branches,
        sources=tuple(sources),
        report=report.to_dict(),
    )
    _step(_STEPS, progress, None)
    return report


def import_census_download(
    store: StudyAreaStore,
    name: str,
    *,
    tracts_path: Path | str,
    acs_paths: Sequence[Path | str],
    label: str | None = None,
    vintage: str | None = None,
    counties: Sequence[str] = (),
    branches_imls: Path | str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportReport:
    """A study area from data.census.gov downloads and a tract boundary file.

    Parameters
    ----------
    store
        Where study areas live.
    name
        Slug of the new (or replaced) study area, e.g. ``"nyc"``.
    tracts_path
        Tract boundaries (zipped shapefile, GeoJSON, GeoPackage; any CRS).
    acs_paths
        ``-Data.csv`` files with their ``-Column-Metadata.csv`` files, any tables.
    vintage
        Default: read from the file names (``ACSDT5Y2023`` = ACS 2019-2023 5-year).
    counties
        Five-digit FIPS codes; default the counties the tables cover.
    branches_imls
        Optional IMLS outlet file; its outlets in ``counties`` become the branches.

    Raises
    ------
    ImportFormatError, ImportCancelled
        Nothing is written then; the previous study area of that name is intact.
    """
    check_name(name)
    _step(0, progress, should_cancel)
    tables = read_census_downloads(list(acs_paths))
    vintage = vintage or _vintage([Path(p).name for p in acs_paths])
    counties = list(counties) or _counties_of(tables)
    _step(1, progress, should_cancel)
    tracts = import_tract_boundaries(tracts_path, counties=counties)
    first = next(iter(tables.values()))
    tracts = name_tracts(tracts, first.names)
    _step(2, progress, should_cancel)
    branches = import_branches_imls(branches_imls, counties) if branches_imls else None
    _step(3, progress, should_cancel)
    sources = [Path(p).name for p in [tracts_path, *acs_paths]]
    if branches_imls:
        sources.append(Path(branches_imls).name)
    return _finish(
        store,
        name,
        label=label or name,
        vintage=vintage,
        tracts=tracts,
        tables=tables,
        branches=branches,
        sources=sources,
        progress=progress,
        should_cancel=should_cancel,
    )


def _vintage(names: Sequence[str]) -> str:
    from geo.census.tables import vintage_from_names

    found = vintage_from_names(names)
    if found is None:
        raise ImportFormatError.said(
            N_(
                "The ACS vintage is not in the file names (like ACSDT5Y2023). State it, e.g. "
                "'ACS 2019-2023 5-year'."
            )
        )
    return found


def import_census_api(
    store: StudyAreaStore,
    name: str,
    *,
    year: int,
    state: str,
    counties: Sequence[str],
    tables: Sequence[str],
    cache_dir: Path | str,
    key: str | None = None,
    tracts_path: Path | str | None = None,
    label: str | None = None,
    branches_imls: Path | str | None = None,
    transport: Transport | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportReport:
    """A study area from the Census Data API (cached) and tract boundaries.

    Without ``tracts_path`` the state's cartographic-boundary tracts of ``year`` are
    downloaded from www2.census.gov (and cached). Parameters as :func:`fetch_census_api`.
    """
    check_name(name)
    _step(0, progress, should_cancel)
    fetched = fetch_census_api(
        year, state, counties, tables, key=key, cache_dir=cache_dir, transport=transport
    )
    fips = [f"{state}{c}" for c in counties]
    _step(1, progress, should_cancel)
    boundary = tracts_path or fetch_tract_boundaries(
        year, state, cache_dir=cache_dir, transport=transport
    )
    tracts = name_tracts(
        import_tract_boundaries(boundary, counties=fips), next(iter(fetched.values())).names
    )
    _step(2, progress, should_cancel)
    branches = import_branches_imls(branches_imls, fips) if branches_imls else None
    _step(3, progress, should_cancel)
    sources = [f"Census Data API acs/acs5 {year}: {', '.join(tables)}", Path(boundary).name]
    return _finish(
        store,
        name,
        label=label or name,
        vintage=describe_vintage(year),
        tracts=tracts,
        tables=fetched,
        branches=branches,
        sources=sources,
        progress=progress,
        should_cancel=should_cancel,
    )


def import_generic(
    store: StudyAreaStore,
    name: str,
    *,
    polygons_path: Path | str,
    id_column: str,
    counts_path: Path | str,
    key_column: str,
    vintage: str,
    name_column: str | None = None,
    table_id: str = "COUNTS",
    universe_column: str | None = None,
    label: str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportReport:
    """A study area from any polygon layer and any CSV of counts keyed by area id.

    For places outside the United States (e.g. Canadian census tracts with place-of-birth
    counts). See :func:`geo.census.tables.read_counts_table` for the CSV's columns.
    ``vintage`` names the source and year, e.g. ``"Statistics Canada, 2021 Census"``.
    """
    check_name(name)
    _step(0, progress, should_cancel)
    table = read_counts_table(
        counts_path, key_column=key_column, table_id=table_id, universe_column=universe_column
    )
    _step(1, progress, should_cancel)
    polygons = read_polygons(polygons_path, id_column=id_column, name_column=name_column)
    _step(3, progress, should_cancel)
    return _finish(
        store,
        name,
        label=label or name,
        vintage=vintage,
        tracts=polygons,
        tables={table_id: table},
        branches=None,
        sources=[Path(polygons_path).name, Path(counts_path).name],
        progress=progress,
        should_cancel=should_cancel,
    )

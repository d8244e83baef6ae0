"""Write every file of the demo city into one folder (see docs/data-contract.md)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
from shapely import affinity

from geo.census.study_area import BRANCH_COLUMNS
from geo.demo.acs import compute_table
from geo.demo.basemap import build_basemap, build_parks
from geo.demo.city import (
    CENTRE_LAT,
    CENTRE_LON,
    CITY_NAME,
    COUNTY_FIPS,
    COUNTY_NAME,
    LABEL,
    SEED,
    STATE_FIPS,
    STATE_NAME,
    VINTAGE,
    WORK_CRS,
    make_rng,
)
from geo.demo.countries import COUNTRIES
from geo.demo.geometry import build_boundary, build_river, build_tract_shapes, scatter_seeds
from geo.demo.hours import build_opening_hours
from geo.demo.organizations import build_organizations
from geo.demo.places import CityPoints, build_branches
from geo.demo.population import build_people
from geo.demo.readme import readme_text
from geo.demo.tables import TABLES
from geo.demo.tracts import build_tracts, centre_xy, to_wgs84
from geo.demo.writers import write_census_csv, write_csv, write_geojson, write_json
from geo.io.organizations import ORGANIZATION_COLUMNS

TRACT_COLUMNS = ["GEOID", "NAME", "NAMELSAD", "neighbourhood", "ALAND", "geometry"]
# The contract's columns, then the main site's hours (read by the CSV importer and the seed).
DEMO_ORGANIZATION_COLUMNS = (*ORGANIZATION_COLUMNS, "opening_hours")
ACS_PREFIX = "ACSDT5Y2023"


def _write_acs(folder: Path, tracts: gpd.GeoDataFrame, people: list[dict[str, int]]) -> None:
    """Write each ACS table and its column metadata in data.census.gov download format."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = make_rng("margins")
    for table in TABLES:
        codes: list[object] = ["GEO_ID", "NAME"]
        labels: list[object] = ["Geography", "Geographic Area Name"]
        for code, path in table.variables:
            label = "!!".join(path)
            codes += [f"{table.table_id}_{code}E", f"{table.table_id}_{code}M"]
            labels += [f"Estimate!!{label}", f"Margin of Error!!{label}"]
        rows: list[list[object]] = [codes, labels]
        for tract, leaves in zip(tracts.to_dict("records"), people, strict=True):
            small = tract["kind"] != "residential"
            values = compute_table(table, leaves, small=small, rng=rng)
            name = f"{tract['NAME']}; {COUNTY_NAME}; {STATE_NAME}"
            rows.append(
                [f"1400000US{tract['GEOID']}", name, *[v for _, e, m in values for v in (e, m)]]
            )
        stem = folder / f"{ACS_PREFIX}.{table.table_id}"
        write_census_csv(Path(f"{stem}-Data.csv"), rows, trailing=True)
        metadata = [["Column Name", "Label"], *zip(codes, labels, strict=True)]
        write_census_csv(Path(f"{stem}-Column-Metadata.csv"), metadata, trailing=False)


def _study_area() -> dict[str, object]:
    """Return the study_area.json payload."""
    return {
        "name": CITY_NAME,
        "label": LABEL,
        "state_fips": STATE_FIPS,
        "county_fips": COUNTY_FIPS,
        "county_name": COUNTY_NAME,
        "state_name": STATE_NAME,
        "vintage": VINTAGE,
        "illustrative": True,
        "center": [CENTRE_LAT, CENTRE_LON],
        "work_crs": WORK_CRS,
        "seed": SEED,
    }


def generate_demo_city(out_dir: Path) -> dict[str, int]:
    """Generate the Riverton demo city into ``out_dir``; the same run gives the same bytes.

    Parameters
    ----------
    out_dir : pathlib.Path
        Folder to write into (created if missing); existing demo files are overwritten.

    Returns
    -------
    dict
        Counts of what was written: ``tracts``, ``branches``, ``organizations``.

    Examples
    --------
    >>> generate_demo_city(Path("data/demo"))  # doctest: +SKIP
    {'tracts': 186, 'branches': 10, 'organizations': 342}
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    boundary = build_boundary(make_rng("boundary"))
    shapes = build_tract_shapes(boundary, scatter_seeds(boundary, make_rng("seeds")))
    river = build_river(make_rng("river"))
    tracts = build_tracts(shapes, river)
    people = build_people(tracts, make_rng("people"))
    write_geojson(to_wgs84(tracts)[TRACT_COLUMNS], out_dir / "tracts.geojson")
    _write_acs(out_dir / "acs", tracts, people)
    cx, cy = centre_xy()
    park_tract = affinity.translate(tracts.geometry[tracts["kind"] == "park"].iloc[0], -cx, -cy)
    parks = build_parks(boundary, river, park_tract, make_rng("parks"))
    write_geojson(build_basemap(boundary, river, parks, tracts), out_dir / "basemap.geojson")
    points = CityPoints(boundary, tracts, make_rng("places"))
    branches = build_branches(points)
    write_csv(out_dir / "branches.csv", BRANCH_COLUMNS, branches)
    foreign_born = {c.name: int(np.sum([p[f"B05006_{c.code}"] for p in people])) for c in COUNTRIES}
    organizations = build_organizations(points, foreign_born, make_rng("organizations"))
    hours = build_opening_hours(organizations, make_rng("hours"))
    rows = [[*row, text] for row, text in zip(organizations, hours, strict=True)]
    write_csv(out_dir / "organizations.csv", DEMO_ORGANIZATION_COLUMNS, rows)
    write_json(out_dir / "study_area.json", _study_area())
    counts = {"tracts": len(tracts), "branches": len(branches), "organizations": len(organizations)}
    (out_dir / "README.md").write_text(readme_text(counts), encoding="utf-8")
    return counts

"""Study-area fixtures: a store in tmp_path, the tiny synthetic tracts written to files,
and the real NYC files (tests using them skip when ../shared/data/real is absent)."""

from pathlib import Path

import pytest

from geo.census import StudyAreaStore
from geo.config import DEMO_DIR
from tests.conftest import real_data
from tests.geo.acs_fixtures import write_census_table
from tests.geo.conftest import TABLES, organizations, tiny_area, tiny_tables  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "data" / "real"
NYC_COUNTIES = ["36005", "36047", "36061", "36081", "36085"]


@pytest.fixture
def store(tmp_path):
    return StudyAreaStore(tmp_path / "study_areas", DEMO_DIR)


@pytest.fixture
def tiny_files(tmp_path, tiny_area):
    """The tiny area's tables as downloads and its tracts as GeoJSON in EPSG:3857."""
    acs = [
        write_census_table(tmp_path / "dl", t, labels, rows) for t, (labels, rows) in TABLES.items()
    ]
    tracts = tmp_path / "tracts.geojson"
    tiny_area.tracts.reset_index(drop=True).to_crs("EPSG:3857").to_file(tracts)
    return {"acs": acs, "tracts": tracts}


@pytest.fixture(scope="session")
def nyc_files():
    acs = real_data(REAL / "acs_nyc_tracts")
    return {
        "acs": [
            acs / "B05006-original-data.csv",
            acs / "ACSDT5Y2023.B05006-Column-Metadata.csv",
            acs / "total_population.csv",
        ],
        "tracts": REAL / "tracts_ny_cb2020" / "cb_2020_36_tract_500k.shp",
        "shapefile_dir": REAL / "tracts_ny_cb2020",
        "imls": REAL / "imls_pls_fy2018_outlets" / "pls_fy18_outlet_pud18i.csv",
    }


@pytest.fixture(scope="session")
def nyc_store(tmp_path_factory, nyc_files):
    """NYC imported once per session through the same function the page and CLI use."""
    from geo.census import import_census_download

    store = StudyAreaStore(tmp_path_factory.mktemp("nyc") / "areas", DEMO_DIR)
    report = import_census_download(
        store,
        "nyc",
        tracts_path=nyc_files["tracts"],
        acs_paths=nyc_files["acs"],
        label="New York City",
        branches_imls=nyc_files["imls"],
    )
    return store, report

"""Imports through the same functions as the Data page and the CLI, on tiny data."""

import json
import zipfile

import pytest

from geo.census import (
    CensusApiError,
    import_census_api,
    import_census_download,
    import_generic,
    import_tract_boundaries,
)
from geo.errors import ImportFormatError
from geo.io.importer import ImportCancelled
from tests.geo.conftest import T1, T2, T3


def test_download_import_round_trips_through_the_store(store, tiny_files):
    report = import_census_download(
        store, "tiny", tracts_path=tiny_files["tracts"], acs_paths=tiny_files["acs"], label="Tiny"
    )
    assert report.tracts == 3 and report.vintage == "ACS 2019-2023 5-year"
    area = store.load("tiny")
    assert list(area.tracts.index) == [T1, T2, T3]
    assert area.tables["B05006"].estimate("B05006_003")[T1] == 200
    assert area.tables["B05006"].moe("B05006_003")[T1] == 40
    assert area.tables["B05006"].name("B05006_003") == "Bhutan"
    assert [i.name for i in store.list()] == ["demo", "tiny"]
    assert area.tracts.geometry.total_bounds[0] == pytest.approx(-45.03, abs=1e-6)


def test_cancelled_reimport_leaves_the_previous_area_intact(store, tiny_files):
    import_census_download(
        store, "tiny", tracts_path=tiny_files["tracts"], acs_paths=tiny_files["acs"], label="First"
    )
    calls = []

    def cancel_late():
        calls.append(1)
        return len(calls) >= 4

    with pytest.raises(ImportCancelled):
        import_census_download(
            store,
            "tiny",
            tracts_path=tiny_files["tracts"],
            acs_paths=tiny_files["acs"][:1],
            label="Second",
            should_cancel=cancel_late,
        )
    assert store.info("tiny").label == "First"
    assert set(store.load("tiny").tables) == set(tiny_files_tables(tiny_files))
    assert [p.name for p in store.root.iterdir()] == ["tiny"]


def tiny_files_tables(files):
    return [p.name.split(".")[1].split("-")[0] for p in files["acs"]]


def test_failed_write_leaves_the_previous_area_intact(store, tiny_files, monkeypatch):
    import_census_download(
        store, "tiny", tracts_path=tiny_files["tracts"], acs_paths=tiny_files["acs"], label="First"
    )
    import geo.census.store as store_module

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "save_tables", broken)
    with pytest.raises(OSError):
        import_census_download(
            store,
            "tiny",
            tracts_path=tiny_files["tracts"],
            acs_paths=tiny_files["acs"],
            label="Second",
        )
    assert store.info("tiny").label == "First"
    assert [p.name for p in store.root.iterdir()] == ["tiny"]


def test_boundaries_from_a_zipped_shapefile_in_nad83(tmp_path, nyc_files):
    folder = nyc_files["shapefile_dir"]
    archive = tmp_path / "tracts.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            z.write(folder / f"cb_2020_36_tract_500k.{ext}", f"cb_2020_36_tract_500k.{ext}")
    tracts = import_tract_boundaries(archive, counties=["36061"])
    assert len(tracts) == 310
    assert tracts.crs.to_epsg() == 4326
    assert tracts.total_bounds[0] > -74.1


def test_a_file_that_is_not_a_census_download_is_refused(store, tmp_path, tiny_files):
    bad = tmp_path / "notes.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(ImportFormatError, match="not a data.census.gov table"):
        import_census_download(store, "tiny", tracts_path=tiny_files["tracts"], acs_paths=[bad])
    assert not store.root.exists() or not any(store.root.iterdir())


def _fake_api(tiny_tables):
    calls = []

    def transport(url):
        calls.append(url)
        if "/groups/" in url:
            t = tiny_tables["B05006"]
            variables = {
                f"{v}E": {
                    "label": "Estimate!!"
                    + "!!".join(f"{p}:" if i < len(lab) - 1 else p for i, p in enumerate(lab))
                }
                for v, lab in t.labels.items()
            }
            return json.dumps({"variables": variables}).encode()
        t = tiny_tables["B05006"]
        header = [
            "GEO_ID",
            "NAME",
            *[f"{v}{k}" for v in t.labels for k in ("E", "M")],
            "state",
            "county",
            "tract",
        ]
        rows = [header]
        for geoid in t.estimates.index:
            row = [f"1400000US{geoid}", f"Census Tract {geoid[-6:]}; X County; Y"]
            for v in t.labels:
                row += [str(int(t.estimates.loc[geoid, v])), str(int(t.moes.loc[geoid, v]))]
            rows.append([*row, geoid[:2], geoid[2:5], geoid[5:]])
        return json.dumps(rows).encode()

    return transport, calls


def test_census_api_import_is_cached_on_disk(store, tmp_path, tiny_files, tiny_tables):
    transport, calls = _fake_api(tiny_tables)
    kwargs = dict(
        year=2023,
        state="99",
        counties=["001"],
        tables=["B05006"],
        cache_dir=tmp_path / "cache",
        key="SECRET",
        tracts_path=tiny_files["tracts"],
        transport=transport,
    )
    report = import_census_api(store, "api", **kwargs)
    assert len(calls) == 2 and "SECRET" in calls[1]
    assert report.totals["B05006"] == 610 and report.vintage == "ACS 2019-2023 5-year"
    assert store.load("api").tables["B05006"].name("B05006_004") == "Nepal"
    calls.clear()
    import_census_api(store, "api", **kwargs)
    assert calls == []
    assert not any("SECRET" in p.read_text() for p in (tmp_path / "cache").iterdir())


def test_census_api_error_page_is_explained(store, tmp_path, tiny_files):
    with pytest.raises(CensusApiError, match="invalid API key"):
        import_census_api(
            store,
            "api",
            year=2023,
            state="99",
            counties=["001"],
            tables=["B05006"],
            cache_dir=tmp_path / "c",
            tracts_path=tiny_files["tracts"],
            transport=lambda url: b"<html>Invalid Key</html>",
        )


def test_generic_polygons_and_counts_outside_the_us(store, tmp_path, tiny_area):
    layer = tiny_area.tracts.reset_index(drop=True).rename(
        columns={"GEOID": "CTUID", "NAME": "CTNAME"}
    )
    layer["CTUID"] = ["5350001.00", "5350002.00", "5350003.00"]
    layer.to_crs("EPSG:3347").to_file(tmp_path / "ct.gpkg")  # Statistics Canada Lambert
    (tmp_path / "pob.csv").write_text(
        "CTUID,total,India,India_moe,China\n5350001.00,1000,300,40,120\n"
        "5350002.00,2000,50,20,400\n5350003.00,10,0,5,0\n",
        encoding="utf-8",
    )
    import_generic(
        store,
        "toronto",
        polygons_path=tmp_path / "ct.gpkg",
        id_column="CTUID",
        name_column="CTNAME",
        counts_path=tmp_path / "pob.csv",
        key_column="CTUID",
        universe_column="total",
        table_id="POB2021",
        vintage="Statistics Canada, 2021 Census (synthetic)",
    )
    area = store.load("toronto")
    from geo.census.profiles import build_profile

    rows = build_profile(area.tables, ["5350001.00", "5350002.00"])[0].rows.set_index("item")
    assert rows.loc["India", "estimate"] == 350
    assert rows.loc["India", "moe"] == pytest.approx((40**2 + 20**2) ** 0.5)
    assert rows.loc["China", "reliability"] == "no_moe"
    assert rows.loc["India", "share"] == pytest.approx(350 / 3000)

"""HSDS 3.0 export: the official schema accepts it, ids are stable, the Miami feed round-trips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db import add_asset, get_asset
from geo.io import build_hsds, import_file
from tests.io.conftest import MIAMI, REAL, counts, real
from tests.io.hsds_schema import check_package, read_package

SCHEMA = REAL / "hsds_schema_3.0" / "tabular.json"
CENTRE = {
    "name": "Centre d'accueil «Étoile» مركز",
    "description": "Accueil des nouveaux arrivants",
    "website": "etoile.example.org",
    "email": "not an email",
    "categories": ["legal", "english"],
    "sites": [
        {
            "name": "Main office",
            "address_1": "12 Rue Saint-Denis",
            "city": "Montréal",
            "state_province": "QC",
            "postal_code": "H2X 3K8",
            "country": "Canada",
            "lat": 45.51,
            "lon": -73.56,
            "accessibility": "Step-free entrance",
        },
        {"name": "Library corner", "address_1": "5 Rue Ontario", "lat": 45.52, "lon": -73.57},
    ],
    "services": [
        {
            "name": "Aide juridique",
            "languages": ["fr", "ar:interpreter on Tuesdays", "Haitian Creole"],
            "categories": ["legal"],
            "terms": [{"code": "FT-3600", "name": "Immigration Law", "vocabulary": "AIRS"}],
            "sites": [0, 1],
            "eligibility": "Newcomers of any status",
        }
    ],
    "hours": [
        {"weekday": "Mo", "opens_at": "09:00", "closes_at": "17:00", "site": 0},
        {"weekday": "Tu", "opens_at": "13:00", "closes_at": "16:00", "service": 0},
        {"weekday": "Sa", "description": "by appointment", "site": 1},
    ],
}


def _schema() -> Path:
    return real(SCHEMA)


def _export(engine: Engine, tmp_path: Path, name: str = "out.zip") -> tuple[Path, object]:
    with Session(engine) as session:
        result = build_hsds(session)
    path = tmp_path / name
    path.write_bytes(result.data)
    return path, result


def test_export_passes_the_official_schema_and_reports_what_it_left_out(
    engine: Engine, tmp_path: Path
) -> None:
    with Session(engine) as session, session.begin():
        add_asset(session, CENTRE, user="t")
        add_asset(session, {"name": "No description yet", "categories": "food"}, user="t")
    path, result = _export(engine, tmp_path)
    assert check_package(path, _schema()) == []
    files = read_package(path)
    assert {len(files[f]) for f in ("organizations.csv", "locations.csv")} == {2}
    assert len(files["addresses.csv"]) == 1  # the second site has no city: reported
    assert files["addresses.csv"][0]["city"] == "Montréal"
    assert files["addresses.csv"][0]["country"] == "CA"
    assert files["organizations.csv"][0]["website"] == "http://etoile.example.org"
    assert [s["byday"] for s in files["schedules.csv"]] == ["MO", "TU", "SA"]
    where = {(p["name"], p["where"]) for p in result.problems}
    assert ("No description yet", "organization") in where
    assert (CENTRE["name"], "site 2") in where
    assert any("not an email" in p["message"] for p in result.problems)


def test_a_broken_link_or_a_bad_uuid_is_caught_by_the_check(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as session, session.begin():
        add_asset(session, CENTRE, user="t")
    path, _ = _export(engine, tmp_path)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "service_at_location.csv":
                row_id, service_id = data.splitlines()[1].split(b",")[:2]
                data = data.replace(row_id, b"not-a-uuid", 1)
                data = data.replace(service_id, b"00000000-0000-4000-8000-000000000000", 1)
            target.writestr(name, data)
    problems = check_package(broken, _schema())
    assert any("is not a 'uuid'" in p for p in problems)
    assert any("names nothing" in p for p in problems)


def test_ids_are_the_same_in_every_export(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as session, session.begin():
        add_asset(session, CENTRE, user="t")
    first = read_package(_export(engine, tmp_path, "a.zip")[0])
    second = read_package(_export(engine, tmp_path, "b.zip")[0])
    assert first == second and len(first["services.csv"]) == 2


def test_sites_services_and_hours_come_back_after_a_round_trip(
    engine: Engine, tmp_path: Path, copy_engine: Engine
) -> None:
    with Session(engine) as session, session.begin():
        saved = add_asset(session, CENTRE, user="t")
    path, _ = _export(engine, tmp_path)
    target = copy_engine
    with Session(target) as session, session.begin():
        (new_id,) = import_file(session, path, user="t").ids.values()
        back = get_asset(session, new_id)
    assert back.name == saved.name and back.categories == saved.categories
    assert [s.city for s in back.sites] == ["Montréal", None]
    assert [str(h) for h in back.hours] == [str(h) for h in saved.hours]
    assert back.services[0].terms == saved.services[0].terms
    assert back.services[0].sites == (0, 1)


def _table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        frame = pd.read_sql(
            "SELECT COUNT(*) AS sites, COUNT(city) AS city, COUNT(postal_code) AS postal_code, "
            "COUNT(address_1) AS address_1, COUNT(state_province) AS state_province "
            "FROM locations",
            connection,
        )
    return {**counts(engine), **frame.iloc[0].to_dict()}


def test_miami_feed_round_trips_through_hsds_3(
    engine: Engine, tmp_path: Path, copy_engine: Engine
) -> None:
    with Session(engine) as session, session.begin():
        import_file(session, real(MIAMI), user="t", duplicates="import")
    went_in = _table_counts(engine)
    assert {k: went_in[k] for k in ("organizations", "locations", "services", "schedules")} == {
        "organizations": 1074,
        "locations": 4089,
        "services": 4089,
        "schedules": 11350,
    }
    path, result = _export(engine, tmp_path)
    assert check_package(path, _schema()) == []
    target = copy_engine
    with Session(target) as session, session.begin():
        import_file(session, path, user="t", duplicates="import")
    came_out = _table_counts(target)
    # Sites whose address lacks a part HSDS requires keep their site, not their address row:
    # each such loss is in the export's report.
    left_out = sum("addresses.csv" in p["message"] for p in result.problems)
    assert 0 < left_out < 10
    for key in ("organizations", "locations", "services", "schedules", "categories"):
        assert came_out[key] == went_in[key], key
    for key in ("city", "postal_code", "state_province", "address_1"):
        assert went_in[key] - left_out <= came_out[key] <= went_in[key], key
    with Session(target) as session:
        names = set(pd.read_sql("SELECT name FROM organizations", session.connection())["name"])
    original = pd.read_csv(MIAMI / "data" / "organizations.csv", dtype=str)["name"]
    assert names == set(original.str.strip())

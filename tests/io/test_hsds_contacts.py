"""HSDS imports keep eligibility and contacts; contacts stay staff-only (never exported)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db import get_asset, list_assets
from geo.io import export_assets, import_file, prepare_import, read_source
from tests.io.conftest import MIAMI, SPEC, real


def _spec_with_valid_coordinates(tmp_path: Path) -> Path:
    """The HSDS 3.0 example package, its one location moved from (100, 101) to Montreal."""
    folder = tmp_path / "spec"
    shutil.copytree(real(SPEC), folder)
    locations = pd.read_csv(folder / "locations.csv", dtype=str, keep_default_na=False)
    locations["latitude"], locations["longitude"] = "45.5017", "-73.5673"
    locations.to_csv(folder / "locations.csv", index=False)
    return folder


def test_hsds_3_contacts_and_eligibility_are_kept(engine: Engine, tmp_path: Path) -> None:
    package = _spec_with_valid_coordinates(tmp_path)
    services = pd.read_csv(package / "services.csv", dtype=str, keep_default_na=False)
    people = pd.read_csv(package / "contacts.csv", dtype=str, keep_default_na=False)
    with Session(engine) as session, session.begin():
        (organization_id,) = import_file(session, package, user="t").ids.values()
    with Session(engine) as session:
        saved = get_asset(session, organization_id)
    assert saved.services[0].eligibility == services.loc[0, "eligibility_description"].strip()
    (contact,) = saved.contacts
    assert contact.name == people.loc[0, "name"] == "Ann Persona"
    assert contact.role == "Reception Manager - Reception"
    assert contact.email == people.loc[0, "email"]


def test_contacts_never_leave_in_exports(engine: Engine, tmp_path: Path) -> None:
    package = _spec_with_valid_coordinates(tmp_path)
    with Session(engine) as session, session.begin():
        import_file(session, package, user="t")
    with Session(engine) as session:
        assert "Ann Persona" not in list_assets(session).to_csv()
        files = [export_assets(session, tmp_path / f"o.{fmt}", fmt) for fmt in ("csv", "geojson")]
        packed = [export_assets(session, tmp_path / "o.xlsx", "xlsx")]
        packed.append(export_assets(session, tmp_path / "o.zip", "hsds"))
    texts = [f.read_bytes() for f in files]
    for package in packed:  # an .xlsx is a zip of XML files too
        with zipfile.ZipFile(package) as archive:
            texts += [archive.read(member) for member in archive.namelist()]
    assert len(texts) > 10
    for text in texts:
        assert b"Ann Persona" not in text and b"Reception Manager" not in text


def test_miami_contacts_follow_their_service_and_unlinked_rows_are_reported() -> None:
    table = read_source(real(MIAMI))
    scouts = table.frame[table.frame["source_id"] == "136"].iloc[0]
    contacts = json.loads(scouts["parts"])["contacts"]
    assert {
        "name": "Chelsea Wilkerson",
        "role": "CEO",
        "phone": "305 4841",
        "email": "cwilkerson@girlscoutsfl.org",
    } in contacts
    people = sum(len(json.loads(p)["contacts"]) for p in table.frame["parts"])
    assert 1074 <= people <= 4056  # people named once per organization
    # Miami's eligibility rows carry neither an id nor a service id: said, not hidden.
    assert any("2,244 rows of the eligibility table" in n for n in table.notes)


def test_miami_import_keeps_contacts_staff_only(engine: Engine) -> None:
    plan = prepare_import(real(MIAMI))
    with_contacts = [r for _, r in plan.records if r["contacts"]]
    assert len(with_contacts) > 900
    assert any(i.kind == "file" and "eligibility" in i.message for i in plan.report.issues)


def test_hsds_1x_eligibility_and_contacts_linked_through_services(
    engine: Engine, tmp_path: Path
) -> None:
    """A small 1.x package in the Miami layout, with eligibility rows that name their service."""
    folder = tmp_path / "one_x" / "data"
    folder.mkdir(parents=True)
    files = {
        "organizations.csv": "id,name,description\n7,Casa Nueva,Help for newcomers\n",
        "services.csv": "id,organization_id,name,status\n70,7,Legal clinic,active\n",
        "locations.csv": (
            "id,organization_id,name,latitude,longitude\n700,700,Office,25.77,-80.19\n"
        ),
        "services_at_location.csv": "id,service_id,location_id\n7000,70,700\n",
        "eligibility.csv": "id,service_id,eligibility\n1,70,Adults 18 and over\n2,,Nobody's\n",
        "contacts.csv": (
            "id,organization_id,service_id,service_at_location_id,name,title,department,"
            "email,phone_number,phone_areacode,phone_extension\n"
            "9,,70,7000,María Pérez,Director,Legal,maria@example.org,555-0101,305,12\n"
        ),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Session(engine) as session, session.begin():
        result = import_file(session, folder.parent, user="t")
        (organization_id,) = result.ids.values()
    assert any("1 rows of the eligibility table" in i.message for i in result.report.issues)
    with Session(engine) as session:
        saved = get_asset(session, organization_id)
    assert saved.services[0].eligibility == "Adults 18 and over"
    (contact,) = saved.contacts
    assert (contact.name, contact.role) == ("María Pérez", "Director - Legal")
    assert (contact.phone, contact.email) == ("305 555-0101 x12", "maria@example.org")
    assert [s.lat for s in saved.sites] == [25.77]

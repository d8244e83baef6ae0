"""Table exports have one row per site with its organization's id; the importer reads them back."""

from __future__ import annotations

import csv
import io
from datetime import time
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db import add_asset, get_asset
from geo.io import export_assets, export_frame, import_file, to_csv_bytes

AGENCY = {
    "name": "Refugee Services Agency",
    "category": "legal",
    "phone": "555-0100",
    "sites": [
        {
            "name": "Head office",
            "address": "1 Main St, Springfield, IL 62701",
            "address_1": "1 Main St",
            "city": "Springfield",
            "state_province": "IL",
            "postal_code": "62701",
            "country": "US",
            "lat": 41.0,
            "lon": -45.0,
        },
        {"name": "North office", "address": "200 North Ave", "lat": 41.02, "lon": -45.0},
        {"name": "Annex", "address": "7 Rue de l'Église", "lat": 41.03, "lon": -45.01},
    ],
    "hours": [
        {"weekday": d, "opens_at": "09:00", "closes_at": "17:00", "site": 1} for d in range(1, 6)
    ],
}


def _seed(session: Session) -> tuple[str, str]:
    agency = add_asset(session, AGENCY, user="t").id
    lone = add_asset(session, {"name": "Zeta Pantry", "category": "food"}, user="t").id
    session.commit()
    return agency, lone


def test_csv_export_has_one_row_per_site_with_the_organization_id(session: Session) -> None:
    agency, lone = _seed(session)
    rows = list(
        csv.DictReader(io.StringIO(to_csv_bytes(export_frame(session)).decode("utf-8-sig")))
    )
    ours = [r for r in rows if r["organization_id"] == agency]
    assert [r["site_name"] for r in ours] == ["Head office", "North office", "Annex"]
    assert [r["site_position"] for r in ours] == ["0", "1", "2"]
    assert [r["address"] for r in ours][1:] == ["200 North Ave", "7 Rue de l'Église"]
    assert [float(r["lat"]) for r in ours] == [41.0, 41.02, 41.03]
    assert {r["name"] for r in ours} == {"Refugee Services Agency"}
    assert ours[0]["city"] == "Springfield" and ours[0]["postal_code"] == "62701"
    assert [r["opening_hours"] for r in ours] == ["", "Mo-Fr 09:00-17:00", ""]
    (alone,) = [r for r in rows if r["organization_id"] == lone]
    assert (alone["site_position"], alone["lat"], alone["address"]) == ("", "", "")


def test_site_rows_come_back_as_one_organization(
    engine: Engine, tmp_path: Path, copy_engine: Engine
) -> None:
    with Session(engine) as session:
        _seed(session)
        path = export_assets(session, tmp_path / "sites.csv", "csv")
    target = copy_engine
    with Session(target) as session, session.begin():
        result = import_file(session, path, user="t")
        assert result.imported == 2
        notes = [i for i in result.report.issues if i.kind == "site"]
        assert [i.row for i in notes] == [2, 3]
    with Session(target) as session:
        (agency_id,) = [
            i for i in result.ids.values() if get_asset(session, i).name.startswith("Ref")
        ]
        back = get_asset(session, agency_id)
    assert [(s.lat, s.lon) for s in back.sites] == [(41.0, -45.0), (41.02, -45.0), (41.03, -45.01)]
    assert back.sites[2].address == "7 Rue de l'Église"
    assert (back.lat, back.lon) == (41.0, -45.0)  # the main site stays first
    assert {(h.weekday, h.site) for h in back.hours} == {(d, 1) for d in range(1, 6)}
    assert {(h.opens_at, h.closes_at) for h in back.hours} == {(time(9), time(17))}

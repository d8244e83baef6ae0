"""Importing the real data sets in ../shared/data/real (skipped when the folder is absent)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db import list_assets
from geo.errors import ValidationError
from geo.io import import_file, prepare_import
from tests.io.conftest import HELLO, MIAMI, NYC, SPEC, counts, real


def test_miami_hsds_1x(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        result = import_file(session, real(MIAMI), user="t", duplicates="import")
    assert result.imported == 1074
    assert len(result.needs_location) == 1074 - 553
    with Session(engine) as session:
        frame = list_assets(session).set_index("name")
    scouts = frame.loc["GIRL SCOUTS COUNCIL OF TROPICAL FLORIDA, INC."]
    assert scouts["phone"] == "305-253-4841"
    assert set(scouts["languages"].split(";")) >= {"en", "es", "ht"}
    assert "youth" in scouts["category"].split(";")
    assert frame["category"].str.contains("legal").sum() > 10
    assert frame["category"].str.contains("resettlement").sum() > 5
    placed = frame.dropna(subset=["lat"])
    assert (
        placed["lat"].between(24, 32).mean() > 0.9 and placed["lon"].between(-88, -79).mean() > 0.9
    )
    assert frame.loc["ZEN VILLAGE", "lat"] == pytest.approx(25.724349)


def test_miami_duplicates_are_flagged_not_silently_merged(engine: Engine) -> None:
    plan = prepare_import(real(MIAMI))
    with Session(engine) as session:
        from geo.io.importer import flag_duplicates

        found = flag_duplicates(session, plan.records, plan.report)
    assert 0 < len(found) < 50


def test_nyc_dycd_csv_keeps_rows_without_coordinates(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        result = import_file(session, real(NYC), user="t", duplicates="import")
    assert result.imported == 78 and len(result.needs_location) == 20
    with Session(engine) as session:
        frame = list_assets(session)
    assert frame["needs_location"].sum() == 20
    jamaica = frame.set_index("name").loc["Safe Space - Family Resource Center (Jamaica)"]
    assert (jamaica["lat"], jamaica["lon"]) == (40.705199, -73.799253)
    assert jamaica["address"] == "90 25 161st Street, Queens, NEW YORK 11432"
    assert frame["category"].str.contains("legal").sum() >= 18


def test_helloneighbor_bom_duplicate_header_no_coordinates(engine: Engine) -> None:
    plan = prepare_import(real(HELLO))
    assert plan.mapping["name"] == "Name of refugee or immigrant assistance agency"
    assert not plan.report.rejected_rows
    with Session(engine) as session, session.begin():
        result = import_file(session, plan.table, user="t", duplicates="skip")
    assert result.imported + len(result.skipped_rows) == 430
    assert len(result.needs_location) == result.imported
    with Session(engine) as session:
        names = set(list_assets(session)["name"])
    assert "Arizona Immigrant and Refugee Services" in names


def test_hsds_3_spec_example_coordinates_are_rejected(engine: Engine) -> None:
    plan = prepare_import(real(SPEC))
    (issue,) = [i for i in plan.report.issues if i.severity == "error"]
    assert (issue.row, issue.field) == (1, "lat/lon") and "(100, 101)" in issue.message
    with pytest.raises(ValidationError), Session(engine) as session, session.begin():
        import_file(session, real(SPEC), user="t")
    assert counts(engine)["organizations"] == 0

"""CSV and Excel files with address-part columns and an OSM ``opening_hours`` column."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db import get_asset
from geo.io import import_file, prepare_import

ROWS = [
    {
        "Organization Name": "Casa Amiga",
        "Street Address": "12 Rue Saint-Denis",
        "City": "Montréal",
        "State": "QC",
        "Postal Code": "H2X 3K8",
        "Country": "Canada",
        "Opening Hours": "Mo-Fr 09:00-17:00; Sa 10:00-12:00",
        "Latitude": "45.5100",
        "Longitude": "-73.5600",
    },
    {
        "Organization Name": "Night Desk",
        "Street Address": "4 Pine St",
        "City": "Springfield",
        "State": "IL",
        "Postal Code": "62701",
        "Country": "US",
        "Opening Hours": "Mo-Su 22:00-02:00",
        "Latitude": "",
        "Longitude": "",
    },
]


def _write(tmp_path: Path, fmt: str, rows: list[dict[str, str]]) -> Path:
    frame = pd.DataFrame(rows)
    path = tmp_path / f"orgs.{fmt}"
    if fmt == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_excel(path, index=False)
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_address_parts_and_hours_are_kept(engine: Engine, tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt, ROWS)
    plan = prepare_import(path)
    assert {plan.mapping[f] for f in ("city", "state", "zip", "country", "opening_hours")} == {
        "City",
        "State",
        "Postal Code",
        "Country",
        "Opening Hours",
    }
    with Session(engine) as session, session.begin():
        ids = list(import_file(session, path, user="t").ids.values())
    with Session(engine) as session:
        casa, night = (get_asset(session, i) for i in ids)
    (site,) = casa.sites
    assert (site.address_1, site.city, site.state_province, site.postal_code) == (
        "12 Rue Saint-Denis",
        "Montréal",
        "QC",
        "H2X 3K8",
    )
    assert site.country == "CA"
    assert casa.address == "12 Rue Saint-Denis, Montréal, QC H2X 3K8"
    assert [str(h) for h in casa.hours] == [
        "Mo 09:00-17:00",
        "Tu 09:00-17:00",
        "We 09:00-17:00",
        "Th 09:00-17:00",
        "Fr 09:00-17:00",
        "Sa 10:00-12:00",
    ]
    assert {h.site for h in casa.hours} == {0}
    # Past midnight: each evening until 23:59, then the small hours of the next day.
    assert (night.hours[0].weekday, night.hours[0].opens_at) == (1, time(0))
    assert len(night.hours) == 14 and night.sites[0].needs_location


def test_hours_not_in_osm_syntax_reject_the_row_with_the_reason(tmp_path: Path) -> None:
    rows = [{**ROWS[0], "Opening Hours": "Monday to Friday, 9 to 5"}]
    plan = prepare_import(_write(tmp_path, "csv", rows))
    (issue,) = [i for i in plan.report.issues if i.severity == "error"]
    assert issue.row == 1 and issue.field == "opening_hours"
    assert "Mo-Fr 09:00-17:00" in issue.message  # the message shows the syntax to use

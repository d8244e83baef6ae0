"""HSDS 3.0 datapackage export: a zip of datapackage.json plus the core tables.

Column names follow the HSDS 3.0.0 example CSVs (openreferral/specification, examples/csv).
Each organization gets one location (``<id>-loc``, coordinates possibly empty), one service
per category (named by its label, so re-import maps it back exactly), its languages (linked
to the location) and its phone. Text cells are formula-neutralized as in the CSV export.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd

from geo import vocab
from geo.io.cells import neutralize_cell

HSDS_VERSION = "3.0"
HSDS_COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": (
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
        "parent_organization_id",
    ),
    "locations": (
        "id",
        "location_type",
        "url",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    ),
    "services": (
        "id",
        "organization_id",
        "program_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "wait_time",
        "fees",
        "accreditations",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "licenses",
        "alert",
        "last_modified",
    ),
    "service_at_location": ("id", "service_id", "location_id", "description"),
    "languages": ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    "phones": (
        "id",
        "location_id",
        "service_id",
        "organization_id",
        "contact_id",
        "service_at_location_id",
        "number",
        "extension",
        "type",
        "description",
    ),
    "addresses": (
        "id",
        "location_id",
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
}
RESOURCE_NAMES = {
    "organizations": "organization",
    "locations": "location",
    "services": "service",
    "service_at_location": "service_at_location",
    "languages": "language",
    "phones": "phone",
    "addresses": "address",
}


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _rows_for(org: dict[str, object]) -> dict[str, list[dict[str, object]]]:
    """The HSDS rows of one organization (export_frame record)."""
    oid = _text(org["organization_id"])
    loc = f"{oid}-loc"
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in HSDS_COLUMNS}
    rows["organizations"].append(
        {
            "id": oid,
            "name": org["name"],
            "alternate_name": org["alternate_name"],
            "description": org["description"],
            "email": org["email"],
            "website": org["website"],
        }
    )
    placed = not (pd.isna(org["lat"]) or pd.isna(org["lon"]))
    rows["locations"].append(
        {
            "id": loc,
            "location_type": "physical",
            "organization_id": oid,
            "name": org["name"],
            "latitude": org["lat"] if placed else "",
            "longitude": org["lon"] if placed else "",
        }
    )
    if _text(org["address"]):
        rows["addresses"].append(
            {
                "id": f"{oid}-addr",
                "location_id": loc,
                "address_1": org["address"],
                "address_type": "physical",
            }
        )
    _add_details(rows, org, oid, loc)
    return rows


def _add_details(
    rows: dict[str, list[dict[str, object]]], org: dict[str, object], oid: str, loc: str
) -> None:
    """Services (one per category), service_at_location, languages and phone rows."""
    for key in vocab.split_list(org["category"]):
        sid = f"{oid}-svc-{key}"
        rows["services"].append(
            {
                "id": sid,
                "organization_id": oid,
                "status": "active",
                "name": vocab.SERVICE_CATEGORIES.get(key, key),
            }
        )
        rows["service_at_location"].append(
            {"id": f"{oid}-sal-{key}", "service_id": sid, "location_id": loc}
        )
    for index, item in enumerate(vocab.split_list(org["languages"])):
        code, _, note = item.partition(":")
        rows["languages"].append(
            {
                "id": f"{oid}-lang-{index}",
                "location_id": loc,
                "code": code,
                "name": vocab.LANGUAGES.get(code, ""),
                "note": note,
            }
        )
    if _text(org["phone"]):
        rows["phones"].append(
            {
                "id": f"{oid}-phone",
                "organization_id": oid,
                "location_id": loc,
                "number": org["phone"],
                "type": "voice",
            }
        )


def _csv_bytes(columns: tuple[str, ...], rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                row.get(c, "")
                if c in ("latitude", "longitude")
                else neutralize_cell(_text(row.get(c)))
                for c in columns
            ]
        )
    return buffer.getvalue().encode("utf-8")


def datapackage_descriptor() -> dict[str, object]:
    """A Frictionless tabular datapackage descriptor for the exported tables."""
    return {
        "name": "welcome-atlas-organizations",
        "profile": "tabular-data-package",
        "title": "Welcome Atlas organizations (Open Referral HSDS 3.0)",
        "version": HSDS_VERSION,
        "resources": [
            {
                "name": RESOURCE_NAMES[table],
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": c,
                            "type": "number" if c in ("latitude", "longitude") else "string",
                        }
                        for c in columns
                    ]
                },
            }
            for table, columns in HSDS_COLUMNS.items()
        ],
    }


def to_hsds_zip_bytes(frame: pd.DataFrame) -> bytes:
    """An HSDS 3.0 datapackage zip built from :func:`geo.io.exporters.export_frame` output."""
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in HSDS_COLUMNS}
    for org in frame.to_dict(orient="records"):
        for table, rows in _rows_for(org).items():
            tables[table].extend(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage_descriptor(), indent=2))
        for table, columns in HSDS_COLUMNS.items():
            archive.writestr(f"{table}.csv", _csv_bytes(columns, tables[table]))
    return buffer.getvalue()

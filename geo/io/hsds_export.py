"""HSDS 3.0 datapackage export: a zip of datapackage.json plus the tables the records fill.

Column names follow the HSDS 3.0.0 example CSVs (openreferral/specification, examples/csv).
Rows come from :mod:`geo.io.hsds_rows` (stable UUIDs, every link resolving); the export
tells what it left out or filled in (``HsdsExport.problems``). Staff-only contacts are never
exported. Text cells are formula-neutralized as in the CSV export.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.cells import neutralize_cell
from geo.db.queries import load_organizations, to_asset
from geo.db.schema import Organization
from geo.io.hsds_rows import HsdsTables, add_organization, hsds_id

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
    "schedules": (
        "id",
        "service_id",
        "location_id",
        "service_at_location_id",
        "valid_from",
        "valid_to",
        "dtstart",
        "timezone",
        "until",
        "count",
        "wkst",
        "freq",
        "interval",
        "byday",
        "byweekno",
        "bymonthday",
        "byyearday",
        "description",
        "opens_at",
        "closes_at",
        "schedule_link",
        "attending_type",
        "notes",
    ),
    "accessibility": ("id", "location_id", "description", "details", "url"),
    "attributes": ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    "taxonomy_terms": (
        "id",
        "code",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "language",
        "taxonomy_id",
        "term_uri",
    ),
    "taxonomies": ("id", "name", "description", "uri", "version"),
}
NUMERIC = ("latitude", "longitude", "timezone", "count", "interval")
RESOURCE_NAMES = {
    "organizations": "organization",
    "locations": "location",
    "services": "service",
    "service_at_location": "service_at_location",
    "languages": "language",
    "phones": "phone",
    "addresses": "address",
    "schedules": "schedule",
    "accessibility": "accessibility",
    "attributes": "attribute",
    "taxonomy_terms": "taxonomy_term",
    "taxonomies": "taxonomy",
}


@dataclass(frozen=True, kw_only=True)
class HsdsExport:
    """The zip, rows written per table, and each value left out or filled in (by record)."""

    data: bytes
    counts: dict[str, int]
    problems: list[dict[str, str]]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _csv_bytes(columns: tuple[str, ...], rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                _text(row.get(c)) if c in NUMERIC else neutralize_cell(_text(row.get(c)))
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
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": c, "type": "number" if c in NUMERIC else "string"} for c in columns
                    ],
                    "primaryKey": "id",
                },
            }
            for table, columns in HSDS_COLUMNS.items()
        ],
    }


def _taxonomies(tables: HsdsTables) -> None:
    for name in sorted({str(t["taxonomy"]) for t in tables.terms.values()}):
        row: dict[str, object] = {"id": hsds_id("taxonomy", name), "name": name}
        row["description"] = name
        tables.add("taxonomies", row)
    for term in tables.terms.values():
        tables.add("taxonomy_terms", term)


def build_hsds(
    session: Session, *, include_archived: bool = False, country: str = "US"
) -> HsdsExport:
    """Every (active) organization as an HSDS 3.0 datapackage zip.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    include_archived : bool, optional
        Also export archived organizations.
    country : str, optional
        ISO 3166 code written where a site's address has no country (HSDS requires one);
        the study area's country.

    Returns
    -------
    HsdsExport
    """
    query = sa.select(Organization.id).order_by(Organization.name, Organization.id)
    if not include_archived:
        query = query.where(Organization.status == "active")
    tables = HsdsTables()
    for org in load_organizations(session, list(session.scalars(query))):
        add_organization(tables, to_asset(org), country=country)
    _taxonomies(tables)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage_descriptor(), indent=2))
        for table, columns in HSDS_COLUMNS.items():
            archive.writestr(f"{table}.csv", _csv_bytes(columns, tables.rows.get(table, [])))
    counts = {table: len(tables.rows.get(table, [])) for table in HSDS_COLUMNS}
    return HsdsExport(data=buffer.getvalue(), counts=counts, problems=tables.problems)

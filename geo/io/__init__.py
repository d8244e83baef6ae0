"""Import and export of organizations: CSV, Excel, GeoJSON, GeoPackage, Open Referral HSDS.

Typical use::

    plan = prepare_import("orgs.csv", session=session)        # read, map, validate
    preview_rows(plan.table.frame, plan.mapping, plan.report.issues)  # no second check
    with Session(engine) as s, s.begin():                    # one transaction
        result = run_import(s, plan, user="amira", duplicates="skip")
    report_to_csv(result.report)                             # every problem, downloadable

Nothing here imports streamlit; pages call these functions and show GeoError messages.
"""

from __future__ import annotations

from geo.errors import ImportCancelled
from geo.io.classify import classify_categories, parse_languages
from geo.io.exporters import (
    EXPORT_COLUMNS,
    EXPORT_FORMATS,
    export_assets,
    export_frame,
    to_csv_bytes,
    to_geojson_bytes,
    to_xlsx_bytes,
)
from geo.io.geocoding import GeocodeCache, Geocoder, make_geocoder
from geo.io.hsds_export import HsdsExport, build_hsds
from geo.io.importer import (
    ImportPlan,
    ImportResult,
    import_file,
    prepare_import,
    run_import,
)
from geo.io.locations import list_needs_location, set_location
from geo.io.mapping import FIELDS, check_mapping, preview, preview_rows, propose_mapping
from geo.io.readers import SourceTable
from geo.io.report import Issue, ValidationReport, report_to_csv
from geo.io.sniff import DEFAULT_LIMITS, Limits, sniff_format
from geo.io.sources import read_source

__all__ = [
    "HsdsExport",
    "build_hsds",
    "DEFAULT_LIMITS",
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "FIELDS",
    "GeocodeCache",
    "Geocoder",
    "ImportCancelled",
    "ImportPlan",
    "ImportResult",
    "Issue",
    "Limits",
    "SourceTable",
    "ValidationReport",
    "check_mapping",
    "classify_categories",
    "export_assets",
    "export_frame",
    "import_file",
    "list_needs_location",
    "make_geocoder",
    "parse_languages",
    "prepare_import",
    "preview",
    "preview_rows",
    "propose_mapping",
    "read_source",
    "report_to_csv",
    "run_import",
    "set_location",
    "sniff_format",
    "to_csv_bytes",
    "to_geojson_bytes",
    "to_xlsx_bytes",
]

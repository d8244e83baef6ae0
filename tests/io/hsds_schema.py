"""Check an HSDS 3.0 tabular datapackage against the official schema (tabular.json).

Independent of the exporter: each CSV cell is typed by its column's declared type, every row
of a file is validated with jsonschema (formats checked: uuid, uri, email, date, date-time),
ids must be unique, and every ``*_id`` link must name a row of the table it points to.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from jsonschema import Draft202012Validator

# A link column -> the table its ids must be found in (HSDS 3.0 "Foreign key" descriptions).
LINKS = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
    "contact_id": "contact",
    "phone_id": "phone",
    "program_id": "program",
    "parent_organization_id": "organization",
    "link_id": None,  # any table (attributes point at the row named by link_entity)
}


def _typed(value: str, declared: dict[str, object]) -> object:
    if declared.get("type") == "number":
        try:
            return float(value)
        except ValueError:
            return value  # the schema then reports the wrong type
    if declared.get("type") == "array":
        return json.loads(value) if value.startswith("[") else value
    return value


def read_package(path: Path) -> dict[str, list[dict[str, str]]]:
    """CSV files of a folder or zip, by file name."""
    if path.is_dir():
        files = {p.name: p.read_text(encoding="utf-8-sig") for p in path.glob("*.csv")}
    else:
        with zipfile.ZipFile(path) as archive:
            files = {
                Path(n).name: archive.read(n).decode("utf-8-sig")
                for n in archive.namelist()
                if n.endswith(".csv")
            }
    return {name: list(csv.DictReader(io.StringIO(text))) for name, text in files.items()}


def check_package(path: Path, schema_path: Path) -> list[str]:
    """Every violation found, as 'file row N: message' lines (empty when valid)."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))["properties"]
    files = read_package(path)
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    typed_rows: dict[str, list[dict[str, object]]] = {}
    for table, spec in schema.items():
        item = spec["items"]
        rows = files.get(item["path"])
        if rows is None:
            continue
        unknown = set(rows[0]) - set(item["properties"]) if rows else set()
        problems += [f"{item['path']}: unknown column {c}" for c in sorted(unknown)]
        typed = [
            {k: _typed(v, item["properties"].get(k, {})) for k, v in row.items() if v != ""}
            for row in rows
        ]
        validator = Draft202012Validator(item, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for number, row in enumerate(typed, start=1):
            for error in validator.iter_errors(row):
                problems.append(f"{item['path']} row {number}: {error.message}")
        ids[table] = {str(r["id"]) for r in typed if "id" in r}
        if len(ids[table]) != len([r for r in typed if "id" in r]):
            problems.append(f"{item['path']}: ids are not unique")
        typed_rows[table] = typed
    every_id = set().union(*ids.values()) if ids else set()
    for table, typed in typed_rows.items():
        for number, row in enumerate(typed, start=1):
            for column, target in LINKS.items():
                known = ids.get(target, set()) if target else every_id
                if column in row and str(row[column]) not in known:
                    problems.append(f"{table} row {number}: {column} {row[column]} names nothing")
    return problems

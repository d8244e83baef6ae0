"""Row validation: mapped text rows -> records geo.db accepts, plus a report of every problem.

Rows are numbered as the user sees them: ``row`` is the 1-based data row (header excluded),
``line`` the line a spreadsheet program shows (``row + first_line - 1``).
Rows that share an organization id (the ``organization_id`` field; our own export writes one
row per site) are one organization: the first row gives its fields, every row one site.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pandas as pd

from geo.cells import restore_cell
from geo.db.records import clean_record
from geo.db.schema import Organization
from geo.errors import ValidationError
from geo.hours import parse_opening_hours
from geo.io.classify import classify_categories, parse_languages
from geo.io.report import Issue
from geo.messages import N_, Message

_TEXT_FIELDS = ("name", "alternate_name", "description", "email", "website", "phone")
_MAX_CHARS = {
    f: length
    for f in _TEXT_FIELDS
    if (length := getattr(Organization.__table__.c[f].type, "length", None))
}
HALF_POINT = N_("is empty while the other coordinate is given; give both or neither")
NOT_A_NUMBER = N_("'{text}' is not a number; write decimal degrees such as 40.7128")
SWAPPED = N_(
    "({lat}, {lon}) is not a place on Earth; latitude and longitude look swapped, exchange "
    "the two columns"
)
OFF_EARTH = N_(
    "({lat}, {lon}) is not a place on Earth; latitude must be between -90 and 90 and "
    "longitude between -180 and 180"
)
NULL_ISLAND = N_(
    "0, 0 is in the ocean off Africa and usually means 'unknown'; leave both empty instead"
)
NO_COORDINATES = N_(
    "has no coordinates; it will be listed under 'needs location' until geocoded or placed by hand"
)
TOO_LONG = N_("is {length} characters long; at most {limit} fit")
_TRAILING_POINT = re.compile(r"\(\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*\)\s*$")


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u2212", "-")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # decimal comma, e.g. 40,7128
    return float(cleaned)


def check_coordinates(
    lat_text: str, lon_text: str
) -> tuple[float | None, float | None, list[tuple[str, str]]]:
    """Parse a latitude/longitude pair; returns (lat, lon, [(field, reason), ...])."""
    if not lat_text.strip() and not lon_text.strip():
        return None, None, []
    if not lat_text.strip() or not lon_text.strip():
        missing = "lat" if not lat_text.strip() else "lon"
        return None, None, [(missing, Message(HALF_POINT))]
    problems: list[tuple[str, str]] = []
    values: dict[str, float] = {}
    for name, text in (("lat", lat_text), ("lon", lon_text)):
        try:
            values[name] = _number(text)
        except ValueError:
            problems.append((name, Message(NOT_A_NUMBER, text=text)))
    if problems:
        return None, None, problems
    lat, lon = values["lat"], values["lon"]
    if not (-90 <= lat <= 90) or not (-180 <= lon <= 180):
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        where = Message(SWAPPED if swapped else OFF_EARTH, lat=f"{lat:g}", lon=f"{lon:g}")
        return None, None, [("lat/lon", where)]
    if lat == 0 and lon == 0:
        return None, None, [("lat/lon", Message(NULL_ISLAND))]
    return lat, lon, []


def compose_address(street: str, city: str, state: str, zip_code: str) -> str:
    """'90 25 161st Street\\nQueens, NY 11432\\n(40.71, -73.79)' + parts -> one line."""
    text = _TRAILING_POINT.sub("", street.strip())
    lines = [" ".join(part.split()) for part in re.split(r"[\r\n]+", text) if part.strip()]
    joined = ", ".join(lines)
    for part in (city, state):
        if part.strip() and part.strip().casefold() not in joined.casefold():
            joined = f"{joined}, {part.strip()}" if joined else part.strip()
    if zip_code.strip() and zip_code.strip() not in joined:
        joined = f"{joined} {zip_code.strip()}".strip()
    return joined


def _category_items(text: str) -> list[str]:
    return [
        p.strip()
        for p in re.split(r"[;\n]" if ";" in text or "\n" in text else r"[,/|]", text)
        if p.strip()
    ]


def _parts(cells: dict[str, str], record: dict[str, object]) -> list[tuple[str, str]]:
    """Sites and hours from a reader's JSON (HSDS), else from address and hours columns."""
    if cells.get("parts", "").strip():
        record.update(json.loads(cells["parts"]))
        return []
    street = compose_address(cells["address"], "", "", "")
    given = [street, cells["city"], cells["state"], cells["zip"], cells["country"]]
    if any(p.strip() for p in given) or record["lat"] is not None:
        names = ("address_1", "city", "state_province", "postal_code", "country")
        site = dict(zip(names, given, strict=True))
        record["sites"] = [{**site, "address": record["address"], **_place(record)}]
    try:
        hours = parse_opening_hours(cells["opening_hours"])
    except ValueError as err:
        return [("opening_hours", err.args[0])]  # a Message, said in the reader's language
    on_site = 0 if record.get("sites") else None
    record["hours"] = [replace(h, site=on_site) for h in hours]
    return []


def _place(record: dict[str, object]) -> dict[str, object]:
    return {"lat": record["lat"], "lon": record["lon"]}


def _raw_record(cells: dict[str, str]) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """Mapped text cells -> a record for geo.db, plus (field, reason) problems."""
    lat, lon, problems = check_coordinates(cells["lat"], cells["lon"])
    record: dict[str, object] = {f: cells[f].strip() or None for f in _TEXT_FIELDS}
    record.update(
        {
            "categories": classify_categories(_category_items(cells["category"])),
            "languages": parse_languages([cells["languages"]])
            if cells["languages"].strip()
            else (),
            "communities": [c.strip() for c in cells["communities"].split(";") if c.strip()],
            "address": compose_address(
                cells["address"], cells["city"], cells["state"], cells["zip"]
            )
            or None,
            "lat": lat,
            "lon": lon,
            **{
                f: cells[f].strip() or None
                for f in (
                    "entry_technique",
                    "collected_by",
                    "collected_on",
                    "last_verified_on",
                    "status",
                )
            },
            "source_id": (cells["source_id"].strip() or cells["organization_id"].strip()) or None,
        }
    )
    problems.extend(_parts(cells, record))
    if not record["name"]:
        problems.append(("name", Message(N_("is empty; every organization needs a name"))))
    for name, limit in _MAX_CHARS.items():
        text = record[name]
        if isinstance(text, str) and len(text) > limit:
            problems.append((name, Message(TOO_LONG, length=len(text), limit=limit)))
    return record, problems


def validate_rows(
    mapped: pd.DataFrame, *, source: str | None = None
) -> tuple[list[tuple[int, dict[str, object]]], list[Issue]]:
    """Check mapped rows (our field names, text cells, index = data row).

    Parameters
    ----------
    mapped : pandas.DataFrame
        Output of :func:`geo.io.mapping.apply_mapping` (or an HSDS organization frame).
    source : str, optional
        The feed or file the rows come from (kept as each record's ``source``).

    Returns
    -------
    (list of (int, dict), list of Issue)
        ``(row, record)`` for every acceptable row, in order, records checked by
        :func:`geo.db.records.clean_record`; and one issue per problem found (errors for
        rejected rows, notes for rows without a location).
    """
    records: list[tuple[int, dict[str, object]]] = []
    issues: list[Issue] = []
    owners: dict[int, str] = {}
    columns = list(mapped.columns)
    for row, values in zip(mapped.index, mapped.itertuples(index=False), strict=True):
        cells = {
            c: restore_cell("" if v is None else str(v))
            for c, v in zip(columns, values, strict=True)
        }
        record, problems = _raw_record(cells)
        record["source"] = source
        if not problems:
            try:
                record = clean_record(record, row=int(row))
            except ValidationError as err:
                problems = [(str(p["field"]), p["message"]) for p in err.problems]  # type: ignore[misc]
        for name, reason in problems:
            value = cells.get(name, f"{cells['lat']}, {cells['lon']}" if name == "lat/lon" else "")
            issues.append(Issue(row=int(row), field=name, message=reason, value=value[:200]))
        if not problems:
            records.append((int(row), record))
            if owner := cells.get("organization_id", "").strip():
                owners[int(row)] = owner
            if record["lat"] is None:
                issues.append(
                    Issue(
                        row=int(row),
                        field="lat/lon",
                        severity="note",
                        kind="needs_location",
                        value=str(record["address"] or ""),
                        message=Message(NO_COORDINATES),
                    )
                )
    return _merge_sites(records, owners, issues), issues


def _merge_sites(
    records: list[tuple[int, dict[str, object]]], owners: dict[int, str], issues: list[Issue]
) -> list[tuple[int, dict[str, object]]]:
    """Rows of one organization id -> its first row's record with every row's site and hours."""
    first: dict[str, tuple[int, dict[str, object]]] = {}
    kept: list[tuple[int, dict[str, object]]] = []
    for row, record in records:
        owner = owners.get(row)
        if owner is None or owner not in first:
            kept.append((row, record))
            if owner is not None:
                first[owner] = (row, record)
            continue
        main_row, main = first[owner]
        offset = len(main["sites"])  # type: ignore[arg-type]
        main["sites"] = (*main["sites"], *record["sites"])  # type: ignore[misc]
        hours = [
            h if h.site is None else replace(h, site=h.site + offset)
            for h in record["hours"]  # type: ignore[attr-defined]
        ]
        main["hours"] = (*main["hours"], *(h for h in hours if h not in main["hours"]))  # type: ignore[misc, operator]
        if offset == 0 and main["sites"]:
            site = main["sites"][0]  # type: ignore[index]
            main.update(address=site.address, lat=site.lat, lon=site.lon)
        issues.append(
            Issue(
                row=row,
                field="organization_id",
                severity="note",
                kind="site",
                value=owner,
                message=Message(
                    N_("is a site of the organization of row {row} (same id)"), row=str(main_row)
                ),
            )
        )
    return kept

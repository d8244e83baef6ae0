"""Column mapping: which source column feeds which of our fields, proposed from synonyms.

The user sees :func:`propose_mapping`'s guess next to :func:`preview` and may override it;
the mapping is a plain ``dict[our_field, source_column]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from geo.errors import ImportFormatError
from geo.io.readers import GEOMETRY_LAT, GEOMETRY_LON
from geo.messages import N_, Message, enumeration, say

# Our fields, in the order a mapping form shows them, with synonyms best first.
# Synonyms are compared after lowercasing and turning punctuation into spaces.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "organization name",
        "organisation name",
        "org name",
        "nonprofit name",
        "agency name",
        "organization",
        "organisation",
        "site name",
        "name of refugee or immigrant assistance agency",
        "agency",
        "provider",
        "program name",
    ),
    "alternate_name": ("alternate name", "alternate_name", "also known as", "aka"),
    "category": (
        "category",
        "categories",
        "service category",
        "services",
        "service",
        "program",
        "program type",
        "core program offerings",
        "type",
    ),
    "description": ("description", "about", "notes", "summary"),
    "languages": ("languages", "language", "languages spoken", "languages served"),
    "communities": ("communities", "communities served", "countries of origin"),
    "address": (
        "address",
        "street address",
        "street",
        "address 1",
        "address1",
        "address line 1",
        "location 1",
        "location",
    ),
    "city": ("city", "town", "municipality"),
    "state": ("state", "state province", "province", "region"),
    "zip": ("zip", "zipcode", "zip code", "postcode", "postal code"),
    "country": ("country", "country code"),
    "opening_hours": ("opening hours", "opening_hours", "hours", "hours of operation"),
    "lat": (GEOMETRY_LAT, "lat", "latitude", "y", "lat dd", "point y"),
    "lon": (GEOMETRY_LON, "lon", "lng", "long", "longitude", "x", "lon dd", "point x"),
    "phone": (
        "phone",
        "telephone",
        "phone number",
        "contact number",
        "tel",
        "contact information phone number",
        "org contact phone 1",
    ),
    "website": ("website", "url", "web", "web site", "homepage", "web address"),
    "email": ("email", "e mail", "email address", "contact information email", "org contact email"),
    "entry_technique": ("entry technique", "entry_technique"),
    "collected_by": ("collected by", "collected_by"),
    "collected_on": ("collected on", "collected_on"),
    "last_verified_on": ("last verified on", "last_verified_on"),
    "status": ("status",),
    # Rows sharing an organization id are one organization, each row one of its sites (as
    # our own export writes them); the id is also the source id when none is given.
    "organization_id": ("organization id", "org id"),
    # The file's own id of the row, kept so a later import of the same file finds it again.
    "source_id": (
        "source id",
        "id",
        "record id",
        "external id",
    ),
}
FIELDS: tuple[str, ...] = tuple(FIELD_SYNONYMS)
# Columns a reader fills itself (HSDS: sites, services and hours as JSON), never mapped by hand.
READER_FIELDS: tuple[str, ...] = ("parts",)


def normalize_column(column: str) -> str:
    """'Contact Number' / 'contact_number ' -> 'contact number'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(column).lower()).split())


def _best(synonyms: tuple[str, ...], columns: dict[str, str], taken: set[str]) -> str | None:
    for synonym in synonyms:
        wanted = normalize_column(synonym)
        for normalized, original in columns.items():
            if normalized == wanted and original not in taken:
                return original
    return None


def propose_mapping(columns: Iterable[str]) -> dict[str, str]:
    """Guess which source column feeds each of our fields.

    Parameters
    ----------
    columns : iterable of str
        The file's column names.

    Returns
    -------
    dict
        ``{our_field: source_column}`` for the fields a column was found for; each source
        column is used at most once.

    Examples
    --------
    >>> propose_mapping(["Agency", "Telephone", "Latitude", "Lng", "URL"])
    {'name': 'Agency', 'lat': 'Latitude', 'lon': 'Lng', 'phone': 'Telephone', 'website': 'URL'}
    """
    normalized = {normalize_column(c): c for c in reversed(list(columns))}
    normalized = dict(reversed(list(normalized.items())))
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for field, synonyms in FIELD_SYNONYMS.items():
        found = _best(synonyms, normalized, taken)
        if found is not None:
            mapping[field] = found
            taken.add(found)
    return mapping


UNKNOWN_FIELDS = N_("The mapping names unknown fields {unknown}. Use: {fields}.")
MISSING_COLUMNS = N_(
    "The mapping uses columns {missing} that '{source}' does not have. Its columns are: {found}."
)
NO_NAME_COLUMN = N_(
    "No column of '{source}' holds the organization name. Columns found: {shown}. Expected a "
    "column called name, organization, agency, org_name or nonprofit_name (or choose the name "
    "column in the mapping)."
)
HALF_MAPPED_POINT = N_(
    "The mapping for '{source}' has only one of latitude/longitude. Choose both columns, or "
    "neither (rows are then geocoded or listed as needing a location)."
)


def check_mapping(
    mapping: Mapping[str, str | None], columns: Iterable[str], source: str
) -> dict[str, str]:
    """Drop empty entries and refuse unknown fields, missing columns or no name column.

    Raises
    ------
    ImportFormatError
        Saying which columns were found and what is expected.
    """
    found = list(columns)
    chosen = {f: c for f, c in mapping.items() if c}
    unknown = sorted(set(chosen) - set(FIELDS))
    if unknown:
        raise ImportFormatError(
            Message(UNKNOWN_FIELDS, unknown=enumeration(unknown), fields=enumeration(FIELDS))
        )
    missing = sorted(c for c in chosen.values() if c not in found)
    if missing:
        raise ImportFormatError(
            Message(
                MISSING_COLUMNS,
                missing=enumeration(missing),
                source=source,
                found=enumeration(found),
            )
        )
    if "name" not in chosen:
        shown = enumeration(found, limit=30)
        raise ImportFormatError(Message(NO_NAME_COLUMN, source=source, shown=shown))
    if ("lat" in chosen) != ("lon" in chosen):
        raise ImportFormatError(Message(HALF_MAPPED_POINT, source=source))
    return chosen


def apply_mapping(frame: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """Columns renamed to our fields (missing fields as ''); same index (the data rows)."""
    out = pd.DataFrame(index=frame.index)
    for field in FIELDS:
        column = mapping.get(field)
        out[field] = frame[column].astype(str) if column else ""
    for field in READER_FIELDS:
        out[field] = frame[field].astype(str) if field in frame.columns else ""
    return out


def preview(frame: pd.DataFrame, mapping: Mapping[str, str | None], n: int = 10) -> pd.DataFrame:
    """The first ``n`` rows as they will be read: our fields as columns, cleaned values.

    Validates those rows itself; a caller that already holds the whole file's issues (an
    :class:`~geo.io.importer.ImportPlan`) uses :func:`preview_rows` and validates nothing twice.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``SourceTable.frame`` (text cells, indexed by data row).
    mapping : Mapping
        ``{our_field: source_column}``, e.g. from :func:`propose_mapping`, maybe edited.
    n : int, optional
        Number of rows (default 10).

    Returns
    -------
    pandas.DataFrame
        Mapped fields only, one row per source row, plus ``problems`` (the reasons a row
        would be rejected, '' when none).

    Raises
    ------
    ImportFormatError
        If the mapping has no name column or names columns the frame lacks.
    """
    from geo.io.validation import validate_rows

    chosen = check_mapping(mapping, frame.columns, "the file")
    _records, issues = validate_rows(apply_mapping(frame.head(n), chosen), source="the file")
    return preview_rows(frame, chosen, issues, n)


def preview_rows(
    frame: pd.DataFrame,
    chosen: Mapping[str, str],
    issues: Iterable[Any],
    n: int = 10,
    *,
    language: str = "en",
) -> pd.DataFrame:
    """The first ``n`` mapped rows with the errors already found for them (no validation).

    ``chosen`` is a checked mapping (:func:`check_mapping`); ``issues`` have ``row``,
    ``field``, ``message`` and ``severity`` (:class:`geo.io.report.Issue`); the messages
    are said in ``language``.
    """
    head = apply_mapping(frame.head(n), chosen)
    shown = pd.DataFrame(index=head.index)
    for field in [f for f in FIELDS if f in chosen or f == "name"]:
        shown[field] = head[field]
    errors: dict[int, list[str]] = {}
    for issue in issues:
        if issue.severity == "error" and issue.row is not None:
            message = say(issue.message, language)
            errors.setdefault(issue.row, []).append(f"{issue.field}: {message}")
    shown["problems"] = ["; ".join(errors.get(int(r), [])) for r in shown.index]
    return shown

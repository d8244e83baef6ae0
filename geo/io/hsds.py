"""Open Referral HSDS datapackages (1.x and 3.0) -> one row per organization in our fields.

Locations are linked to organizations through services_at_location -> services (the Miami
1.x export writes site ids into ``locations.organization_id``), and directly through
``locations.organization_id`` where it names a real organization (3.0).
Contacts (people, with title, phone and email) are kept as the organization's staff-only
contacts: the public view and every export leave them out. Rows of a table that name no
organization, service or location of the file are counted and reported as a note.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pandas as pd

from geo.errors import ImportFormatError
from geo.io.classify import parse_languages
from geo.io.hsds_contacts import read_contacts
from geo.io.hsds_parts import Parts, read_parts, service_owners
from geo.io.readers import SourceTable, read_csv_text
from geo.io.sniff import DEFAULT_LIMITS, Limits, decode_text, open_zip
from geo.messages import N_, file_size

TABLE_NAMES: dict[str, tuple[str, ...]] = {
    "organizations": ("organizations", "organization"),
    "services": ("services", "service"),
    "locations": ("locations", "location"),
    "service_at_location": ("service_at_location", "services_at_location"),
    "languages": ("languages", "language"),
    "phones": ("phones", "phone"),
    "addresses": ("addresses", "address", "physical_addresses", "physical_address"),
    "taxonomy": ("taxonomy_terms", "taxonomy_term", "taxonomy"),
    "service_taxonomy": ("services_taxonomy", "service_taxonomy", "attributes", "attribute"),
    "schedules": ("schedules", "schedule", "regular_schedules", "regular_schedule"),
    "eligibility": ("eligibility",),
    "contacts": ("contacts", "contact"),
    "accessibility": ("accessibility", "accessibility_for_disabilities"),
}
HSDS_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "phone",
    "category",
    "languages",
    "address",
    "lat",
    "lon",
    "source_id",
    "parts",
)


def _loader(path: Path, limits: Limits) -> tuple[Callable[[str], tuple[str, bytes] | None], str]:
    """A function returning (name, bytes) of a table file by base name, and a label."""
    if path.is_dir():
        files = {
            p.name.lower(): p
            for folder in (path, path / "data")
            if folder.is_dir()
            for p in folder.iterdir()
            if p.is_file()
        }
        files.update(_from_datapackage(path))

        def read_dir(stem: str) -> tuple[str, bytes] | None:
            found = files.get(f"{stem}.csv")
            return (found.name, found.read_bytes()) if found else None

        return read_dir, path.name
    archive = open_zip(path, limits)
    members = {PurePosixPath(n).name.lower(): n for n in archive.namelist() if not n.endswith("/")}

    def read_zip(stem: str) -> tuple[str, bytes] | None:
        member = members.get(f"{stem}.csv")
        return (member, _read_member(archive, member, limits)) if member else None

    return read_zip, path.name


def _read_member(archive: zipfile.ZipFile, member: str, limits: Limits) -> bytes:
    with archive.open(member) as handle:
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise ImportFormatError.said(
            N_("'{member}' inside the zip is larger than the limit of {limit}."),
            member=member,
            limit=file_size(limits.max_file_bytes),
        )
    return data


def _from_datapackage(folder: Path) -> dict[str, Path]:
    """Table files named by datapackage.json resource paths (kept inside the folder)."""
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return {}
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8-sig")).get("resources", [])
    except (json.JSONDecodeError, AttributeError):
        return {}
    found = {}
    for resource in resources:
        rel = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(rel, str) and ".." not in PurePosixPath(rel).parts:
            target = folder / rel
            if target.is_file():
                found[target.name.lower()] = target
    return found


def _read_table(key: str, name: str, data: bytes, limits: Limits) -> pd.DataFrame:
    """One table; an empty or header-only table is fine except organizations."""
    text = decode_text(data, name)[0]
    try:
        return read_csv_text(text, name, limits)
    except ImportFormatError:
        if key == "organizations" or text.strip().count("\n") > 0:
            raise
        return pd.DataFrame()


def _tables(path: Path, limits: Limits) -> tuple[dict[str, pd.DataFrame], str]:
    load, label = _loader(path, limits)
    tables: dict[str, pd.DataFrame] = {}
    for key, stems in TABLE_NAMES.items():
        for stem in stems:
            loaded = load(stem)
            if loaded is not None:
                tables[key] = _read_table(key, *loaded, limits)
                break
    if "organizations" not in tables:
        raise ImportFormatError.said(
            N_(
                "The datapackage '{name}' has no organizations.csv (or organization.csv). HSDS "
                "needs that table to import organizations."
            ),
            name=label,
        )
    return tables, label


def _column(frame: pd.DataFrame | None, *names: str) -> pd.Series:
    if frame is None or frame.empty:
        return pd.Series(dtype=object)
    for name in names:
        if name in frame.columns:
            return frame[name].astype(str).str.strip()
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


def _group(keys: pd.Series, values: pd.Series) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in zip(keys, values, strict=True):
        if key and value:
            grouped.setdefault(key, []).append(value)
    return grouped


def _phones(
    t: dict[str, pd.DataFrame], service_org: dict[str, str], location_org: dict[str, str]
) -> dict[str, str]:
    frame = t.get("phones")
    numbers = [
        f"{n.strip(chr(34))} x{e}" if e else n.strip(chr(34))
        for n, e in zip(_column(frame, "number"), _column(frame, "extension"), strict=True)
    ]
    result: dict[str, str] = {}
    links = zip(
        _column(frame, "organization_id"),
        _column(frame, "service_id"),
        _column(frame, "location_id"),
        numbers,
        strict=True,
    )
    for org, service, location, number in links:
        owner = org or service_org.get(service) or location_org.get(location)
        if owner and number:
            result.setdefault(owner, number)
    return result


def _org_languages(services: list[dict[str, object]], at_sites: list[str]) -> str:
    names = [str(n) for s in services for n in s["languages"]] + at_sites  # type: ignore[attr-defined]
    langs = parse_languages(list(dict.fromkeys(names)))
    return ";".join(f"{x.code}:{x.note}" if x.note else x.code for x in langs)


def _organization_row(
    org: str, parts: Parts, phone: str, contacts: list[dict[str, str]]
) -> dict[str, str]:
    """One organization in our fields; its sites, services, hours and contacts as JSON."""
    sites, services = parts.sites.get(org, []), parts.services.get(org, [])
    main = sites[0] if sites else {}
    categories = [c for s in services for c in s["categories"]]  # type: ignore[attr-defined]
    return {
        "source_id": org,
        "phone": phone,
        "address": "",
        "lat": str(main.get("lat", "")),
        "lon": str(main.get("lon", "")),
        "category": ";".join(dict.fromkeys(categories)),
        "languages": _org_languages(services, parts.site_languages.get(org, [])),
        "parts": json.dumps(
            {
                "sites": sites,
                "services": services,
                "hours": parts.hours.get(org, []),
                "contacts": contacts,
            },
            ensure_ascii=False,
        ),
    }


def organization_frame(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per organization (index = data row of organizations.csv), columns HSDS_FIELDS.

    ``parts`` holds the organization's sites, services and hours as JSON (see
    :mod:`geo.io.hsds_parts`); the other columns are its own fields in our names.
    """
    orgs = t["organizations"]
    organization_ids = list(_column(orgs, "id"))
    parts = read_parts(t, organization_ids)
    service_org = service_owners(t, set(organization_ids))
    location_org = {
        str(site["source_id"]): org for org, sites in parts.sites.items() for site in sites
    }
    phones = _phones(t, service_org, location_org)
    contacts = read_contacts(t, set(organization_ids), service_org, location_org, parts.unlinked)
    rows = [
        _organization_row(org, parts, phones.get(org, ""), contacts.get(org, []))
        for org in organization_ids
    ]
    frame = pd.DataFrame(rows, index=orgs.index)
    for name, names in (
        ("name", ("name",)),
        ("alternate_name", ("alternate_name",)),
        ("description", ("description",)),
        ("email", ("email",)),
        ("website", ("website", "url")),
    ):
        frame[name] = _column(orgs, *names).str.replace("\\n", "\n", regex=False)
    frame.attrs["unlinked"] = parts.unlinked
    return frame[list(HSDS_FIELDS)]


def read_hsds(path: Path, limits: Limits = DEFAULT_LIMITS) -> SourceTable:
    """Read an HSDS 1.x or 3.0 datapackage (folder or zip) as one row per organization.

    Parameters
    ----------
    path : pathlib.Path
        Folder (with the CSVs at its top or in ``data/``) or zip archive.
    limits : Limits, optional
        Size, row and zip limits.

    Returns
    -------
    SourceTable
        Already in our field names (``mapped=True``); rows numbered as in organizations.csv.

    Raises
    ------
    ImportFormatError
        When organizations.csv is missing, a table cannot be read, or the zip is unsafe.
    """
    tables, label = _tables(path, limits)
    frame = organization_frame(tables)
    notes = [
        f"{count:,} rows of the {table} table name no organization, service or location of "
        "this datapackage (or are empty); they were left out."
        for table, count in sorted(frame.attrs["unlinked"].items())
        if count
    ]
    return SourceTable(
        name=label,
        format="hsds",
        frame=frame,
        row_label="organization row",
        mapped=True,
        notes=tuple(notes),
        extra={"tables": sorted(tables)},
    )

"""Contact persons of an HSDS datapackage (1.x and 3.0), kept staff-only.

A contact belongs to the organization it names, else to the owner of its service (or service at
a location, or location); the rest are counted, never silently dropped.
"""

from __future__ import annotations

import pandas as pd

from geo.io.hsds_parts import cell, table_rows


def _contact_phones(t: dict[str, pd.DataFrame]) -> dict[str, str]:
    """contact id -> first phone number (3.0 puts them in phones.csv with a contact_id)."""
    found: dict[str, str] = {}
    for row in table_rows(t.get("phones")):
        if cell(row, "contact_id") and cell(row, "number"):
            found.setdefault(cell(row, "contact_id"), cell(row, "number"))
    return found


def read_contacts(
    t: dict[str, pd.DataFrame],
    org_ids: set[str],
    service_org: dict[str, str],
    location_org: dict[str, str],
    unlinked: dict[str, int],
) -> dict[str, list[dict[str, str]]]:
    """organization id -> its contacts (name, role, phone, email), each person once.

    A contact belongs to the organization it names, else to the owner of its service (or
    of its service at a location, or of its location); others are counted in ``unlinked``.
    """
    phones = _contact_phones(t)
    found: dict[str, list[dict[str, str]]] = {}
    link_service = {
        cell(r, "id"): cell(r, "service_id") for r in table_rows(t.get("service_at_location"))
    }
    for row in table_rows(t.get("contacts")):
        org = cell(row, "organization_id")
        service = cell(row, "service_id") or link_service.get(cell(row, "service_at_location_id"))
        owner = (
            (org if org in org_ids else "")
            or service_org.get(service or "")
            or location_org.get(cell(row, "location_id"))
        )
        area, number = cell(row, "phone_areacode"), cell(row, "phone_number")
        extension = cell(row, "phone_extension")
        phone = " ".join(p for p in (area, number) if p) + (f" x{extension}" if extension else "")
        person = {
            "name": cell(row, "name"),
            "role": " - ".join(p for p in (cell(row, "title"), cell(row, "department")) if p),
            "phone": phone or phones.get(cell(row, "id"), ""),
            "email": cell(row, "email"),
        }
        if not owner or not any(person.values()):
            unlinked["contacts"] = unlinked.get("contacts", 0) + 1
            continue
        people = found.setdefault(owner, [])
        if person not in people:
            people.append(person)
    return found

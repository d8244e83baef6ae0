"""HSDS tables -> each organization's sites, services and opening hours (1.x and 3.0 names).

Links follow the standard: services name their organization; service_at_location ties a
service to a site; schedules name a service, a site or a service at a site. Two habits of real
feeds are handled: the Miami 1.x export writes site ids into ``locations.organization_id``
(sites are then found through their services) and names a *service* as the organization of a
resource centre's programs (the programs then belong to that service's organization).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo.db.record_parts import parse_time
from geo.io.classify import classify_categories
from geo.io.hsds_rows import OUR_TAXONOMY

Column = Callable[..., pd.Series]
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(kw_only=True)
class Parts:
    """Per organization id: its sites, services and hours as plain dicts; and what was left."""

    sites: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    services: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    hours: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)  # table -> rows not tied to a record
    site_languages: dict[str, list[str]] = field(default_factory=dict)  # org -> cells


def table_rows(frame: pd.DataFrame | None) -> list[dict[str, str]]:
    if frame is None or frame.empty:
        return []
    columns = [str(c) for c in frame.columns]
    text = frame.fillna("").astype(str).to_numpy(dtype=object)
    return [dict(zip(columns, values, strict=True)) for values in text]


def cell(row: dict[str, str], *names: str) -> str:
    for name in names:
        value = row.get(name, "").strip()
        if value:
            return value.replace("\\n", "\n")
    return ""


def service_owners(t: dict[str, pd.DataFrame], org_ids: set[str]) -> dict[str, str]:
    """service id -> organization id, following a service named as an organization."""
    named = {cell(r, "id"): cell(r, "organization_id") for r in table_rows(t.get("services"))}
    owners: dict[str, str] = {}
    for service, org in named.items():
        seen = {service}
        while org and org not in org_ids and org in named and org not in seen:
            seen.add(org)
            org = named[org]
        if org in org_ids:
            owners[service] = org
    return owners


def _address_by_location(t: dict[str, pd.DataFrame]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row in table_rows(t.get("addresses")):
        kind = cell(row, "address_type")
        location = cell(row, "location_id")
        if location and (location not in found or kind == "physical"):
            found[location] = row
    return found


def _text_by(frame: pd.DataFrame | None, key: str, *names: str) -> dict[str, str]:
    joined: dict[str, list[str]] = {}
    for row in table_rows(frame):
        text = " - ".join(v for n in names if (v := cell(row, n)))
        if cell(row, key) and text:
            joined.setdefault(cell(row, key), []).append(text)
    return {k: "; ".join(dict.fromkeys(v)) for k, v in joined.items()}


def _site(row: dict[str, str], address: dict[str, str], accessibility: str) -> dict[str, object]:
    return {
        "name": cell(row, "name"),
        "description": cell(row, "description"),
        "transportation": cell(row, "transportation"),
        "lat": cell(row, "latitude"),
        "lon": cell(row, "longitude"),
        "address_1": cell(address, "address_1"),
        "address_2": cell(address, "address_2"),
        "city": cell(address, "city"),
        "state_province": cell(address, "state_province"),
        "postal_code": cell(address, "postal_code"),
        "country": cell(address, "country"),
        "accessibility": accessibility,
        "source_id": cell(row, "id"),
    }


def _terms(t: dict[str, pd.DataFrame]) -> dict[str, list[dict[str, str]]]:
    """service id -> its taxonomy terms (1.x services_taxonomy, 3.0 attributes)."""
    known = {cell(r, "id"): r for r in table_rows(t.get("taxonomy"))}
    found: dict[str, list[dict[str, str]]] = {}
    for link in table_rows(t.get("service_taxonomy")):
        owner = cell(link, "service_id", "link_id")
        term_id = cell(link, "taxonomy_id", "taxonomy_term_id")
        term = known.get(term_id, {})
        if owner and term_id:
            found.setdefault(owner, []).append(
                {
                    "code": cell(term, "code") or term_id,
                    "name": cell(term, "name"),
                    "vocabulary": cell(term, "vocabulary", "taxonomy"),
                }
            )
    return found


def _language_cell(row: dict[str, str]) -> str:
    """'code:note' (3.0 rows with a code), else the name as written."""
    code, note = cell(row, "code"), cell(row, "note")
    name = cell(row, "name", "language")
    return f"{code}:{note}" if code and note else code or (f"{name} ({note})" if note else name)


def _languages(t: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """service id -> language cells: 'code:note' (3.0 rows with a code), else the name."""
    found: dict[str, list[str]] = {}
    for row in table_rows(t.get("languages")):
        language = _language_cell(row)
        if cell(row, "service_id") and language:
            found.setdefault(cell(row, "service_id"), []).append(language)
    return found


def _weekdays(row: dict[str, str]) -> list[str]:
    """1.x ``weekday`` (a name or number) or 3.0 ``byday`` ('MO,TU')."""
    if cell(row, "weekday"):
        return [cell(row, "weekday")]
    days = [d.strip()[-2:].upper() for d in cell(row, "byday").split(",") if d.strip()]
    return [str(_WEEKDAY_CODES.index(d) + 1) for d in days if d in _WEEKDAY_CODES]


def _times(row: dict[str, str]) -> tuple[str, str, str]:
    """(opens, closes, words): times a person must read ('8:00m') stay in the words."""
    opens, closes = cell(row, "opens_at"), cell(row, "closes_at")
    words = cell(row, "original_text", "description")
    try:
        readable = bool(opens and closes and parse_time(opens) and parse_time(closes))
    except ValueError:
        readable = False
    if readable or not (opens or closes):
        return opens, closes, words
    as_written = f"opens {opens or '?'}, closes {closes or '?'} (as written)"
    return "", "", f"{words} - {as_written}" if words else as_written


def read_parts(t: dict[str, pd.DataFrame], org_ids: list[str]) -> Parts:
    """Sites, services and hours of every organization in ``org_ids`` (file order kept)."""
    parts = Parts(**{k: {o: [] for o in org_ids} for k in ("sites", "services", "hours")})  # type: ignore[arg-type]
    owners = service_owners(t, set(org_ids))
    site_pos: dict[str, tuple[str, int]] = {}  # location id -> (org, position)
    locations = {cell(r, "id"): r for r in table_rows(t.get("locations"))}
    links = table_rows(t.get("service_at_location"))
    location_owner = {
        cell(r, "location_id"): owners[cell(r, "service_id")]
        for r in links
        if cell(r, "service_id") in owners
    }
    for loc_id, row in locations.items():
        org = cell(row, "organization_id")
        location_owner.setdefault(loc_id, org if org in parts.sites else "")
    addresses = _address_by_location(t)
    access = _text_by(t.get("accessibility"), "location_id", "accessibility", "description")
    # Sites with coordinates first: the main site (position 0) is the organization's pin.
    placed = sorted(locations, key=lambda i: not (locations[i].get("latitude", "").strip()))
    for loc_id in placed:
        row, org = locations[loc_id], location_owner.get(loc_id, "")
        if not org:
            parts.unlinked["locations"] = parts.unlinked.get("locations", 0) + 1
            continue
        site_pos[loc_id] = (org, len(parts.sites[org]))
        parts.sites[org].append(_site(row, addresses.get(loc_id, {}), access.get(loc_id, "")))
    _add_services(t, parts, owners, site_pos, links)
    for row in table_rows(t.get("languages")):
        site = site_pos.get(cell(row, "location_id"))
        if site and not cell(row, "service_id"):
            parts.site_languages.setdefault(site[0], []).append(_language_cell(row))
    _add_hours(t, parts, site_pos, links)
    return parts


def _add_services(
    t: dict[str, pd.DataFrame],
    parts: Parts,
    owners: dict[str, str],
    site_pos: dict[str, tuple[str, int]],
    links: list[dict[str, str]],
) -> None:
    terms, languages = _terms(t), _languages(t)
    eligibility = _text_by(t.get("eligibility"), "service_id", "eligibility")
    stray = sum(cell(r, "service_id") not in owners for r in table_rows(t.get("eligibility")))
    if stray:
        parts.unlinked["eligibility"] = stray
    at: dict[str, list[int]] = {}
    for link in links:
        if cell(link, "location_id") in site_pos:
            at.setdefault(cell(link, "service_id"), []).append(
                site_pos[cell(link, "location_id")][1]
            )
    for row in table_rows(t.get("services")):
        sid, org = cell(row, "id"), owners.get(cell(row, "id"), "")
        if not org:
            parts.unlinked["services"] = parts.unlinked.get("services", 0) + 1
            continue
        # Our own categories come back as terms of our taxonomy: they are categories again.
        ours = [x for x in terms.get(sid, []) if x["vocabulary"] == OUR_TAXONOMY]
        own_terms = [x for x in terms.get(sid, []) if x["vocabulary"] != OUR_TAXONOMY]
        names = [cell(row, "name"), *(str(x["name"]) for x in own_terms)]
        parts.services[org].append(
            {
                "name": cell(row, "name") or "(unnamed service)",
                "alternate_name": cell(row, "alternate_name"),
                "description": cell(row, "description"),
                "url": cell(row, "url"),
                "email": cell(row, "email"),
                "status": cell(row, "status") or "active",
                "eligibility": eligibility.get(sid) or cell(row, "eligibility_description"),
                "languages": languages.get(sid, []),
                "categories": [str(x["code"]) for x in ours] or classify_categories(names),
                "terms": own_terms,
                "sites": at.get(sid, []),
                "source_id": sid,
            }
        )


def _add_hours(
    t: dict[str, pd.DataFrame],
    parts: Parts,
    site_pos: dict[str, tuple[str, int]],
    links: list[dict[str, str]],
) -> None:
    service_pos = {
        s["source_id"]: (org, i)
        for org, services in parts.services.items()
        for i, s in enumerate(services)
    }
    link_of = {cell(r, "id"): r for r in links}
    for row in table_rows(t.get("schedules")):
        link = link_of.get(cell(row, "service_at_location_id"), {})
        service = service_pos.get(cell(row, "service_id") or cell(link, "service_id"))
        site = site_pos.get(cell(row, "location_id") or cell(link, "location_id"))
        org = (service or site or ("", 0))[0]
        days = _weekdays(row)
        if not org or not days:
            parts.unlinked["schedules"] = parts.unlinked.get("schedules", 0) + 1
            continue
        opens, closes, words = _times(row)
        for day in days:
            parts.hours[org].append(
                {
                    "weekday": day,
                    "opens_at": opens,
                    "closes_at": closes,
                    "description": words,
                    "service": service[1] if service else None,
                    "site": site[1] if site and site[0] == org else None,
                }
            )

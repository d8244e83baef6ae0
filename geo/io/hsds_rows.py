"""One organization record -> its rows in the HSDS 3.0 tables, with UUIDs that never change.

Every id is a uuid5 of the record's own id and the part's position, so exporting twice gives
the same ids and links. A value the standard would refuse (an address without a city, a web
address that is not a URL) is left out and reported, never written broken.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from geo import vocab
from geo.db.models import Asset, OfferedService, Site, TaxonomyTerm

# Fixed namespace of this project's HSDS ids (any constant works; it must never change).
NAMESPACE = uuid.UUID("1b0f7a52-59d4-5b5e-9a1e-57656c636f6d")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
STATUSES = ("active", "inactive", "defunct", "temporarily closed")
OUR_TAXONOMY = "Welcome Atlas service categories"
REQUIRED_ADDRESS = ("address_1", "city", "state_province", "postal_code", "country")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CODE = re.compile(r"^[a-z]{2,3}$")


def hsds_id(*parts: object) -> str:
    """A stable UUID for one row: uuid5 of its kind and the record's own ids."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


@dataclass(kw_only=True)
class HsdsTables:
    """Rows per HSDS table, the taxonomy terms used, and what was left out or filled in."""

    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    terms: dict[str, dict[str, object]] = field(default_factory=dict)
    problems: list[dict[str, str]] = field(default_factory=list)

    def add(self, table: str, row: dict[str, object]) -> None:
        """Append a row (empty values dropped)."""
        self.rows.setdefault(table, []).append(
            {k: v for k, v in row.items() if v not in (None, "")}
        )

    def report(self, asset: Asset, where: str, message: str) -> None:
        """Note one thing left out or filled in, naming the organization."""
        self.problems.append(
            {"organization_id": asset.id, "name": asset.name, "where": where, "message": message}
        )


def web_address(value: str | None) -> str | None:
    """'www.example.org' -> 'http://www.example.org'; None when it cannot be a URL."""
    text = (value or "").strip()
    if not text:
        return None
    if "://" not in text:
        text = f"http://{text}"
    from rfc3986_validator import validate_rfc3986  # type: ignore[import-untyped]

    parts = urlsplit(text)
    if "." not in parts.netloc or not validate_rfc3986(text, rule="URI"):
        return None
    return text


def _checked(
    tables: HsdsTables, asset: Asset, where: str, kind: str, value: str | None
) -> str | None:
    if not value:
        return None
    good = web_address(value) if kind == "url" else (value if _EMAIL.match(value) else None)
    if good is None:
        tables.report(asset, where, f"{kind} '{value}' is not valid and was left out")
    return good


def _term_id(tables: HsdsTables, term: TaxonomyTerm) -> str:
    taxonomy = term.vocabulary or "Source taxonomy"
    term_id = hsds_id("term", taxonomy, term.code)
    tables.terms.setdefault(
        term_id,
        {
            "id": term_id,
            "code": term.code,
            "name": term.name or term.code,
            # HSDS requires a description; the term's name is the best one a feed gives.
            "description": term.name or term.code,
            "taxonomy": taxonomy,
            "taxonomy_id": hsds_id("taxonomy", taxonomy),
        },
    )
    return term_id


def _services_of(asset: Asset) -> tuple[OfferedService, ...]:
    """The record's services, plus one per project category no service carries.

    HSDS hangs categories on services, so a category of the organization alone (typed in
    the form) travels as a service named by its label; the importer maps it back exactly.
    """
    covered = {c for s in asset.services for c in s.categories}
    everywhere = tuple(range(len(asset.sites)))
    codes = () if asset.services else tuple(str(x) for x in asset.languages)
    return asset.services + tuple(
        OfferedService(
            name=vocab.SERVICE_CATEGORIES.get(key, key),
            categories=(key,),
            sites=everywhere,
            languages=codes if i == 0 else (),
        )
        for i, key in enumerate(k for k in asset.categories if k not in covered)
    )


def _language_row(cell: str) -> dict[str, object]:
    code, _, note = cell.partition(":")
    if _CODE.match(code.strip()):
        name = vocab.LANGUAGES.get(code.strip(), "")
        return {"code": code.strip(), "name": name, "note": note.strip()}
    return {"name": cell}


def _organization_languages(tables: HsdsTables, asset: Asset, service_ids: list[str]) -> None:
    """The organization's languages its services do not carry as they are (with the note):
    HSDS ties languages to a location or service, so at the main site, else the first service.
    """
    carried = {str(cell) for s in _services_of(asset) for cell in s.languages}
    if asset.sites:
        link: dict[str, object] = {"location_id": hsds_id("location", asset.id, 0)}
    elif service_ids:
        link = {"service_id": service_ids[0]}
    else:
        return
    for i, language in enumerate(x for x in asset.languages if str(x) not in carried):
        row = {"id": hsds_id("language", asset.id, "organization", i), **link}
        tables.add("languages", {**row, **_language_row(str(language))})


def _site_rows(tables: HsdsTables, asset: Asset, oid: str, country: str) -> None:
    for pos, site in enumerate(asset.sites):
        lid = hsds_id("location", asset.id, pos)
        tables.add(
            "locations",
            {
                "id": lid,
                "location_type": "physical",
                "organization_id": oid,
                "name": site.name or asset.name,
                "description": site.description,
                "transportation": site.transportation,
                "latitude": site.lat,
                "longitude": site.lon,
                "external_identifier": site.source_id,
                "external_identifier_type": "source id" if site.source_id else None,
            },
        )
        _address_row(tables, asset, site, pos, lid, country)
        if site.accessibility:
            row = {"id": hsds_id("accessibility", asset.id, pos), "location_id": lid}
            tables.add("accessibility", {**row, "description": site.accessibility})


def _address_row(
    tables: HsdsTables, asset: Asset, site: Site, pos: int, lid: str, country: str
) -> None:
    values = {f: getattr(site, f) for f in REQUIRED_ADDRESS} | {"address_2": site.address_2}
    values["country"] = values["country"] or country
    if not any(values[f] for f in REQUIRED_ADDRESS[:4]):
        return
    missing = [f for f in REQUIRED_ADDRESS if not values[f]]
    if missing:
        tables.report(
            asset,
            f"site {pos + 1}",
            f"address '{site.address}' lacks {', '.join(missing)}, which HSDS requires; "
            "it was left out of addresses.csv (the site is exported)",
        )
        return
    row = {"id": hsds_id("address", asset.id, pos), "location_id": lid, **values}
    tables.add("addresses", {**row, "address_type": "physical"})


def _service_rows(tables: HsdsTables, asset: Asset, oid: str) -> list[str]:
    ids = []
    for pos, service in enumerate(_services_of(asset)):
        sid = hsds_id("service", asset.id, pos)
        ids.append(sid)
        status = service.status if service.status in STATUSES else "active"
        if status != service.status:
            tables.report(asset, f"service {pos + 1}", f"status '{service.status}' -> active")
        tables.add(
            "services",
            {
                "id": sid,
                "organization_id": oid,
                "name": service.name,
                "alternate_name": service.alternate_name,
                "description": service.description,
                "url": _checked(tables, asset, f"service {pos + 1}", "url", service.url),
                "email": _checked(tables, asset, f"service {pos + 1}", "email", service.email),
                "status": status,
                "eligibility_description": service.eligibility,
            },
        )
        _service_links(tables, asset, service, pos, sid)
    return ids


def _service_links(
    tables: HsdsTables, asset: Asset, service: OfferedService, pos: int, sid: str
) -> None:
    """A service's sites (service_at_location), languages and taxonomy terms (attributes)."""
    for site in service.sites:
        if 0 <= site < len(asset.sites):
            lid = hsds_id("location", asset.id, site)
            row = {"id": hsds_id("service_at_location", asset.id, pos, site)}
            tables.add("service_at_location", {**row, "service_id": sid, "location_id": lid})
    for i, cell in enumerate(service.languages):
        row = {"id": hsds_id("language", asset.id, pos, i), "service_id": sid}
        tables.add("languages", {**row, **_language_row(cell)})
    ours = [
        TaxonomyTerm(code=k, name=vocab.SERVICE_CATEGORIES.get(k, k), vocabulary=OUR_TAXONOMY)
        for k in service.categories
    ]
    for i, term in enumerate((*service.terms, *ours)):
        tables.add(
            "attributes",
            {
                "id": hsds_id("attribute", asset.id, pos, i),
                "link_id": sid,
                "taxonomy_term_id": _term_id(tables, term),
                "link_type": "taxonomy_term",
                "link_entity": "service",
            },
        )


def _schedule_rows(tables: HsdsTables, asset: Asset, service_ids: list[str]) -> None:
    for i, hours in enumerate(asset.hours):
        row: dict[str, object] = {"id": hsds_id("schedule", asset.id, i), "freq": "WEEKLY"}
        if hours.service is not None and 0 <= hours.service < len(service_ids):
            row["service_id"] = service_ids[hours.service]
        if hours.site is not None and 0 <= hours.site < len(asset.sites):
            row["location_id"] = hsds_id("location", asset.id, hours.site)
        if "service_id" not in row and "location_id" not in row:
            tables.report(asset, f"hours {i + 1}", "names no site or service; left out")
            continue
        opens, closes = hours.opens_at, hours.closes_at
        tables.add(
            "schedules",
            {
                **row,
                "byday": BYDAY[hours.weekday - 1],
                "opens_at": opens.strftime("%H:%M") if opens else None,
                "closes_at": closes.strftime("%H:%M") if closes else None,
                "description": hours.description,
            },
        )


def add_organization(tables: HsdsTables, asset: Asset, *, country: str) -> None:
    """Append every HSDS row of one organization (its sites, services, hours, phone)."""
    oid = hsds_id("organization", asset.id)
    description = asset.description
    if not description:
        found = next((s.description for s in asset.services if s.description), None)
        description = found or asset.name
        tables.report(asset, "organization", "had no description (HSDS requires one); filled in")
    tables.add(
        "organizations",
        {
            "id": oid,
            "name": asset.name,
            "alternate_name": asset.alternate_name,
            "description": description,
            "email": _checked(tables, asset, "organization", "email", asset.email),
            "website": _checked(tables, asset, "organization", "url", asset.website),
        },
    )
    _site_rows(tables, asset, oid, country)
    service_ids = _service_rows(tables, asset, oid)
    _schedule_rows(tables, asset, service_ids)
    _organization_languages(tables, asset, service_ids)
    if asset.phone:
        row = {"id": hsds_id("phone", asset.id), "organization_id": oid, "type": "voice"}
        tables.add("phones", {**row, "number": asset.phone})

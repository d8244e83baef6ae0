"""One record, declared once: every surface is checked against :mod:`geo.db.models`.

:class:`~geo.db.models.Asset` (with :class:`Site`, :class:`OfferedService`,
:class:`OpeningHours`, :class:`ContactPerson`, :class:`LanguageServed`,
:class:`TaxonomyTerm`) is the organization record. The database columns, the validation,
the form, the import mapping, the table export and the HSDS 3.0 mapping are checked here
against its fields: a field added to the model but not to one of them (or not listed
below as deliberately left out, with the reason) fails a test, and so does a field a
surface has that the model lacks.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from geo.db import add_asset, get_asset
from geo.db import forms as af
from geo.db.models import (
    Asset,
    ContactPerson,
    LanguageServed,
    OfferedService,
    OpeningHours,
    Site,
    TaxonomyTerm,
)
from geo.db.records import EDITABLE_FIELDS, PART_FIELDS, SOURCE_FIELDS
from geo.db.schema import Contact, Language, Location, Organization, Schedule, Service, ServiceTerm
from geo.io.exporters import EXPORT_COLUMNS, export_frame
from geo.io.hsds_rows import HsdsTables, add_organization
from geo.io.mapping import FIELDS as MAPPED_FIELDS

# Stamped by the unit of work, never given by a person or a file.
SYSTEM = {"created_at", "updated_at", "updated_by", "version"}
# The main site's place, kept flat on the record (see models.Asset): stored as sites[0].
MAIN_SITE = {"address", "lat", "lon"}

SITE = {
    "name": "Site-Nord",
    "address": "12 Rue Nord, Montréal, QC H2X 3K8",
    "address_1": "12 Rue Nord",
    "address_2": "Suite 4",
    "city": "Montréal",
    "state_province": "QC",
    "postal_code": "H2X 3K8",
    "country": "CA",
    "lat": 45.51,
    "lon": -73.56,
    "description": "site-description-7q",
    "accessibility": "step-free-7q",
    "transportation": "bus-55-7q",
    "source_id": "site-src-7q",
}
SERVICE = {
    "name": "Service-Legal-7q",
    "alternate_name": "service-alt-7q",
    "description": "service-description-7q",
    "url": "https://service.example.org/7q",
    "email": "service7q@example.org",
    "status": "active",
    "eligibility": "eligibility-7q",
    "languages": ("es",),
    "categories": ("legal",),
    "terms": ({"code": "FT-7q", "name": "term-name-7q", "vocabulary": "vocab-7q"},),
    "sites": (0,),
    "source_id": "service-src-7q",
}
HOURS = {
    "weekday": 2,
    "opens_at": "09:15",
    "closes_at": "16:45",
    "site": 0,
    "service": 0,
    "description": "hours-words-7q",
}
CONTACT = {"name": "Contact-7q", "role": "role-7q", "phone": "555-0177", "email": "c7q@example.org"}
LANGUAGE = {"code": "ar", "note": "note-7q"}
TERM = SERVICE["terms"][0]
RECORD: dict[str, object] = {
    "id": "org-7q",
    "name": "Organization-7q",
    "alternate_name": "org-alt-7q",
    "description": "org-description-7q",
    "email": "org7q@example.org",
    "website": "https://org.example.org/7q",
    "phone": "555-0170",
    "status": "active",
    "source": "feed-7q",
    "source_id": "org-src-7q",
    "categories": ("legal", "english"),
    "languages": (LANGUAGE,),
    "communities": ("Syria",),
    "contacts": (CONTACT,),
    "sites": (SITE,),
    "services": (SERVICE,),
    "hours": (HOURS,),
    "address": SITE["address"],
    "lat": SITE["lat"],
    "lon": SITE["lon"],
    "entry_technique": "walkabout",
    "collected_by": "collector-7q",
    "collected_on": date(2026, 3, 4),
    "last_verified_on": date(2026, 5, 6),
}
PARTS = {
    Asset: RECORD,
    Site: SITE,
    OfferedService: SERVICE,
    OpeningHours: HOURS,
    ContactPerson: CONTACT,
    LanguageServed: LANGUAGE,
    TaxonomyTerm: TERM,
}


def _names(model: type) -> set[str]:
    return {f.name for f in dataclasses.fields(model)}


@pytest.mark.parametrize("model", list(PARTS), ids=lambda m: m.__name__)
def test_the_sample_record_sets_every_field(model: type) -> None:
    """Add a field to the model and this fails first: give it a value below, then see which
    surface does not know it yet."""
    given = set(PARTS[model])
    assert given == _names(model) - (SYSTEM if model is Asset else set())


# --- database columns ---------------------------------------------------------------------

# Table per part: every model field must be a column (position columns and keys aside).
TABLES = {
    Asset: (
        Organization,
        {"id"}
        | MAIN_SITE
        | set(PART_FIELDS)
        | {"categories", "languages", "communities", "contacts"},
    ),
    Site: (Location, set()),
    OfferedService: (Service, {"terms", "sites"}),  # service_terms / service_at_location
    OpeningHours: (Schedule, {"site", "service"}),  # site_position / service_position
    ContactPerson: (Contact, set()),
    LanguageServed: (Language, set()),
    TaxonomyTerm: (ServiceTerm, set()),
}


@pytest.mark.parametrize("model", list(TABLES), ids=lambda m: m.__name__)
def test_every_field_has_a_column(model: type) -> None:
    table, elsewhere = TABLES[model]
    columns = {c.key for c in table.__table__.columns}
    assert _names(model) - elsewhere <= columns | {"id"}
    bookkeeping = {
        "id",
        "organization_id",
        "position",
        "service_position",
        "site_position",
        "name_key",
        "phone_key",
        "website_key",
    }
    assert columns - bookkeeping <= _names(model), "a column the record does not know"


def _plain(saved: Asset) -> dict[str, object]:
    """The saved record as plain values, parts as dicts (to compare with RECORD)."""
    plain = dataclasses.asdict(saved)
    for name in SYSTEM:
        plain.pop(name)
    return plain


def test_the_database_keeps_every_field(session: Session) -> None:
    """Validation (clean_record) and the tables together: what goes in comes out."""
    saved = get_asset(session, add_asset(session, RECORD, user="t").id)
    plain = _plain(saved)
    expected = {
        **RECORD,
        "categories": list(RECORD["categories"]),  # type: ignore[call-overload]
        "communities": list(RECORD["communities"]),  # type: ignore[call-overload]
        "languages": [LANGUAGE],
        "contacts": [CONTACT],
        "sites": [SITE],
        "services": [
            {**SERVICE, "languages": ["es"], "categories": ["legal"], "terms": [TERM], "sites": [0]}
        ],
        "hours": [
            {**HOURS, "opens_at": saved.hours[0].opens_at, "closes_at": saved.hours[0].closes_at}
        ],
    }
    normalized = {k: (list(v) if isinstance(v, tuple) else v) for k, v in plain.items()}
    normalized["services"] = [
        {k: (list(v) if isinstance(v, tuple) else v) for k, v in s.items()}
        for s in normalized["services"]
    ]
    assert normalized == expected
    assert (str(saved.hours[0].opens_at), str(saved.hours[0].closes_at)) == ("09:15:00", "16:45:00")


# --- validation ---------------------------------------------------------------------------


def test_validation_accepts_exactly_the_records_fields() -> None:
    """What clean_record checks = the record's fields (ids and status it sets itself)."""
    checked = set(EDITABLE_FIELDS) | set(PART_FIELDS) | set(SOURCE_FIELDS) | {"id", "status"}
    assert checked == _names(Asset) - SYSTEM


# --- the form -----------------------------------------------------------------------------

# Not on the asset page's form, and why.
FORM_LEFT_OUT = {
    "id": "given by the database",
    "status": "the Archive and Restore buttons change it",
    "source": "provenance, set once when a file or feed brings the record",
    "source_id": "provenance, set once when a file or feed brings the record",
    "sites": "the main site's place is on the form (address, lat, lon); more sites "
    "come from imports until the site editor exists",
    "services": "imported with their feed; the form edits the organization's categories",
    "hours": "imported (HSDS schedules, OSM opening_hours column); shown, not yet edited",
    "contacts": "imported from feeds; staff-only, shown to staff, not yet edited",
}


def test_the_form_covers_every_field_it_does_not_leave_out() -> None:
    shown = set(af.form_values(None))
    assert shown.isdisjoint(FORM_LEFT_OUT)
    assert shown | set(FORM_LEFT_OUT) == _names(Asset) - SYSTEM
    assert shown <= set(af.FIELD_LABELS) | {"categories", "languages", "communities"}
    assert set(af.form_to_record(af.form_values(None))) == shown


# --- the import mapping -------------------------------------------------------------------

# Import field -> where it lands in the record.
MAPPED_TO = {
    "category": "categories",
    "city": "sites",
    "state": "sites",
    "zip": "sites",
    "country": "sites",
    "opening_hours": "hours",
    "organization_id": "sites",  # rows sharing it are one organization's sites
}
IMPORT_LEFT_OUT = {
    "id": "a file's ids are kept as source_id; ours are given by the database",
    "source": "the file's or feed's name, set by the importer",
    "services": "only HSDS datapackages carry services (their reader fills them)",
    "contacts": "only HSDS datapackages carry contacts (their reader fills them)",
}


def test_the_import_mapping_lands_in_the_record() -> None:
    landed = {MAPPED_TO.get(f, f) for f in MAPPED_FIELDS}
    assert landed <= _names(Asset), "an import field the record does not have"
    assert landed.isdisjoint(IMPORT_LEFT_OUT)
    assert landed | set(IMPORT_LEFT_OUT) == _names(Asset) - SYSTEM
    assert {"city", "state_province", "postal_code", "country"} <= _names(Site)


# --- the table export (CSV, Excel, GeoJSON, GeoPackage) ------------------------------------

EXPORTED_AS = {
    "id": "organization_id",
    "categories": "category",
    "sites": "site_name",
    "hours": "opening_hours",
}
EXPORT_LEFT_OUT = {
    "created_at": "bookkeeping (updated_at is exported)",
    "contacts": "staff-only: never exported",
    "services": "one row per site; services travel in the HSDS export",
}
SITE_EXPORTED = {"name": "site_name"}
SITE_EXPORT_LEFT_OUT = {
    "description": "HSDS export only",
    "accessibility": "HSDS export only",
    "transportation": "HSDS export only",
    "source_id": "HSDS export only",
    "address_2": "folded into the one-line address",
}


def test_the_export_has_a_column_for_every_field(session: Session) -> None:
    columns = set(EXPORT_COLUMNS)
    for name in _names(Asset) - {"version", "updated_by"} - set(EXPORT_LEFT_OUT):
        assert EXPORTED_AS.get(name, name) in columns, name
    for name in _names(Site) - set(SITE_EXPORT_LEFT_OUT):
        assert SITE_EXPORTED.get(name, name) in columns, name
    add_asset(session, RECORD, user="t")
    row = export_frame(session).iloc[0]
    assert row["organization_id"] == RECORD["id"] and row["site_name"] == SITE["name"]
    assert row["city"] == "Montréal" and row["alternate_name"] == RECORD["alternate_name"]
    assert "Contact-7q" not in export_frame(session).to_csv()


# --- HSDS 3.0 ------------------------------------------------------------------------------

HSDS_LEFT_OUT = {
    Asset: {
        "id": "written as a uuid5 of it (stable), not as itself",
        "status": "HSDS organizations have no status; archived ones are not exported",
        "source": "provenance stays here",
        "source_id": "provenance stays here",
        "categories": "as services named by the category, with a term of our taxonomy",
        "communities": "HSDS has no such field",
        "contacts": "staff-only: never exported",
        "entry_technique": "staff notes, not for other systems",
        "collected_by": "staff notes, not for other systems",
        "collected_on": "staff notes, not for other systems",
        "last_verified_on": "staff notes, not for other systems",
        "lat": "as the main site's latitude",
        "lon": "as the main site's longitude",
        "address": "as the main site's address parts",
        "sites": "as locations and addresses",
        "services": "as services",
        "hours": "as schedules",
        "languages": "as languages rows (codes)",
    },
    Site: {
        "address": "as its parts (address_1, city, ...)",
        "lat": "as latitude",
        "lon": "as longitude",
    },
    OfferedService: {
        "sites": "as service_at_location rows",
        "terms": "as attributes with taxonomy terms",
        "categories": "as attributes with terms of our taxonomy",
        "languages": "as languages rows",
        "source_id": "provenance stays here",
    },
    OpeningHours: {
        "weekday": "as byday (MO..SU)",
        "site": "as the schedule's location",
        "service": "as the schedule's service",
        "opens_at": "as HH:MM",
        "closes_at": "as HH:MM",
    },
    LanguageServed: {},
    TaxonomyTerm: {"vocabulary": "as the taxonomy's name"},
}


def _hsds_text(session: Session) -> str:
    saved = get_asset(session, add_asset(session, RECORD, user="t").id)
    tables = HsdsTables()
    add_organization(tables, saved, country="US")
    frames = [pd.DataFrame(rows) for rows in tables.rows.values()]
    frames.append(pd.DataFrame(list(tables.terms.values())))
    return "\n".join(f.to_csv(index=False) for f in frames)


def test_hsds_carries_every_field_it_does_not_leave_out(session: Session) -> None:
    text = _hsds_text(session)
    for model, left_out in HSDS_LEFT_OUT.items():
        values = PARTS[model]
        assert set(left_out) <= _names(model), model.__name__
        for name in _names(model) - set(left_out) - (SYSTEM if model is Asset else set()):
            value = values[name]
            assert str(value) in text, f"{model.__name__}.{name} ({value!r}) is not in HSDS"
    assert "09:15" in text and "16:45" in text and "TU" in text
    assert "Contact-7q" not in text and "collector-7q" not in text


def test_the_left_out_lists_name_real_fields() -> None:
    for left_out, model in (
        (FORM_LEFT_OUT, Asset),
        (IMPORT_LEFT_OUT, Asset),
        (EXPORT_LEFT_OUT, Asset),
        (SITE_EXPORT_LEFT_OUT, Site),
    ):
        assert set(left_out) <= _names(model)

"""Plain records crossing the database boundary, and the checks applied to incoming fields.

An incoming record is a mapping with the column names of ``data/demo/organizations.csv``
(``organization_id``, ``category``, ``languages`` ... with ``;``-separated lists) or the field names
of :class:`Asset` (``id``, ``categories``, lists as sequences). :func:`clean_record` turns
either into one checked dict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import NoReturn

from geo import vocab
from geo.db.models import Asset, Change, ContactPerson, LanguageServed, Site
from geo.db.record_parts import (
    check_links,
    clean_hours,
    clean_service,
    clean_site,
    describe_problems,
)
from geo.errors import ValidationError
from geo.messages import N_, Listing, Message, reason

__all__ = [
    "EDITABLE_FIELDS",
    "Asset",
    "Change",
    "ContactPerson",
    "LanguageServed",
    "clean_fields",
    "clean_record",
    "render_value",
]

TEXT_FIELDS = ("name", "alternate_name", "description", "email", "website", "phone")
PROVENANCE_FIELDS = (
    "entry_technique",
    "collected_by",
    "collected_on",
    "last_verified_on",
)
LOCATION_FIELDS = ("address", "lat", "lon")
LIST_FIELDS = ("categories", "languages", "communities", "contacts")
EDITABLE_FIELDS = TEXT_FIELDS + PROVENANCE_FIELDS + LOCATION_FIELDS + LIST_FIELDS
# Set when a record arrives whole (an import, a new record); the sites' own editor comes later.
PART_FIELDS = ("sites", "services", "hours")
SOURCE_FIELDS = ("source", "source_id")
# Contract column names (organizations.csv) -> field names.
ALIASES = {"organization_id": "id", "category": "categories"}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_CATEGORY_BY_LABEL = {label.casefold(): key for key, label in vocab.SERVICE_CATEGORIES.items()}
_TECHNIQUE_BY_LABEL = {label.casefold(): key for key, label in vocab.ENTRY_TECHNIQUES.items()}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value == ""


def _items(value: object) -> list[object]:
    """A `;`-separated string or a sequence, as a list of items."""
    if _is_blank(value):
        return []
    if isinstance(value, str):
        return list(vocab.split_list(value))
    if isinstance(value, Sequence):
        return [item for item in value if not _is_blank(item)]
    return [value]


def _text(value: object) -> str | None:
    return None if _is_blank(value) else (str(value).strip() or None)


def _date(value: object) -> date | None:
    if _is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(
            Message(N_("'{text}' is not a date such as 2026-03-31"), text=str(value).strip())
        ) from None


def _coordinate(value: object, limit: float) -> float | None:
    if _is_blank(value):
        return None
    number = float(str(value).strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    if not -limit <= number <= limit:
        raise ValueError(Message(N_("must be between -{limit} and {limit}"), limit=f"{limit:g}"))
    return number


def _category(item: object) -> str:
    text = str(item).strip()
    key = text if text in vocab.SERVICE_CATEGORIES else _CATEGORY_BY_LABEL.get(text.casefold())
    if key is None:
        raise ValueError(
            Message(
                N_("'{text}' is not a service category ({known})"),
                text=text,
                known=Listing(vocab.SERVICE_CATEGORIES, ", "),
            )
        )
    return key


def _technique(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    key = text if text in vocab.ENTRY_TECHNIQUES else _TECHNIQUE_BY_LABEL.get(text.casefold())
    if key is None:
        raise ValueError(
            Message(
                N_("'{text}' is not an entry technique ({known})"),
                text=text,
                known=Listing(vocab.ENTRY_TECHNIQUES, ", "),
            )
        )
    return key


def _language(item: object) -> LanguageServed:
    if isinstance(item, LanguageServed):
        return item
    if isinstance(item, Mapping):
        code, note = str(item.get("code", "")), str(item.get("note") or "")
    elif isinstance(item, tuple):
        code, note = str(item[0]), str(item[1] if len(item) > 1 else "")
    else:
        code, _, note = str(item).partition(":")
    code = code.strip().lower()
    if not _LANGUAGE_CODE.match(code):
        raise ValueError(
            Message(
                N_("'{code}' is not an ISO 639-1 or 639-3 language code (e.g. 'ar', 'prs')"),
                code=code,
            )
        )
    return LanguageServed(code=code, note=note.strip())


def _contact(item: object) -> ContactPerson:
    if isinstance(item, ContactPerson):
        return item
    if not isinstance(item, Mapping):
        raise ValueError(
            Message(N_("each contact must be a mapping with name, role, phone, email"))
        )
    return ContactPerson(**{k: _text(item.get(k)) for k in ("name", "role", "phone", "email")})


def _unique(values: list[object]) -> tuple[object, ...]:
    return tuple(dict.fromkeys(values))


def _unique_languages(items: list[LanguageServed]) -> tuple[LanguageServed, ...]:
    by_code: dict[str, LanguageServed] = {}
    for item in items:
        by_code.setdefault(item.code, item)
    return tuple(by_code.values())


_CLEANERS = {
    "collected_on": _date,
    "last_verified_on": _date,
    "lat": lambda v: _coordinate(v, 90.0),
    "lon": lambda v: _coordinate(v, 180.0),
    "entry_technique": _technique,
    "categories": lambda v: _unique([_category(i) for i in _items(v)]),
    "languages": lambda v: _unique_languages([_language(i) for i in _items(v)]),
    "communities": lambda v: _unique([str(i).strip() for i in _items(v)]),
    "contacts": lambda v: tuple(_contact(i) for i in _items(v)),
}


def clean_fields(raw: Mapping[str, object], *, row: int | None = None) -> dict[str, object]:
    """Check and convert the given fields only (for edits); unknown fields are refused.

    Raises
    ------
    ValidationError
        Listing every field that breaks a rule, with what to do.
    """
    cleaned: dict[str, object] = {}
    problems: list[dict[str, object]] = []
    for key, value in raw.items():
        field = ALIASES.get(key, key)
        if field not in EDITABLE_FIELDS:
            problems.append(
                {
                    "row": row,
                    "field": key,
                    "message": Message(N_("is not a field that can be saved")),
                }
            )
            continue
        try:
            cleaned[field] = _CLEANERS.get(field, _text)(value)
        except (TypeError, ValueError) as err:
            problems.append({"row": row, "field": key, "value": value, "message": reason(err)})
    if "name" in cleaned and not cleaned["name"]:
        required = Message(N_("is required; type the name"))
        problems.append({"row": row, "field": "name", "message": required})
    if problems:
        raise ValidationError(describe_problems(problems), problems)
    return cleaned


def _clean_parts(raw: Mapping[str, object], *, row: int | None) -> dict[str, tuple[object, ...]]:
    """Sites, services and hours of a whole record, links between them checked."""
    problems: list[dict[str, object]] = []
    parts: dict[str, list[object]] = {name: [] for name in PART_FIELDS}
    cleaners = {
        "sites": lambda item: clean_site(item, _coordinate),
        "services": lambda item: clean_service(item, _category),
        "hours": clean_hours,
    }
    for name in PART_FIELDS:
        for number, item in enumerate(_items(raw.get(name)), start=1):
            try:
                parts[name].append(cleaners[name](item))
            except (TypeError, ValueError) as err:
                problems.append({"row": row, "field": f"{name} {number}", "message": reason(err)})
    if not problems:
        found = check_links(*(tuple(parts[n]) for n in PART_FIELDS))  # type: ignore[arg-type]
        problems = [{"row": row, "field": f, "message": m} for f, m in found]
    if problems:
        raise ValidationError(describe_problems(problems), problems)
    return {name: tuple(values) for name, values in parts.items()}


def _first_site(cleaned: dict[str, object]) -> None:
    """Sites given: the main site's place is the record's; else the place is the one site."""
    sites = cleaned["sites"]
    if sites:
        main = sites[0]  # type: ignore[index]
        cleaned.update(address=main.address, lat=main.lat, lon=main.lon)
    elif any(cleaned[f] is not None for f in LOCATION_FIELDS):
        address = cleaned["address"]
        cleaned["sites"] = (
            Site(address=address, address_1=address, lat=cleaned["lat"], lon=cleaned["lon"]),  # type: ignore[arg-type]
        )


def clean_record(raw: Mapping[str, object], *, row: int | None = None) -> dict[str, object]:
    """Check a whole new record: every field (None/() when missing), ``id``, ``status``.

    ``sites`` (first = main site), ``services`` and ``hours`` are sequences of the
    :mod:`geo.db.models` dataclasses or of mappings with their field names.
    """
    # Other columns (e.g. an importer's extras) are ignored here, not refused.
    known = {k: v for k, v in raw.items() if ALIASES.get(k, k) in EDITABLE_FIELDS}
    cleaned = clean_fields({**{f: None for f in EDITABLE_FIELDS}, **known}, row=row)
    cleaned.update(_clean_parts(raw, row=row))
    _first_site(cleaned)
    if (cleaned["lat"] is None) != (cleaned["lon"] is None):
        _refuse(row, "lat/lon", N_("needs both values or neither"))
    status = _text(raw.get("status")) or "active"
    if status not in ("active", "archived"):
        _refuse(row, "status", N_("must be 'active' or 'archived'"))
    cleaned["id"] = _text(raw.get("id", raw.get("organization_id")))
    cleaned["status"] = status
    # Provenance, set once when the record arrives: the feed/file and that feed's own id.
    cleaned["source"] = _text(raw.get("source"))
    cleaned["source_id"] = _text(raw.get("source_id"))
    if cleaned["source_id"] and not cleaned["source"]:
        _refuse(
            row, "source", N_("is needed with source_id: name the feed or file the id belongs to")
        )
    return cleaned


def _refuse(row: int | None, field: str, why: str) -> NoReturn:
    problem: dict[str, object] = {"row": row, "field": field, "message": Message(why)}
    raise ValidationError(describe_problems([problem]), [problem])


def render_value(value: object) -> str | None:
    """The text stored in the change log (lists `;`-joined, dates ISO)."""
    if value is None:
        return None
    if isinstance(value, tuple | list):
        return ";".join(str(item) for item in value) or None
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)

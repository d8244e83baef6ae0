"""The duplicate guard: same name nearby, same phone, or same website.

Normalized keys are stored on ``organizations`` (``name_key``, ``phone_key``, ``website_key``)
so the guard is one indexed query, also for a 1,000-row import. Organizations are compared
with organizations: "nearby" is the distance between the nearest two of their sites, and an
organization's own sites are never compared with each other (five offices of one agency are
one organization, not five duplicates).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.schema import Location, Organization
from geo.fieldwork.points import haversine_m as distance_m

NEARBY_M = 150.0
# Legal-form words that do not make two organizations different.
_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "pllc",
        "llp",
        "lp",
        "plc",
        "nfp",
    ]
)
_CHUNK = 400
_DOTTED = re.compile(r"(?<!\w)(?:\w\.){2,}")


@dataclass(frozen=True, kw_only=True)
class DuplicateMatch:
    """An existing organization that looks like the candidate, and why."""

    organization_id: str
    name: str
    status: str
    reasons: tuple[str, ...]  # of "name", "phone", "website"
    distance_m: float | None = None


def normalize_name(name: str | None) -> str | None:
    """Casefold, drop accents and punctuation, collapse spaces, drop trailing inc/llc/ltd...

    Examples
    --------
    >>> normalize_name("  Café  Amal, Inc. ")
    'cafe amal'
    """
    if not name:
        return None
    # "L.L.C." and "U.S.A." read as one word each.
    name = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), name)
    text = unicodedata.normalize("NFKD", name)
    kept: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        # Accents on Latin/Greek/Cyrillic letters go; marks that carry vowels in
        # Devanagari, Arabic harakat aside, stay (they tell names apart).
        if category.startswith("M") and kept and ord(kept[-1]) < 0x0530:
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    words = unicodedata.normalize("NFC", "".join(kept)).casefold().split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words) or None


def normalize_phone(phone: str | None) -> str | None:
    """Digits only, the last 10 (drops country codes such as +1); None under 7 digits."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-10:] if len(digits) >= 7 else None


def normalize_website(website: str | None) -> str | None:
    """Host without ``www.`` plus the path without a trailing slash; scheme and query ignored."""
    text = (website or "").strip().lower()
    if not text:
        return None
    parts = urlsplit(text if "//" in text else f"//{text}")
    host = (parts.hostname or "").removeprefix("www.")
    return (host + parts.path.rstrip("/")) or None


def keys_for(record: Mapping[str, object]) -> dict[str, str | None]:
    """The three normalized keys of a record."""
    return {
        "name_key": normalize_name(_str(record.get("name"))),
        "phone_key": normalize_phone(_str(record.get("phone"))),
        "website_key": normalize_website(_str(record.get("website"))),
    }


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _points(record: Mapping[str, object]) -> list[tuple[float, float]]:
    """Every placed site of a record (its ``sites``, else its own ``lat``/``lon``)."""
    found = []
    for site in record.get("sites") or ():  # type: ignore[attr-defined]
        get = site.get if isinstance(site, Mapping) else lambda f, s=site: getattr(s, f, None)
        lat, lon = _float(get("lat")), _float(get("lon"))
        if lat is not None and lon is not None:
            found.append((lat, lon))
    lat, lon = _float(record.get("lat")), _float(record.get("lon"))
    if not found and lat is not None and lon is not None:
        found.append((lat, lon))
    return found


def _nearest_m(ours: list[tuple[float, float]], theirs: list[tuple[float, float]]) -> float:
    """Metres between the nearest two sites of two organizations."""
    return min(distance_m(a, b, c, d) for a, b in ours for c, d in theirs)


def _match(
    candidate: Mapping[str, object],
    keys: dict[str, str | None],
    row: Mapping[str, object],
) -> DuplicateMatch | None:
    """Compare one candidate with one stored (or batch) organization."""
    reasons: list[str] = []
    gap: float | None = None
    if keys["name_key"] and keys["name_key"] == row["name_key"]:
        ours, theirs = _points(candidate), list(row["points"])  # type: ignore[call-overload]
        if not ours or not theirs:
            reasons.append("name")  # cannot tell how far apart: better to ask
        else:
            gap = _nearest_m(ours, theirs)
            if gap <= NEARBY_M:
                reasons.append("name")
    for key, reason in (("phone_key", "phone"), ("website_key", "website")):
        if keys[key] and keys[key] == row[key]:
            reasons.append(reason)
    if not reasons:
        return None
    return DuplicateMatch(
        organization_id=str(row["id"]),
        name=str(row["name"]),
        status=str(row["status"]),
        reasons=tuple(reasons),
        distance_m=None if gap is None else round(gap, 1),
    )


def _stored_rows(
    session: Session, all_keys: list[dict[str, str | None]]
) -> list[dict[str, object]]:
    """Stored organizations sharing any key with any candidate, each with all its sites."""
    found: dict[str, dict[str, object]] = {}
    columns = [
        Organization.id,
        Organization.name,
        Organization.status,
        Organization.name_key,
        Organization.phone_key,
        Organization.website_key,
    ]
    for column_name in ("name_key", "phone_key", "website_key"):
        values = sorted({v for k in all_keys if (v := k[column_name])})
        column = getattr(Organization, column_name)
        for start in range(0, len(values), _CHUNK):
            query = sa.select(*columns).where(column.in_(values[start : start + _CHUNK]))
            for row in session.execute(query).mappings():
                found[row["id"]] = {**row, "points": []}
    ids = sorted(found)
    for start in range(0, len(ids), _CHUNK):
        sites = sa.select(Location.organization_id, Location.lat, Location.lon).where(
            Location.organization_id.in_(ids[start : start + _CHUNK]),
            Location.lat.is_not(None),
            Location.lon.is_not(None),
        )
        for site in session.execute(sites):
            found[site.organization_id]["points"].append((site.lat, site.lon))  # type: ignore[attr-defined]
    return list(found.values())


def find_duplicates_many(
    session: Session,
    candidates: Sequence[Mapping[str, object]],
    *,
    within_batch: bool = True,
) -> dict[int, list[DuplicateMatch]]:
    """Run the guard for many candidates at once (imports); keyed by candidate index.

    With ``within_batch`` a candidate is also compared with the earlier ones in the list
    (their ``organization_id`` is then their ``id``/``organization_id`` field, or ``#<index>``).
    """
    all_keys = [keys_for(c) for c in candidates]
    stored = _stored_rows(session, all_keys)
    by_key: dict[tuple[str, str], list[Mapping[str, object]]] = {}
    for row in stored:
        for column_name in ("name_key", "phone_key", "website_key"):
            if row[column_name]:
                by_key.setdefault((column_name, str(row[column_name])), []).append(row)
    result: dict[int, list[DuplicateMatch]] = {}
    for index, (candidate, keys) in enumerate(zip(candidates, all_keys, strict=True)):
        own_id = _str(candidate.get("id", candidate.get("organization_id")))
        rows = {id(r): r for k, v in keys.items() if v for r in by_key.get((k, v), [])}
        matches = [
            m for r in rows.values() if r["id"] != own_id and (m := _match(candidate, keys, r))
        ]
        if matches:
            result[index] = sorted(
                matches, key=lambda m: (m.distance_m is None, m.distance_m or 0.0)
            )
        if within_batch:
            _index_batch_row(by_key, candidate, keys, index)
    return result


def _index_batch_row(
    by_key: dict[tuple[str, str], list[Mapping[str, object]]],
    candidate: Mapping[str, object],
    keys: dict[str, str | None],
    index: int,
) -> None:
    row = {
        "id": _str(candidate.get("id", candidate.get("organization_id"))) or f"#{index}",
        "name": candidate.get("name"),
        "status": "new",
        "points": _points(candidate),
        **keys,
    }
    for column_name, value in keys.items():
        if value:
            by_key.setdefault((column_name, value), []).append(row)


def find_duplicates(session: Session, candidate: Mapping[str, object]) -> list[DuplicateMatch]:
    """Stored organizations that look like ``candidate`` (archived ones included).

    Flags the same normalized name within 150 m (between the nearest two of the two
    organizations' sites; or when either has no coordinates), the same phone (last 10
    digits) or the same website (host without www, no trailing slash). Each stored
    organization is reported once, however many of its sites are near.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    candidate : Mapping
        Record with ``name`` and optionally ``sites`` (or ``lat``, ``lon``), ``phone``,
        ``website``, ``id`` (an existing id is never reported as its own duplicate).

    Returns
    -------
    list of DuplicateMatch
        Nearest first; empty when nothing looks alike.
    """
    return find_duplicates_many(session, [candidate], within_batch=False).get(0, [])

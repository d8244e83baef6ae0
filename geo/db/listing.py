"""Organization listings for the map and the assets page: one row per organization.

A handful of queries whatever the size (organizations with their map location, then services,
languages and communities for the same filter), so ~2,000 organizations list in well under a second.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Iterable
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute, Session

from geo.db.schema import Category, Community, Language, Location, Organization
from geo.errors import ValidationError
from geo.messages import N_, Listing, Message

# Column contract of list_assets / list_stale_assets (names follow organizations.csv).
ASSET_COLUMNS: tuple[str, ...] = (
    "organization_id",
    "name",
    "alternate_name",
    "category",
    "description",
    "languages",
    "communities",
    "address",
    "lat",
    "lon",
    "needs_location",
    "phone",
    "website",
    "email",
    "entry_technique",
    "collected_by",
    "collected_on",
    "last_verified_on",
    "status",
    "source",
    "source_id",
    "version",
    "updated_at",
    "updated_by",
)
SORT_KEYS: tuple[str, ...] = ("name", "last_verified_on", "updated_at", "organization_id")
_SEARCHED = ("name", "alternate_name", "description", "address", "communities")
# The organization's own columns in ASSET_COLUMNS (the rest come from its first site or its lists).
_ORG_FIELDS = tuple(
    c for c in ASSET_COLUMNS if c != "organization_id" and c in Organization.__table__.c
)


def fold_text(text: object) -> str:
    """Casefold and drop accents, for searching ('Café' finds 'cafe')."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _any_of(
    column: InstrumentedAttribute[str],
    owner: InstrumentedAttribute[str],
    values: Iterable[str] | None,
) -> sa.ColumnElement[bool] | None:
    chosen = sorted({v for v in values or () if v})
    if not chosen:
        return None
    return Organization.id.in_(sa.select(owner).where(column.in_(chosen)))


def _conditions(
    *,
    categories: Iterable[str] | None,
    languages: Iterable[str] | None,
    communities: Iterable[str] | None,
    include_archived: bool,
) -> list[sa.ColumnElement[bool]]:
    conditions = [
        _any_of(Category.category, Category.organization_id, categories),
        _any_of(Language.code, Language.organization_id, languages),
        _any_of(Community.country, Community.organization_id, communities),
    ]
    if not include_archived:
        conditions.append(Organization.status == "active")
    return [c for c in conditions if c is not None]


def _details(
    session: Session,
    ids: sa.Select[str],
    column: InstrumentedAttribute[str],
    owner: InstrumentedAttribute[str],
    order: InstrumentedAttribute[int],
) -> dict[str, str]:
    """``;``-joined detail values per organization id."""
    joined: dict[str, list[str]] = {}
    for owner_id, value in session.execute(
        sa.select(owner, column).where(owner.in_(ids)).order_by(order)
    ):
        joined.setdefault(owner_id, []).append(value)
    return {k: ";".join(v) for k, v in joined.items()}


def query_assets(session: Session, conditions: list[sa.ColumnElement[bool]]) -> pd.DataFrame:
    """One row per organization matching ``conditions`` (unsorted), columns ASSET_COLUMNS."""
    primary = sa.and_(Location.organization_id == Organization.id, Location.position == 0)
    query = (
        sa.select(
            Organization.id,
            *(getattr(Organization, f) for f in _ORG_FIELDS),
            Location.address,
            Location.lat,
            Location.lon,
        )
        .outerjoin(Location, primary)
        .where(*conditions)
    )
    ids = sa.select(Organization.id).where(*conditions)
    categories = _details(session, ids, Category.category, Category.organization_id, Category.id)
    languages = _details(session, ids, Language.code, Language.organization_id, Language.id)
    communities = _details(session, ids, Community.country, Community.organization_id, Community.id)
    records = []
    for row in session.execute(query).mappings():
        record = dict(row)
        organization_id = record.pop("id")
        records.append(
            {
                **record,
                "organization_id": organization_id,
                "category": categories.get(organization_id, ""),
                "languages": languages.get(organization_id, ""),
                "communities": communities.get(organization_id, ""),
                "needs_location": row["lat"] is None or row["lon"] is None,
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(ASSET_COLUMNS))
    return frame.astype(
        {
            "lat": "float64",
            "lon": "float64",
            "needs_location": "bool",
            "version": "int64",
        }
    )


def _search(frame: pd.DataFrame, search: str) -> pd.DataFrame:
    words = fold_text(search).split()
    if not words or frame.empty:
        return frame
    haystack = frame[list(_SEARCHED)].fillna("").astype(str).agg(" ".join, axis=1).map(fold_text)
    mask = haystack.map(lambda text: all(word in text for word in words))
    return frame[mask.astype(bool)]


def sort_assets(frame: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Sort by a SORT_KEYS column; a leading '-' sorts descending; never-verified come first."""
    key = sort.removeprefix("-")
    if key not in SORT_KEYS:
        raise ValidationError(
            Message(
                N_("Cannot sort by '{sort}'. Choose one of: {known} (prefix '-' for descending)."),
                sort=sort,
                known=Listing(SORT_KEYS, ", "),
            ),
            [{"field": "sort", "value": sort, "message": Message(N_("unknown"))}],
        )
    by_text = (lambda s: s.map(fold_text)) if key in ("name", "organization_id") else None
    ordered = frame.sort_values(
        key,
        ascending=not sort.startswith("-"),
        key=by_text,
        na_position="first",
        kind="stable",
    )
    return ordered.reset_index(drop=True)


def list_assets(
    session: Session,
    *,
    categories: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    communities: Iterable[str] | None = None,
    search: str | None = None,
    include_archived: bool = False,
    sort: str = "name",
) -> pd.DataFrame:
    """List organizations for the map and the assets page.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    categories, languages, communities : iterable of str, optional
        Keep organizations offering ANY of the category keys / serving ANY of the language
        codes / ANY of the communities. Empty or None = no restriction.
    search : str, optional
        Words that must all appear (accent- and case-insensitive) in the name, alternate
        name, description, address or communities.
    include_archived : bool, optional
        Also list archived organizations (hidden by default).
    sort : str, optional
        One of SORT_KEYS, prefix ``-`` for descending; default ``"name"``.

    Returns
    -------
    pandas.DataFrame
        One row per organization, columns ASSET_COLUMNS; lists are ``;``-joined keys/codes,
        ``lat``/``lon`` NaN and ``needs_location`` True when unplaced.

    Raises
    ------
    ValidationError
        If ``sort`` is unknown.
    """
    conditions = _conditions(
        categories=categories,
        languages=languages,
        communities=communities,
        include_archived=include_archived,
    )
    frame = query_assets(session, conditions)
    if search:
        frame = _search(frame, search)
    return sort_assets(frame, sort)


def list_stale_assets(
    session: Session,
    *,
    months: int = 12,
    today: date | None = None,
    include_archived: bool = False,
) -> pd.DataFrame:
    """Organizations not verified for ``months`` months (or never), oldest first.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    months : int, optional
        Settings.stale_months (``WELCOME_ATLAS_STALE_MONTHS``), 12 by default.
    today : datetime.date, optional
        Reference day; the current date by default.
    include_archived : bool, optional
        Also list archived organizations.

    Returns
    -------
    pandas.DataFrame
        Same columns as :func:`list_assets`, never-verified rows first.
    """
    cutoff = months_before(today or date.today(), months)
    stale = sa.or_(Organization.last_verified_on.is_(None), Organization.last_verified_on < cutoff)
    conditions = _conditions(
        categories=None,
        languages=None,
        communities=None,
        include_archived=include_archived,
    )
    return sort_assets(query_assets(session, [*conditions, stale]), "last_verified_on")

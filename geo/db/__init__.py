"""The shared asset database: organizations, branches, change log (SQLite or PostgreSQL).

Typical use::

    engine = open_database(settings.database_url, seed_demo_from=settings.demo_dir)
    with Session(engine) as session, session.begin():
        asset = update_asset(session, "ORG-0001", {"phone": "555-0101"},
                             expected_version=3, user="amira")

Functions take a Session and never commit; the caller owns the transaction.
"""

from __future__ import annotations

from geo.db.assets import add_asset, add_assets
from geo.db.backup import backup_database, restore_database
from geo.db.branches import BRANCH_COLUMNS, add_branches, list_branches
from geo.db.duplicates import (
    DuplicateMatch,
    find_duplicates,
    find_duplicates_many,
    normalize_name,
    normalize_phone,
    normalize_website,
)
from geo.db.edits import archive_asset, restore_asset, update_asset
from geo.db.listing import ASSET_COLUMNS, SORT_KEYS, list_assets, list_stale_assets
from geo.db.queries import get_asset, get_history
from geo.db.records import EDITABLE_FIELDS, Asset, Change, ContactPerson, LanguageServed
from geo.db.seed import SeedResult, seed_demo, seed_demo_if_empty
from geo.db.session import make_engine, open_database, upgrade

__all__ = [
    "ASSET_COLUMNS",
    "BRANCH_COLUMNS",
    "EDITABLE_FIELDS",
    "SORT_KEYS",
    "Asset",
    "Change",
    "ContactPerson",
    "DuplicateMatch",
    "LanguageServed",
    "SeedResult",
    "add_asset",
    "add_assets",
    "add_branches",
    "archive_asset",
    "backup_database",
    "find_duplicates",
    "find_duplicates_many",
    "get_asset",
    "get_history",
    "list_assets",
    "list_branches",
    "list_stale_assets",
    "make_engine",
    "normalize_name",
    "normalize_phone",
    "normalize_website",
    "open_database",
    "restore_asset",
    "restore_database",
    "seed_demo",
    "seed_demo_if_empty",
    "update_asset",
    "upgrade",
]

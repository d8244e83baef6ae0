"""Every table of the shared database, in an insert order that respects foreign keys.

Backup, restore and bulk loads use it; importing the three schema modules registers their tables.
"""

from __future__ import annotations

import sqlalchemy as sa

from geo.db import accounts_schema, fieldwork_schema, schema, stories_schema
from geo.db.base import Base

_REGISTERED = (schema, fieldwork_schema, accounts_schema, stories_schema)
__all__ = ["TABLES", "Base"]
TABLES: tuple[sa.Table, ...] = tuple(Base.metadata.sorted_tables)

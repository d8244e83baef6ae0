"""Organizations as a table: the column contract shared by files, the database and the map."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.errors import ImportFormatError
from geo.messages import enumeration, n_

ORGANIZATION_COLUMNS = (
    "organization_id",
    "name",
    "category",
    "description",
    "languages",
    "communities",
    "address",
    "lat",
    "lon",
    "phone",
    "website",
    "entry_technique",
    "collected_by",
    "collected_on",
    "last_verified_on",
)


def load_organizations_csv(path: Path | str) -> pd.DataFrame:
    """Read organizations from a CSV with the columns of ``ORGANIZATION_COLUMNS``."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in ORGANIZATION_COLUMNS if c not in frame.columns]
    if missing:
        raise ImportFormatError(
            n_(
                "{name}: lacks column {columns}.",
                "{name}: lacks columns {columns}.",
                len(missing),
                name=Path(path).name,
                columns=enumeration(missing),
            )
        )
    for col in ("lat", "lon"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce")
    return frame

"""Library branches from the IMLS Public Libraries Survey outlet file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from geo.census.study_area import BRANCH_COLUMNS
from geo.errors import ImportFormatError
from geo.messages import N_, enumeration

IMLS_COLUMNS = (
    "FSCSKEY",
    "FSCS_SEQ",
    "LIBNAME",
    "ADDRESS",
    "CITY",
    "HOURS",
    "LATITUDE",
    "LONGITUD",
    "INCITSST",
    "INCITSCO",
    "C_OUT_TY",
)
OUTLET_TYPES = {"CE": "central library", "BR": "branch", "BS": "bookmobile", "MO": "books by mail"}


def _read_outlet_file(path: Path) -> pd.DataFrame:
    """Every cell as text; UTF-8 if it decodes, else Windows-1252 (the published IMLS files)."""
    try:
        path.read_bytes().decode("utf-8-sig")
        text_encoding = "utf-8-sig"
    except UnicodeDecodeError:
        text_encoding = "cp1252"
    return pd.read_csv(path, dtype=str, encoding=text_encoding, keep_default_na=False)


def import_branches_imls(path: Path | str, counties: Sequence[str]) -> pd.DataFrame:
    """Outlets of the IMLS PLS outlet file (cp1252) in the given counties, as branches.

    Parameters
    ----------
    path
        ``pls_fy18_outlet_pud18i.csv`` or a later year's outlet file.
    counties
        Five-digit state+county FIPS codes (``"36061"``).

    Returns
    -------
    DataFrame with :data:`geo.census.study_area.BRANCH_COLUMNS`; ``branch_id`` is the survey's
    outlet id ``FSCSKEY-FSCS_SEQ`` (e.g. ``NY0004-002``). ``hours`` are the annual public
    service hours the survey reports (negative codes mean not reported and become "").

    Raises
    ------
    ImportFormatError
        If a needed column is missing or no outlet lies in the counties.
    """
    path = Path(path)
    frame = _read_outlet_file(path)
    missing = [c for c in IMLS_COLUMNS if c not in frame.columns]
    if missing:
        raise ImportFormatError.said(
            N_("{name}: not an IMLS outlet file; it lacks {columns}."),
            name=path.name,
            columns=enumeration(missing),
        )
    fips = frame["INCITSST"].str.zfill(2) + frame["INCITSCO"].str.zfill(3)
    chosen = frame[fips.isin(set(counties))]
    if chosen.empty:
        raise ImportFormatError.said(
            N_("{name}: no library outlets in counties {counties}."),
            name=path.name,
            counties=enumeration(counties),
        )
    hours = pd.to_numeric(chosen["HOURS"], errors="coerce")
    kind = chosen["C_OUT_TY"].map(OUTLET_TYPES).fillna("outlet")
    return (
        pd.DataFrame(
            {
                "branch_id": chosen["FSCSKEY"].str.strip() + "-" + chosen["FSCS_SEQ"].str.strip(),
                "name": chosen["LIBNAME"].str.strip(),
                "address": chosen["ADDRESS"].str.strip() + ", " + chosen["CITY"].str.strip(),
                "lat": pd.to_numeric(chosen["LATITUDE"], errors="coerce"),
                "lon": pd.to_numeric(chosen["LONGITUD"], errors="coerce"),
                "hours": [
                    f"{h:,.0f} public service hours a year ({k})" if h >= 0 else f"({k})"
                    for h, k in zip(hours.fillna(-1), kind, strict=True)
                ],
                "services": "",
                "collection_languages": "",
            },
            columns=list(BRANCH_COLUMNS),
        )
        .dropna(subset=["lat", "lon"])
        .reset_index(drop=True)
    )

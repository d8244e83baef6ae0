"""ACS tables on disk: pairing downloads with their metadata, the vintage, and a
normalized Parquet copy that every study area (ACS, Census API, generic counts) loads.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from geo.census.acs import AcsTable, read_acs_table
from geo.census.area_words import vintage_text
from geo.errors import ImportFormatError
from geo.messages import N_, enumeration

_VINTAGE = re.compile(r"ACSDT(?P<span>[15])Y(?P<year>\d{4})")
_TABLE_CODE = re.compile(r"^(?P<table>[BC]\d{5}[A-Z]?)_\d{3}E$")


def vintage_from_names(names: Sequence[str]) -> str | None:
    """``ACS 2019-2023 5-year`` from a file name like ``ACSDT5Y2023.B05006-Data.csv``."""
    for name in names:
        found = _VINTAGE.search(name)
        if found:
            return describe_vintage(int(found["year"]), int(found["span"]))
    return None


def describe_vintage(year: int, span: int = 5) -> str:
    """The vintage as users read it: ``ACS 2019-2023 5-year`` or ``ACS 2023 1-year``."""
    return vintage_text(year, span)  # English, as stored; said again by say_vintage


def _first_row(path: Path) -> list[str]:
    raw = path.read_bytes()[:65536]
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFormatError.said(
            N_("{name}: the file is neither UTF-8 nor Windows-1252 text."), name=path.name
        )
    return next(csv.reader(io.StringIO(text)), [])


def read_census_downloads(paths: Sequence[Path | str]) -> dict[str, AcsTable]:
    """Read data.census.gov downloads: any ``-Data.csv`` tables plus their metadata files.

    Files are told apart by their content, not their names: a metadata file starts with
    ``"Column Name","Label"``; a data file has a ``GEO_ID`` column. Each metadata file is
    matched to the table whose column codes it lists, so renamed downloads still pair.

    Raises
    ------
    ImportFormatError
        If a file is neither, or no data file is given.
    """
    data, metadata = [], []
    for path in map(Path, paths):
        header = _first_row(path)
        if header[:2] == ["Column Name", "Label"]:
            metadata.append(path)
        elif "GEO_ID" in header:
            codes = [m["table"] for m in map(_TABLE_CODE.match, header) if m]
            if not codes:
                raise ImportFormatError.said(
                    N_("{name}: no ACS estimate columns (like B05006_001E) in the first row."),
                    name=path.name,
                )
            data.append((path, codes[0]))
        else:
            raise ImportFormatError.said(
                N_(
                    "{name}: not a data.census.gov table download. Upload the '-Data.csv' file "
                    "and, if you have it, its '-Column-Metadata.csv'."
                ),
                name=path.name,
            )
    if not data:
        raise ImportFormatError.said(N_("No ACS data file (…-Data.csv) among the files given."))
    tables: dict[str, AcsTable] = {}
    for path, table_id in data:
        meta = next(
            (
                m
                for m in metadata
                if f'"{table_id}_001E"' in m.read_text(encoding="utf-8-sig", errors="replace")
            ),
            None,
        )
        table = read_acs_table(path, meta)
        tables[table.table_id] = table
    return tables


def save_tables(tables: dict[str, AcsTable], folder: Path) -> None:
    """Write each table as ``<id>.parquet`` (estimates ``<var>E``, MOEs ``<var>M``) + labels."""
    folder.mkdir(parents=True, exist_ok=True)
    for table_id, table in tables.items():
        frame = pd.concat([table.estimates.add_suffix("E"), table.moes.add_suffix("M")], axis=1)
        if table.names is not None:
            frame.insert(0, "NAME", table.names.reindex(frame.index).astype(str))
        frame.index = frame.index.astype(str)
        frame.rename_axis("GEOID").reset_index().to_parquet(folder / f"{table_id}.parquet")
        labels = {v: list(path) for v, path in table.labels.items()}
        (folder / f"{table_id}.labels.json").write_text(
            json.dumps({"table_id": table_id, "labels": labels}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )


def load_tables(folder: Path) -> dict[str, AcsTable]:
    """Read the tables written by :func:`save_tables`."""
    tables: dict[str, AcsTable] = {}
    for meta_path in sorted(folder.glob("*.labels.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        frame = pd.read_parquet(folder / f"{meta['table_id']}.parquet").set_index("GEOID")
        variables = list(meta["labels"])
        tables[meta["table_id"]] = AcsTable(
            table_id=meta["table_id"],
            estimates=frame[[f"{v}E" for v in variables]].set_axis(variables, axis=1),
            moes=frame[[f"{v}M" for v in variables]].set_axis(variables, axis=1),
            labels={v: tuple(p) for v, p in meta["labels"].items()},
            names=frame["NAME"] if "NAME" in frame.columns else None,
        )
    return tables


def _keys(frame: pd.DataFrame, key_column: str, name: str) -> pd.Series:
    """The key column, stripped; refused when missing or repeated."""
    if key_column not in frame.columns:
        raise ImportFormatError.said(
            N_("{name}: no column '{column}'. Columns: {columns}."),
            name=name,
            column=key_column,
            columns=enumeration(frame.columns),
        )
    keys = frame[key_column].str.strip()
    if keys.duplicated().any():
        raise ImportFormatError.said(
            N_("{name}: '{column}' repeats '{value}'; ids must be unique."),
            name=name,
            column=key_column,
            value=keys[keys.duplicated()].iloc[0],
        )
    return keys


def read_counts_table(
    path: Path | str,
    *,
    key_column: str,
    table_id: str = "COUNTS",
    universe_column: str | None = None,
) -> AcsTable:
    """Any CSV of counts keyed by an area id (non-U.S. data, e.g. Canadian tracts).

    Every numeric column becomes a variable labelled by its column name; a column named
    ``<var>_moe`` holds that variable's 90% margin of error. Without one, the MOE is
    missing and the figure is shown as having no published margin of error.
    ``universe_column`` (e.g. total population) becomes ``Total`` and the others its parts,
    so shares can be computed.

    Raises
    ------
    ImportFormatError
        If the key column is missing or duplicated, or there are no numeric columns.
    """
    path = Path(path)
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    keys = _keys(frame, key_column, path.name)
    values = frame.drop(columns=[key_column]).apply(
        lambda c: pd.to_numeric(c.str.replace(",", "", regex=False), errors="coerce")
    )
    variables = [c for c in values.columns if not c.endswith("_moe") and values[c].notna().any()]
    if not variables:
        raise ImportFormatError.said(
            N_("{name}: no numeric count columns besides '{column}'."),
            name=path.name,
            column=key_column,
        )
    index = pd.Index(keys, name="GEOID")
    est = values[variables].set_axis(index)
    moes = pd.DataFrame(
        {v: values[f"{v}_moe"] if f"{v}_moe" in values else float("nan") for v in variables}
    ).set_axis(index)
    labels: dict[str, tuple[str, ...]] = {v: (v,) for v in variables}
    if universe_column:
        if universe_column not in variables:
            raise ImportFormatError.said(
                N_("{name}: no count column '{column}'."), name=path.name, column=universe_column
            )
        labels = {v: ("Total",) if v == universe_column else ("Total", v) for v in variables}
    return AcsTable(
        table_id=table_id,
        estimates=est.astype("float64"),
        moes=moes.astype("float64"),
        labels=labels,
    )

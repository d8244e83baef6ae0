"""Read American Community Survey tables as downloaded from data.census.gov.

Variables are found by their labels (``Estimate!!Total:!!Foreign born:``), never by
position, because ACS numbering changes between vintages.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import DataNotAvailable, ImportFormatError
from geo.messages import N_

# data.census.gov annotation codes that stand in for numbers. A MOE of "*****" means the
# estimate is controlled (no sampling error); the others mean "no usable number".
_CONTROLLED_MOE = {"*****"}
_MISSING = {
    "",
    "-",
    "N",
    "(X)",
    "**",
    "***",
    "null",
    "-555555555",
    "-666666666",
    "-888888888",
    "-999999999",
    "-222222222",
    "-333333333",
}
_CODE = re.compile(r"^(?P<table>[BC]\d{5}[A-Z]?)_(?P<line>\d{3})(?P<kind>[EM])$")


@dataclass
class AcsTable:
    """One ACS table for many tracts: estimates and MOEs indexed by GEOID."""

    table_id: str
    estimates: pd.DataFrame  # columns: variable ids like "B05006_060"
    moes: pd.DataFrame
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: pd.Series | None = None  # tract names as published

    def find(self, *path: str) -> str:
        """Variable id whose label path ends with ``path`` (case-insensitive, ':' ignored).

        Raises
        ------
        DataNotAvailable
            If no variable, or more than one, has that label path.
        """
        want = tuple(_norm(p) for p in path)
        hits = [v for v, lab in self.labels.items() if tuple(map(_norm, lab[-len(want) :])) == want]
        exact = [v for v in hits if len(self.labels[v]) == len(want) + 1]
        if len(hits) > 1 and len(exact) == 1:
            hits = exact
        if len(hits) != 1:
            raise DataNotAvailable.said(
                N_("Table {table} has {count} variables labelled '{label}'.")
                if hits
                else N_("Table {table} has no variable labelled '{label}'."),
                table=self.table_id,
                count=len(hits),
                label=" > ".join(path),
            )
        return hits[0]

    def children(self, var: str) -> list[str]:
        """Variables directly below ``var`` in the label tree."""
        parent = self.labels[var]
        return [
            v
            for v, lab in self.labels.items()
            if len(lab) == len(parent) + 1 and lab[: len(parent)] == parent
        ]

    def leaves(self, under: str | None = None) -> list[str]:
        """Variables with no children (e.g. countries in B05006), optionally below ``under``."""
        prefix = self.labels[under] if under else ()
        out = []
        for v, lab in self.labels.items():
            if lab[: len(prefix)] != prefix or v == under:
                continue
            if not self.children(v):
                out.append(v)
        return out

    def name(self, var: str) -> str:
        """The last label component, as users read it (``Bhutan``)."""
        return self.labels[var][-1].rstrip(":")

    def estimate(self, var: str) -> pd.Series:
        """Estimates of one variable by GEOID."""
        return self.estimates[var]

    def moe(self, var: str) -> pd.Series:
        """Margins of error of one variable by GEOID."""
        return self.moes[var]


def _norm(label: str) -> str:
    return label.strip().rstrip(":").strip().casefold()


def _label_path(label: str) -> tuple[str, ...]:
    parts = [p.strip() for p in label.split("!!")]
    if parts and parts[0] in ("Estimate", "Margin of Error"):
        parts = parts[1:]
    return tuple(p.rstrip(":").strip() for p in parts)


def _to_number(values: pd.Series, *, moe: bool) -> pd.Series:
    text = values.astype(str).str.strip().str.replace(",", "", regex=False)
    if moe:
        text = text.where(~text.isin(_CONTROLLED_MOE), "0")
    text = text.where(~text.isin(_MISSING))
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _decode(raw: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFormatError.said(
        N_("{name}: the file is neither UTF-8 nor Windows-1252 text."), name=source
    )


def read_acs_table(data_path: Path | str, metadata_path: Path | str | None = None) -> AcsTable:
    """Read a data.census.gov table download (``ACSDT5Y2023.B05006-Data.csv``).

    Parameters
    ----------
    data_path
        The ``-Data.csv`` file: column codes in row 1, labels in row 2 (optional),
        a byte-order mark and a trailing empty column are tolerated.
    metadata_path
        The matching ``-Column-Metadata.csv``; when given its labels win.

    Raises
    ------
    ImportFormatError
        If the file has no ``GEO_ID`` column or no ACS estimate columns.
    """
    data_path = Path(data_path)
    text = _decode(data_path.read_bytes(), data_path.name)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "GEO_ID" not in rows[0]:
        raise ImportFormatError.said(
            N_(
                "{name}: no GEO_ID column in the first row. Download the table from "
                "data.census.gov as CSV (the '-Data.csv' file)."
            ),
            name=data_path.name,
        )
    header = rows[0]
    has_label_row = len(rows) > 1 and rows[1][:1] == ["Geography"]
    labels_row = rows[1] if has_label_row else []
    body = rows[2:] if has_label_row else rows[1:]
    frame = pd.DataFrame([r[: len(header)] for r in body if any(r)], columns=header, dtype=str)
    labels = dict(zip(header, labels_row, strict=False)) if labels_row else {}
    if metadata_path is not None:
        labels.update(_read_metadata(Path(metadata_path)))
    return _build_table(frame, labels, data_path.name)


def _read_metadata(path: Path) -> dict[str, str]:
    text = _decode(path.read_bytes(), path.name)
    rows = list(csv.reader(io.StringIO(text)))
    return {r[0]: r[1] for r in rows[1:] if len(r) >= 2}


def _build_table(frame: pd.DataFrame, labels: dict[str, str], source: str) -> AcsTable:
    geoid = frame["GEO_ID"].str.strip().str.split("US").str[-1]
    codes = {c: _CODE.match(c) for c in frame.columns}
    est_cols = {c: m for c, m in codes.items() if m and m["kind"] == "E"}
    if not est_cols:
        raise ImportFormatError.said(
            N_("{name}: no ACS estimate columns (like B05006_001E) found."), name=source
        )
    table_id = next(iter(est_cols.values()))["table"]
    estimates, moes, label_paths = {}, {}, {}
    for col, m in est_cols.items():
        var = f"{m['table']}_{m['line']}"
        estimates[var] = _to_number(frame[col], moe=False).to_numpy()
        moe_col = f"{var}M"
        moes[var] = (
            _to_number(frame[moe_col], moe=True).to_numpy()
            if moe_col in frame
            else [float("nan")] * len(frame)
        )
        label_paths[var] = _label_path(labels.get(col, var))
    index = pd.Index(geoid, name="GEOID")
    return AcsTable(
        table_id=table_id,
        estimates=pd.DataFrame(estimates, index=index),
        moes=pd.DataFrame(moes, index=index),
        labels=label_paths,
        names=pd.Series(frame["NAME"].to_numpy(), index=index) if "NAME" in frame else None,
    )


def build_acs_table(frame: pd.DataFrame, labels: dict[str, str], source: str) -> AcsTable:
    """An :class:`AcsTable` from raw columns (``GEO_ID``, ``NAME``, ``<TABLE>_001E`` …).

    ``labels`` maps column codes to ``Estimate!!Total:…`` labels (as the metadata file or
    the Census Data API's groups endpoint give them). Used for API answers.
    """
    return _build_table(frame, labels, source)


def read_acs_folder(folder: Path | str) -> dict[str, AcsTable]:
    """Read every ``*-Data.csv`` table in ``folder`` (with its metadata file if present)."""
    tables: dict[str, AcsTable] = {}
    for data_path in sorted(Path(folder).glob("*-Data.csv")):
        meta = data_path.with_name(data_path.name.replace("-Data.csv", "-Column-Metadata.csv"))
        table = read_acs_table(data_path, meta if meta.exists() else None)
        tables[table.table_id] = table
    return tables

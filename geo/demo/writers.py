"""Byte-stable writers for the demo files (GeoJSON, data.census.gov CSV, plain CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
from shapely.geometry import mapping

_BOM = "\ufeff"


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write an EPSG:4326 GeoDataFrame as a FeatureCollection, one feature per line."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    lines = []
    for record, geometry in zip(
        frame[columns].to_dict("records"), frame.geometry.values, strict=True
    ):
        feature = {
            "type": "Feature",
            "properties": {k: _plain(v) for k, v in record.items()},
            "geometry": _rounded(mapping(geometry)),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def _rounded(value: object) -> object:
    """Round every coordinate to 6 decimals (about 0.1 m) so floats print the same each run."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def _plain(value: object) -> object:
    """Turn numpy scalars into plain Python values for JSON."""
    return value.item() if hasattr(value, "item") else value


def write_census_csv(path: Path, rows: Iterable[Sequence[object]], *, trailing: bool) -> None:
    """Write rows as data.census.gov does: UTF-8 with BOM, every value quoted.

    With ``trailing`` each line ends in a comma, the empty last column of a download.
    """
    lines = []
    for row in rows:
        quoted = ",".join('"' + str(value).replace('"', '""') + '"' for value in row)
        lines.append(quoted + ("," if trailing else ""))
    path.write_text(_BOM + "\n".join(lines) + "\n", encoding="utf-8")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a plain UTF-8 CSV (minimal quoting, Unix line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_json(path: Path, payload: dict[str, object]) -> None:
    """Write pretty, key-ordered JSON."""
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

"""Tract outlines as one GeoJSON file the browser fetches once and caches.

Sending the geometry inside the map's script would send it again on every filter click
(streamlit-folium resends the whole script). So each study area's outlines are simplified
once (``shapely.coverage_simplify``: shared borders stay identical, no slivers), rounded to
5 decimals (about 1 m), and written to a file served by Streamlit's static serving. The
file name carries a hash of its content: two servers write the same name, a re-imported
study area gets a new one, and a browser never keeps stale outlines.

Only public data go into the file: tract ids, names and outlines from the Census Bureau
(or the polygons a study area was imported from).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely

GENERATED_DIR = "generated"  # under static/; gitignored, rebuilt on demand


@dataclass(frozen=True, kw_only=True)
class TractFile:
    """Where a study area's outlines are served, and in which order the map expects them."""

    url: str
    path: Path
    geoids: tuple[str, ...]
    bounds: tuple[float, float, float, float]
    bytes: int


def build_tract_geojson(outlines: gpd.GeoDataFrame) -> bytes:
    """Compact GeoJSON of simplified outlines: ``id`` = GEOID, ``i`` = position, ``n`` = name.

    The position ``i`` is the tract's place in every per-filter payload, which therefore
    needs no GEOIDs (see :mod:`geo.maps.map_state`).
    """
    features = [
        {
            "type": "Feature",
            "id": str(geoid),
            "properties": {"i": i, "n": str(name)},
            "geometry": shapely.geometry.mapping(geometry),
        }
        for i, (geoid, name, geometry) in enumerate(
            zip(outlines.index, outlines["NAME"], outlines.geometry, strict=True)
        )
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return text.encode("utf-8")


def write_tract_file(
    outlines: gpd.GeoDataFrame, static_dir: Path, area_name: str, base_url: str = "/app/static"
) -> TractFile:
    """Write (or find already written) the outlines file of one study area.

    Parameters
    ----------
    outlines
        Simplified tract polygons in WGS84 (``geo.maps.layers.simplify_tracts``), indexed by
        GEOID, with a ``NAME`` column.
    static_dir
        The folder Streamlit serves at ``base_url`` (``static/`` next to ``app.py``).
    area_name
        The study area's name, part of the file name so a person can tell files apart.

    Returns
    -------
    TractFile
        The URL for the browser, the file on disk and the GEOID order of its features.
    """
    data = build_tract_geojson(outlines)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", area_name)[:40] or "area"
    url, path = write_hashed(static_dir, f"tracts-{safe}", ".geojson", data, base_url)
    return TractFile(
        url=url,
        path=path,
        geoids=tuple(str(g) for g in outlines.index),
        bounds=tuple(float(b) for b in outlines.total_bounds),  # type: ignore[arg-type]
        bytes=len(data),
    )


def write_hashed(
    static_dir: Path, prefix: str, suffix: str, data: bytes, base_url: str = "/app/static"
) -> tuple[str, Path]:
    """Write ``data`` under ``static/generated/`` named by its hash; return its URL and path.

    Same content, same name: two servers write the same file, and a browser may cache it
    for good, since new content always comes under a new name.
    """
    name = f"{prefix}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    path = static_dir / GENERATED_DIR / name
    if not path.is_file() or path.stat().st_size != len(data):
        _write_atomically(path, data)
    return f"{base_url.rstrip('/')}/{GENERATED_DIR}/{name}", path


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)

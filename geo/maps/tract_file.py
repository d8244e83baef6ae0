"""Tract outlines as one TopoJSON file the browser fetches once and caches.

Sending the geometry inside the map's script would send it again on every filter click
(streamlit-folium resends the whole script). So each study area's outlines are simplified
once (``shapely.coverage_simplify``: shared borders stay identical, no slivers) and written
as TopoJSON (the ``topojson`` package): each border shared by two tracts is stored once as
an arc, its points as small integers on a grid of at most 1e-5 degrees (about 1 m), each
the difference from the previous point. At New York City scale (2,324 tracts) that is
about a third of the same outlines as GeoJSON rounded to 5 decimals. The file is standard
TopoJSON (each geometry's ``id`` is its GEOID, as the specification recommends), so the
browser reads it with the ``topojson-client`` library (``static/atlas/home_map.js``).

The file is served by Streamlit's static serving. Its name carries a hash of its content:
two servers write the same name, a re-imported study area gets a new one, and a browser
never keeps stale outlines.

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
import topojson

GENERATED_DIR = "generated"  # under static/; gitignored, rebuilt on demand


@dataclass(frozen=True, kw_only=True)
class TractFile:
    """Where a study area's outlines are served, and in which order the map expects them."""

    url: str
    path: Path
    geoids: tuple[str, ...]
    bounds: tuple[float, float, float, float]
    bytes: int


FORMAT = "topojson-2"  # part of the file name: a new encoding never meets an old file
GRID_DEGREES = 1e-5  # the outlines' precision (geo.maps.layers.simplify_tracts)


def build_tract_topojson(outlines: gpd.GeoDataFrame) -> bytes:
    """Compact TopoJSON of simplified outlines, one geometry per tract in ``outlines`` order.

    Standard TopoJSON: ``arcs``, ``transform`` and ``objects.tracts``, whose geometries
    carry the tracts' GEOIDs as ``id``. The names are one extra member (``names``, see
    :func:`pack_names`; the specification allows any member), packed in the same order:
    a tract's position is its place in every per-filter payload, which therefore needs no
    GEOIDs (see :mod:`geo.maps.map_state`).
    """
    geometries = gpd.GeoDataFrame(geometry=outlines.geometry.values, crs=outlines.crs)
    minx, miny, maxx, maxy = geometries.total_bounds if len(geometries) else (0, 0, 0, 0)
    levels = max(2, int(max(maxx - minx, maxy - miny) / GRID_DEGREES) + 2)
    topology = topojson.Topology(
        geometries, prequantize=levels, topology=True, toposimplify=False, presimplify=False
    ).to_dict()
    shapes = topology["objects"]["data"]["geometries"] if len(geometries) else []
    payload = {
        "type": "Topology",
        "transform": topology.get("transform"),
        "arcs": topology.get("arcs", []),
        "objects": {
            "tracts": {
                "type": "GeometryCollection",
                "geometries": [
                    _compact(g, str(geoid)) for g, geoid in zip(shapes, outlines.index, strict=True)
                ],
            }
        },
        "names": pack_names([str(n) for n in outlines["NAME"]]),
    }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _compact(shape: dict, geoid: str) -> dict:
    """A tract's TopoJSON geometry: its GEOID, no properties, a one-part MultiPolygon as a Polygon.

    A tract without outline is a null geometry (``"type": null``, as the reference encoder
    topojson-server writes it; the browser draws nothing for it).
    """
    arcs = shape.get("arcs") or []
    if not arcs:
        return {"type": None, "id": geoid}
    if shape["type"] == "MultiPolygon" and len(arcs) == 1:
        return {"type": "Polygon", "id": geoid, "arcs": arcs[0]}
    return {"type": shape["type"], "id": geoid, "arcs": arcs}


def pack_names(names: list[str]) -> dict:
    """Tract names without their repeated parts: ``p`` + ``h[i]`` + ``t[k[i]]``.

    "Census Tract 127.01, Bronx County" is the common prefix "Census Tract ", the head
    "127.01" and one of a few tails (", Bronx County"), so 2,324 names cost a third.
    """
    prefix = os.path.commonprefix(names) if len(names) > 1 else ""
    heads: list[str] = []
    tails: dict[str, int] = {}
    which: list[int] = []
    for name in names:
        head, sep, tail = name[len(prefix) :].partition(", ")
        heads.append(head)
        which.append(tails.setdefault(sep + tail, len(tails)))
    return {"p": prefix, "h": heads, "t": list(tails), "k": which}


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
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", area_name)[:40] or "area"
    name = f"tracts-{safe}-{_outlines_hash(outlines)}.topo.json"
    path = static_dir / GENERATED_DIR / name
    if not path.is_file() or not path.stat().st_size:  # built once: ~1-3 s at NYC scale
        _write_atomically(path, build_tract_topojson(outlines))
    return TractFile(
        url=f"{base_url.rstrip('/')}/{GENERATED_DIR}/{name}",
        path=path,
        geoids=tuple(str(g) for g in outlines.index),
        bounds=tuple(float(b) for b in outlines.total_bounds),  # type: ignore[arg-type]
        bytes=path.stat().st_size,
    )


def _outlines_hash(outlines: gpd.GeoDataFrame) -> str:
    """A hash of what the file is built from (and of its format), read in milliseconds.

    The same outlines always give the same file, so it is named before it is built: a
    server that finds it written (by itself before a restart, or by another server) skips
    building the topology.
    """
    digest = hashlib.sha256(f"{FORMAT}\n".encode())
    digest.update(
        json.dumps([[str(g) for g in outlines.index], [str(n) for n in outlines["NAME"]]]).encode()
    )
    for wkb in shapely.to_wkb(outlines.geometry.values, hex=False):
        digest.update(wkb or b"")
    return digest.hexdigest()[:16]


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

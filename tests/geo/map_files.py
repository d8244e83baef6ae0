"""Read the home map's files as the browser does (static/atlas/home_map.js), for tests."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import shape

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def read_tracts(path: Path) -> list[tuple[str, str, shapely.Geometry | None]]:
    """(GEOID, name, outline) per tract of a TopoJSON outlines file, in file order."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    scale, shift = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)

    def ring(ids: list[int]) -> list:
        points: list = []
        for k in ids:
            arc = arcs[~k][::-1] if k < 0 else arcs[k]
            points = points[:-1] + arc
        return points

    names = topo["names"]
    out = []
    for i, g in enumerate(topo["objects"]["tracts"]["geometries"]):
        geometry = None
        if g["type"] == "Polygon":
            geometry = shape({"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]})
        elif g["type"] == "MultiPolygon":
            parts = [[ring(r) for r in p] for p in g["arcs"]]
            geometry = shape({"type": "MultiPolygon", "coordinates": parts})
        name = names["p"] + names["h"][i] + names["t"][names["k"][i]]
        out.append((g["id"], name, geometry))
    return out


def read_site_positions(data: bytes) -> list[tuple[float, float]]:
    """(lat, lon) per site of a sites file, in file order."""
    d = json.loads(data)
    w, p = d["w"], d["p"]

    def number(at: int) -> int:
        v = 0
        for ch in p[at : at + w]:
            v = v * 64 + B64.index(ch)
        return v

    return [
        ((d["y0"] + number(2 * w * i)) * d["g"], (d["x0"] + number(2 * w * i + w)) * d["g"])
        for i in range(len(d["c"]))
    ]

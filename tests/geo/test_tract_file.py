"""The outlines file is standard TopoJSON: the map's script reads it with topojson-client."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import MultiPolygon, Polygon, box, shape

from geo.maps.tract_file import write_tract_file

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "node_modules" / "topojson-client" / "dist" / "topojson-client.js"
SCRIPT = ROOT / "static" / "atlas" / "home_map.js"

# home_map.js's own reader, taken out of the file and run with the npm library.
_READ_IN_NODE = """
const fs = require("fs");
globalThis.topojson = require(process.argv[1]);
const src = fs.readFileSync(process.argv[2], "utf8");
const start = src.indexOf("function topologyFeatures(");
let depth = 0, i = src.indexOf("{", start);
for (; i < src.length; i++) {
  if (src[i] === "{") depth++;
  if (src[i] === "}" && --depth === 0) break;
}
const read = new Function(src.slice(start, i + 1) + "return topologyFeatures;")();
const topo = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
console.log(JSON.stringify(read(topo)));
"""


def _outlines() -> gpd.GeoDataFrame:
    """A square with a hole, two squares as one tract (sharing a border with it), no outline."""
    holed = Polygon(
        box(-45.03, 41.0, -45.018, 41.009).exterior.coords,
        [box(-45.026, 41.003, -45.022, 41.006).exterior.coords],
    )
    two = MultiPolygon([box(-45.018, 41.0, -45.006, 41.009), box(-45.0, 41.0, -44.99, 41.005)])
    return gpd.GeoDataFrame(
        {"NAME": ["Census Tract 1, A County", "Census Tract 2, B County", "Census Tract 3"]},
        geometry=[holed, two, Polygon()],
        index=["01001000100", "01001000200", "01001000300"],
        crs="EPSG:4326",
    )


@pytest.fixture
def read_in_browser_code(tmp_path):
    node = shutil.which("node")
    if node is None or not CLIENT.is_file():
        pytest.skip("node or node_modules/topojson-client absent: run `npm ci`")

    def read(path: Path) -> dict:
        args = [node, "-e", _READ_IN_NODE, str(CLIENT), str(SCRIPT), str(path)]
        return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)

    return read


def test_the_map_script_reads_every_tract_with_topojson_client(tmp_path, read_in_browser_code):
    outlines = _outlines()
    written = write_tract_file(outlines, tmp_path, "tiny")
    features = read_in_browser_code(written.path)["features"]
    assert [f["id"] for f in features] == list(outlines.index) == list(written.geoids)
    assert [f["properties"] for f in features] == [
        {"i": i, "n": name} for i, name in enumerate(outlines["NAME"])
    ]
    assert features[2]["geometry"] is None  # nothing to draw, and no error
    for feature, expected in zip(features[:2], outlines.geometry[:2], strict=True):
        drawn = shape(feature["geometry"])
        assert drawn.geom_type == expected.geom_type and drawn.is_valid
        assert drawn.hausdorff_distance(expected) < 1.5e-5  # degrees: the 1e-5 grid
        assert abs(drawn.area - expected.area) < 0.001 * expected.area


def test_each_geometry_carries_its_geoid_as_the_specification_recommends(tmp_path):
    topo = json.loads(write_tract_file(_outlines(), tmp_path, "tiny").path.read_text())
    assert topo["type"] == "Topology" and set(topo["transform"]) == {"scale", "translate"}
    geometries = topo["objects"]["tracts"]["geometries"]
    assert [g["id"] for g in geometries] == ["01001000100", "01001000200", "01001000300"]
    assert [g["type"] for g in geometries] == ["Polygon", "MultiPolygon", None]

"""Benchmark: build and render the home-page map of the demo city.

Prints seconds and HTML megabytes for Welcome Atlas's map next to a naive folium map of the
same content measured in the same run (raw GeoDataFrame choropleth, one folium.Marker per
organization in a MarkerCluster), and the ratios. Not a test: numbers vary by machine.

    python bench/map.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium  # noqa: E402
import folium.plugins  # noqa: E402

from geo.census.indicators import compute_indicator  # noqa: E402
from geo.census.study_area import load_demo_study_area  # noqa: E402
from geo.config import DEMO_DIR  # noqa: E402
from geo.filters import Filters  # noqa: E402
from geo.io.organizations import load_organizations_csv  # noqa: E402
from geo.maps.asset_map import MapOptions, build_asset_map  # noqa: E402
from geo.maps.layers import simplify_tracts  # noqa: E402


def naive_map(area, organizations) -> folium.Map:
    """What a first attempt looks like: everything passed to folium as-is."""
    values = compute_indicator(area.tables, "foreign_born_share")["estimate"].rename("value")
    tracts = area.tracts.join(values)
    minx, miny, maxx, maxy = tracts.total_bounds
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=12, tiles=None, maxZoom=18
    )
    folium.Choropleth(
        tracts, data=tracts, columns=["GEOID", "value"], key_on="feature.id", fill_color="YlGnBu"
    ).add_to(m)
    folium.GeoJson(tracts, tooltip=folium.GeoJsonTooltip(["NAME", "value"])).add_to(m)
    cluster = folium.plugins.MarkerCluster().add_to(m)
    for _, org in organizations.dropna(subset=["lat"]).iterrows():
        folium.Marker([org["lat"], org["lon"]], tooltip=org["name"]).add_to(cluster)
    for _, b in area.branches.iterrows():
        folium.Marker([b["lat"], b["lon"]], tooltip=b["name"]).add_to(m)
        folium.Circle([b["lat"], b["lon"]], radius=1000).add_to(m)
    return m


def measure(build, repeat: int) -> tuple[float, float]:
    """Median seconds to build and render, and the HTML size in MB."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        html = build().get_root().render()
        times.append(time.perf_counter() - start)
        size = len(html.encode("utf-8"))
    return statistics.median(times), size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    area = load_demo_study_area(DEMO_DIR)
    orgs = load_organizations_csv(DEMO_DIR / "organizations.csv")
    outlines = simplify_tracts(area.tracts)  # cached once per server in the app
    ours = measure(
        lambda: build_asset_map(area, outlines, orgs, Filters(), MapOptions()).map, args.repeat
    )
    naive = measure(lambda: naive_map(area, orgs), args.repeat)
    print(
        f"demo city: {len(area.tracts)} tracts, {len(orgs)} organizations, "
        f"{len(area.branches)} branches"
    )
    print(f"{'map':<14}{'seconds':>10}{'HTML MB':>10}")
    print(f"{'naive folium':<14}{naive[0]:>10.3f}{naive[1]:>10.2f}")
    print(f"{'Welcome Atlas':<14}{ours[0]:>10.3f}{ours[1]:>10.2f}")
    print(f"ratio (naive / ours): time {naive[0] / ours[0]:.1f}x, size {naive[1] / ours[1]:.1f}x")
    bench_nyc(orgs, args.repeat)


REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"


def bench_nyc(orgs, repeat: int) -> None:
    """The same comparison on New York City's 2,324 real tracts (skipped without the data)."""
    if not REAL.is_dir():
        print("New York City: skipped (../shared/data/real not found)")
        return
    import tempfile

    from geo.census.imports import import_census_download
    from geo.census.store import StudyAreaStore

    acs = REAL / "acs_nyc_tracts"
    store = StudyAreaStore(tempfile.mkdtemp(), DEMO_DIR)
    import_census_download(
        store,
        "nyc",
        tracts_path=REAL / "tracts_ny_cb2020" / "cb_2020_36_tract_500k.shp",
        acs_paths=[
            acs / "B05006-original-data.csv",
            acs / "total_population.csv",
            acs / "ACSDT5Y2023.B05006-Column-Metadata.csv",
        ],
        branches_imls=REAL / "imls_pls_fy2018_outlets" / "pls_fy18_outlet_pud18i.csv",
    )
    area = store.load("nyc")
    outlines = simplify_tracts(area.tracts)
    ours = measure(
        lambda: build_asset_map(area, outlines, orgs, Filters(), MapOptions()).map, repeat
    )
    naive = measure(lambda: naive_map(area, orgs.iloc[0:0]), repeat)
    print(f"New York City: {len(area.tracts)} tracts, {len(area.branches)} branches")
    print(f"{'naive folium':<14}{naive[0]:>10.3f}{naive[1]:>10.2f}")
    print(f"{'Welcome Atlas':<14}{ours[0]:>10.3f}{ours[1]:>10.2f}")
    print(f"ratio (naive / ours): time {naive[0] / ours[0]:.1f}x, size {naive[1] / ours[1]:.1f}x")


if __name__ == "__main__":
    main()

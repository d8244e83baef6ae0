"""Server side of a home-map rerun: ours against naive folium of the same content.

Ours repeats what ``pages/map_explorer.py`` does on a rerun once the per-server caches are
warm: the database stamp query, the per-filter state, the fixed map, and streamlit-folium's
own rendering of both (``st_folium`` renders the map, then turns it and the feature group
into the strings it sends), and the layer tables below the map (built, and turned into the
Arrow bytes ``st.dataframe`` sends). The map shows one pin per site
(``geo.maps.sites.load_map_sites``). Naive is what a first attempt does: the full-resolution tracts
as a GeoJson choropleth with tooltips and one ``folium.Marker`` per organization in a
``MarkerCluster``, all rendered by streamlit-folium on every rerun.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import folium
import folium.plugins
import pandas as pd
import streamlit_folium as sf
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

from geo.census.indicators import compute_indicator
from geo.census.study_area import StudyArea
from geo.db.listing import list_assets
from geo.filters import Filters, compute_acculturation
from geo.maps.asset_map import MapOptions, build_asset_map
from geo.maps.home_map import build_places_json
from geo.maps.layer_tables import (
    build_branch_table,
    build_site_table,
    build_tract_table,
    legend_lines,
    table_csv,
)
from geo.maps.layers import simplify_tracts
from geo.maps.map_state import build_state_layer
from geo.maps.offline import localize_map
from geo.maps.sites import database_stamp, load_map_sites, placed_sites, write_sites_file
from geo.maps.tract_file import write_hashed, write_tract_file
from ui.maps import TABLES_ON_UP_TO

FILTERS = [
    Filters(),
    Filters(languages=("es",)),
    Filters(categories=("legal",)),
    Filters(countries=("Mexico",)),
    Filters(min_noncitizen_pct=20),
]


def _st_folium_strings(m: folium.Map, groups: list[folium.FeatureGroup]) -> int:
    """What st_folium computes and sends for a map: bytes of script + feature groups."""
    m.get_root().render()
    m.render()
    script = sf._get_map_string(m)
    extra = "".join(sf._get_feature_group_string(g, m, i) for i, g in enumerate(groups))
    return len((script + extra).encode("utf-8"))


def measure_ours(area: StudyArea, database_url: str, static_dir: Path, repeat: int) -> dict:
    """Seconds per rerun (median over the filters) and bytes: first load and per click."""
    engine = create_engine(database_url)
    started = time.perf_counter()
    prepared = _prepare_ours(area, engine, static_dir)
    cold_s = time.perf_counter() - started
    sites = prepared["sites"]
    rows = len(area.tracts) + len(sites) + len(area.branches)
    default_tables = rows <= TABLES_ON_UP_TO
    runs = [_rerun_ours(area, engine, prepared, f, default_tables) for f in FILTERS * repeat]
    engine.dispose()
    times, sizes, table_times, table_sizes = (list(x) for x in zip(*runs, strict=True))
    return {
        "rerun_s": statistics.median(times),
        "rerun_p95_s": sorted(times)[int(0.95 * (len(times) - 1))],
        "cold_prepare_s": cold_s,
        "per_rerun_bytes": int(statistics.median(sizes)),
        "layer_tables_shown_by_default": default_tables,
        "layer_tables_on_s": statistics.median(table_times),
        "layer_tables_on_bytes": int(statistics.median(table_sizes)),
        "files_bytes": prepared["files_bytes"],
        "files_split_bytes": prepared["files_split"],
        "site_details_bytes_on_demand": prepared["site_file"].details_bytes,
        "first_load_bytes": prepared["files_bytes"] + int(statistics.median(sizes)),
        "organizations_on_map": int(sites["organization_id"].nunique()),
        "sites_on_map": len(sites),
    }


def _prepare_ours(area: StudyArea, engine, static_dir: Path) -> dict:  # noqa: ANN001
    """What the per-server caches hold once warm: files written, sites and figures read.

    First-load files: what the browser fetches to draw the map (tract outlines, sites'
    positions and colours, branches). The sites' words (names, places, services) come
    later, on demand, and are reported apart.
    """
    outlines = simplify_tracts(area.tracts)
    tracts = write_tract_file(outlines, static_dir, area.name)
    with Session(engine) as session:
        organizations = load_map_sites(session, list_assets(session))
    sites = placed_sites(organizations, tracts.bounds)
    site_file = write_sites_file(sites.reset_index(drop=True), static_dir)
    places = write_hashed(static_dir, "places", ".json", build_places_json(area.branches, None))
    split = {"tracts": tracts.bytes, "sites": site_file.bytes,
             "branches": places[1].stat().st_size}  # fmt: skip
    return {
        "tracts": tracts, "sites": sites, "site_file": site_file, "places_url": places[0],
        "acculturation": compute_acculturation(area.tables),
        "files_bytes": sum(split.values()), "files_split": split,
    }  # fmt: skip


def _rerun_ours(
    area: StudyArea, engine, prepared: dict, filters: Filters, default_tables: bool
) -> tuple[float, int, float, int]:  # noqa: ANN001
    """One rerun: (seconds, bytes sent, seconds and bytes of the tables switched on)."""
    t0 = time.perf_counter()
    with Session(engine) as session:
        database_stamp(session)
    view = build_asset_map(
        area, prepared["tracts"], prepared["sites"], filters, MapOptions(),
        sites=prepared["site_file"], acculturation=prepared["acculturation"],
        places_url=prepared["places_url"],
    )  # fmt: skip
    map_bytes = _st_folium_strings(localize_map(view.map), [build_state_layer(view.state)])
    size = map_bytes + _layer_tables(area, view, shown=default_tables)
    seconds = time.perf_counter() - t0
    t1 = time.perf_counter()  # the tables switched on (off by default at this size)
    table_size = _layer_tables(area, view, shown=True)
    return seconds, size, time.perf_counter() - t1, table_size


def _layer_tables(area: StudyArea, view, *, shown: bool) -> int:  # noqa: ANN001
    """What ``ui.maps.show_layer_tables`` does: the tract table and the legend as text
    always; the three tables as the Arrow bytes st.dataframe sends when ``shown``."""
    tracts = build_tract_table(
        area.tracts, view.values, view.classes, label=view.indicator_label, kind=view.kind,
        highlighted=view.highlighted, show_highlight=view.show_highlight,
    )  # fmt: skip
    legend = legend_lines(view.classes, tracts, label=view.indicator_label, kind="", scheme="")
    if not shown:
        return len("\n".join(legend).encode("utf-8"))
    tables = [tracts, build_site_table(view.organizations), build_branch_table(area.branches)]
    for t in tables:
        table_csv(t)  # the download's bytes, made on the server (a link is sent, not the file)
    return sum(len(convert_pandas_df_to_arrow_bytes(t)) for t in tables)


def naive_map(area: StudyArea, organizations: pd.DataFrame) -> folium.Map:
    """What a first attempt looks like: everything passed to folium as it is."""
    values = compute_indicator(area.tables, "foreign_born_share")["estimate"].rename("value")
    tracts = area.tracts[["NAME", "geometry"]].join(values)
    tracts["GEOID"] = tracts.index
    minx, miny, maxx, maxy = tracts.total_bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], tiles=None, maxZoom=18)
    folium.GeoJson(
        tracts,
        style_function=lambda f: {"fillColor": "#41b6c4", "weight": 0.6, "fillOpacity": 0.7},
        tooltip=folium.GeoJsonTooltip(["NAME", "value"]),
    ).add_to(m)
    cluster = folium.plugins.MarkerCluster().add_to(m)
    for org in organizations.itertuples():
        folium.Marker([org.lat, org.lon], tooltip=str(org.name)).add_to(cluster)
    for b in area.branches.itertuples():
        folium.Marker([b.lat, b.lon], tooltip=str(b.name)).add_to(m)
        folium.Circle([b.lat, b.lon], radius=1000).add_to(m)
    return m


def measure_naive(area: StudyArea, database_url: str, repeat: int) -> dict:
    """Naive reruns: read the organizations, build the whole map, let st_folium render it."""
    engine = create_engine(database_url)
    times, sizes = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        with Session(engine) as session:
            organizations = list_assets(session)
        bounds = tuple(area.tracts.total_bounds)
        sites = placed_sites(organizations, bounds)  # type: ignore[arg-type]
        sizes.append(_st_folium_strings(naive_map(area, sites), []))
        times.append(time.perf_counter() - t0)
    engine.dispose()
    return {
        "rerun_s": statistics.median(times),
        "per_rerun_bytes": int(statistics.median(sizes)),
        "first_load_bytes": int(statistics.median(sizes)),
    }

"""Which organization sites are within reach of a tract, and which branch catchments cover it.

Distances are measured in the study area's metric CRS (its UTM zone), never in degrees.
Straight line: a site is within reach when it lies within ``reach_m`` metres of the tract's
boundary (a site inside the tract is at 0 m). Along streets (``WELCOME_ATLAS_STREET_GRAPH``):
the walk from a street corner inside the tract to the corner nearest the site, plus the
straight step from that corner to the site, is at most ``reach_m`` metres (a site inside the
tract is always within reach; a tract with no corner inside starts from the corner nearest
its representative point).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.config import WGS84
from geo.crs import metric_crs
from geo.i18n import N_

STRAIGHT_RULE = N_(
    "An organization site counts for a tract when it lies within {m:,.0f} m of the tract's "
    "boundary, in a straight line (sites inside the tract count too)."
)
STREET_RULE = N_(
    "An organization site counts for a tract when it lies inside the tract, or when the walk "
    "along streets from a street corner inside the tract to the corner nearest the site, plus "
    "the straight step from that corner to the site, is at most {m:,.0f} m (street graph: "
    "{graph})."
)
CATCHMENT_RULE = N_(
    "A tract is covered by a branch when its centroid lies within {m:,.0f} m of the branch "
    "(the community profile's centroid rule)."
)


def sites_frame(sites: pd.DataFrame) -> gpd.GeoDataFrame:
    """Placed sites as points (sites without coordinates cannot be within reach of anything)."""
    placed = sites.dropna(subset=["lat", "lon"])
    return gpd.GeoDataFrame(
        placed, geometry=gpd.points_from_xy(placed["lon"], placed["lat"]), crs=WGS84
    )


def sites_within_reach(
    tracts: gpd.GeoDataFrame,
    sites: pd.DataFrame,
    reach_m: float,
    street_graph: Path | str | None = None,
) -> pd.DataFrame:
    """Pairs (``geoid``, ``site``) of each tract and every site within reach of it.

    Parameters
    ----------
    tracts
        Tract polygons indexed by GEOID, EPSG:4326.
    sites
        Rows with ``lat``, ``lon``; the index identifies a site.
    reach_m
        The distance in metres.
    street_graph
        A GraphML street graph; None measures straight lines.
    """
    points = sites_frame(sites)
    if points.empty or tracts.empty:
        return pd.DataFrame({"geoid": pd.Series(dtype=str), "site": pd.Series(dtype=object)})
    crs = metric_crs(tracts)
    metric_tracts = gpd.GeoDataFrame(geometry=tracts.geometry.to_crs(crs), index=tracts.index)
    metric_points = points[["geometry"]].to_crs(crs)
    if street_graph:
        return _street_pairs(metric_tracts.to_crs(WGS84), points, reach_m, street_graph)
    joined = gpd.sjoin(
        metric_tracts.rename_axis("geoid").reset_index(),
        metric_points.rename_axis("site").reset_index(),
        predicate="dwithin",
        distance=float(reach_m),
    )
    return joined[["geoid", "site"]].reset_index(drop=True)


def _street_pairs(
    tracts: gpd.GeoDataFrame, points: gpd.GeoDataFrame, reach_m: float, path: Path | str
) -> pd.DataFrame:
    """Tract-site pairs along streets: one Dijkstra per tract from its own street corners."""
    import networkx as nx

    from geo.fieldwork.streets import load_street_graph, nearest_street_nodes

    graph = load_street_graph(path)
    crs = metric_crs(tracts)
    nodes = gpd.GeoDataFrame(
        {"node": list(graph.nodes)},
        geometry=gpd.points_from_xy(
            [graph.nodes[n]["x"] for n in graph.nodes], [graph.nodes[n]["y"] for n in graph.nodes]
        ),
        crs=WGS84,
    )
    site_nodes = nearest_street_nodes(graph, list(points.geometry.x), list(points.geometry.y))
    node_points = nodes.set_index("node").geometry.to_crs(crs)
    corner = node_points.loc[site_nodes]
    step_m = points.geometry.to_crs(crs).distance(corner.set_axis(points.index))
    inside = gpd.sjoin(points[["geometry"]], tracts[["geometry"]], predicate="within")
    pairs = {(str(g), s) for s, g in zip(inside.index, inside["index_right"], strict=True)}
    corners = gpd.sjoin(nodes, tracts[["geometry"]], predicate="within")
    metric_tracts = tracts.geometry.to_crs(crs)
    for geoid, tract in tracts.iterrows():
        sources = list(corners.loc[corners["index_right"] == geoid, "node"])
        start_m = 0.0
        if not sources:  # no corner inside: start from the nearest one, and walk to it
            point = tract.geometry.representative_point()
            sources = nearest_street_nodes(graph, [point.x], [point.y])
            start_m = float(metric_tracts[geoid].distance(node_points[sources[0]]))
        walked = nx.multi_source_dijkstra_path_length(
            graph, set(sources), cutoff=float(reach_m), weight="length"
        )
        pairs |= {
            (str(geoid), site)
            for site, node in zip(points.index, site_nodes, strict=True)
            if node in walked and start_m + walked[node] + step_m[site] <= reach_m
        }
    return pd.DataFrame(sorted(pairs, key=str), columns=["geoid", "site"])


def covering_branches(
    tracts: gpd.GeoDataFrame, branches: pd.DataFrame, radius_m: float
) -> pd.Series:
    """Per GEOID, the names of the branches whose catchment covers the tract ('' if none)."""
    out = pd.Series("", index=tracts.index, dtype=object)
    placed = branches.dropna(subset=["lat", "lon"])
    if placed.empty or tracts.empty:
        return out
    crs = metric_crs(tracts)
    centroids = gpd.GeoDataFrame(geometry=tracts.geometry.to_crs(crs).centroid, index=tracts.index)
    points = gpd.GeoDataFrame(
        {"branch": list(placed["name"])},
        geometry=gpd.points_from_xy(placed["lon"], placed["lat"]),
        crs=WGS84,
    ).to_crs(crs)
    joined = gpd.sjoin(
        centroids.rename_axis("geoid").reset_index(),
        points,
        predicate="dwithin",
        distance=float(radius_m),
    )
    names = joined.groupby("geoid")["branch"].agg(lambda s: "; ".join(sorted(s)))
    out.loc[names.index] = names
    return out

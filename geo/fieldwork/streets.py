"""Walking distances along streets from a local street graph (optional; needs OSMnx).

Configure ``WELCOME_ATLAS_STREET_GRAPH`` with a GraphML file saved by
``osmnx.save_graphml(osmnx.graph_from_place(..., network_type="walk"), path)``; the app never
downloads streets itself. Without the setting routes use great-circle distances.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import GeoError, RouteNotFeasible
from geo.messages import N_, Message

if TYPE_CHECKING:
    from geo.fieldwork.points import Stop

INSTALL_HINT = (
    "Street routing needs the optional package osmnx: run `.venv/bin/pip install osmnx`, "
    "or unset WELCOME_ATLAS_STREET_GRAPH to use straight-line distances."
)


def _osmnx() -> Any:
    try:
        import osmnx
    except ImportError as err:
        raise GeoError(INSTALL_HINT) from err
    return osmnx


@lru_cache(maxsize=2)
def _load_graph(path: str) -> Any:
    if not Path(path).exists():
        raise GeoError(
            Message(
                N_(
                    "The street graph '{path}' ({setting}) does not exist. Point the setting "
                    "at a GraphML file, or unset it."
                ),
                path=path,
                setting="WELCOME_ATLAS_STREET_GRAPH",
            )
        )
    return _osmnx().load_graphml(path)


def load_street_graph(path: Path | str) -> Any:
    """The street graph saved at ``path`` (read once per process; also used by gap reach).

    Raises
    ------
    GeoError
        If osmnx is missing or the file does not exist.
    """
    return _load_graph(str(path))


def nearest_street_nodes(graph: Any, lons: Sequence[float], lats: Sequence[float]) -> list:
    """The street corner nearest each point (WGS84 longitudes and latitudes)."""
    return list(_osmnx().distance.nearest_nodes(graph, list(lons), list(lats)))


def street_matrix(
    path: Path, points: Sequence[Stop]
) -> tuple[list[list[float]], dict[tuple[int, int], tuple[tuple[float, float], ...]]]:
    """Shortest walking distances (m) between all points, and the path of each pair.

    Raises
    ------
    GeoError
        If osmnx is missing or the file does not exist.
    RouteNotFeasible
        If two points are not joined by the street graph.
    """
    import networkx as nx

    ox = _osmnx()
    graph = _load_graph(str(path))
    nodes = ox.distance.nearest_nodes(graph, [p.lon for p in points], [p.lat for p in points])
    matrix = [[0.0] * len(points) for _ in points]
    paths: dict[tuple[int, int], tuple[tuple[float, float], ...]] = {}
    for i, source in enumerate(nodes):
        lengths, routes = nx.single_source_dijkstra(graph, source, weight="length")
        for j, target in enumerate(nodes):
            if target not in lengths:
                raise RouteNotFeasible(
                    Message(
                        N_(
                            "No street path joins '{a}' and '{b}' in the street graph. Remove "
                            "one of them or use a larger graph."
                        ),
                        a=points[i].label,
                        b=points[j].label,
                    )
                )
            matrix[i][j] = float(lengths[target])
            paths[(i, j)] = tuple(
                (graph.nodes[n]["y"], graph.nodes[n]["x"]) for n in routes[target]
            )
    return matrix, paths

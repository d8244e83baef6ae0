"""A spike for issue 16: the home map's state answered by an HTTP route, no Streamlit rerun.

    streamlit run bench/route_app.py      (bench/map_route.py starts it)

Streamlit 1.67's ``st.App`` serves the same ``app.py`` and one more route,
``/atlas/map-state``: given a study area and filters in the query string, it returns the
``MapState`` a rerun of the home page would send the map, built by the same geo code from the
same per-server caches (``ui.resources``). A control inside the map can then fetch it and apply
it without rerunning the script. A measurement, not the product: the page around the map (the
link, the sidebar, the figures beside the map) does not learn of such a change here.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402


def map_state(request: Request) -> Response:
    """The map's state for ``?area=&scheme=&radius=&language=&service=`` (JSON).

    A plain function: Starlette runs it in its thread pool, beside the scripts' threads.
    With ``ROUTE_CACHE=1`` the answers are kept per database stamp and query (many people
    choose the same filters); without it each request computes its state.
    """
    from ui import resources

    stamp = resources.data_stamp()
    query = tuple(sorted(request.query_params.multi_items()))
    compute = _cached if os.environ.get("ROUTE_CACHE") == "1" else _state
    return Response(compute(stamp, query), media_type="application/json")


@functools.lru_cache(maxsize=256)
def _cached(stamp: str, query: tuple[tuple[str, str], ...]) -> str:
    return _state(stamp, query)


def _state(stamp: str, query: tuple[tuple[str, str], ...]) -> str:
    from starlette.datastructures import QueryParams

    from geo.filters import Filters
    from geo.maps.asset_map import MapOptions, build_asset_map
    from ui import resources

    q = QueryParams(list(query))
    name = q.get("area", "nyc")
    sites, site_file = resources._map_sites(name, stamp)  # noqa: SLF001
    view = build_asset_map(
        resources.load_area(name),
        resources._tract_file(name),  # noqa: SLF001
        sites,
        Filters(languages=tuple(q.getlist("language")), categories=tuple(q.getlist("service"))),
        MapOptions(
            indicator=q.get("indicator", "foreign_born_share"),
            scheme=q.get("scheme", "quantiles"),
            catchment_radius_m=float(q.get("radius", 1000)),
        ),
        sites=site_file,
        acculturation=resources._acculturation(name),  # noqa: SLF001
        basemap=resources._basemap(name),  # noqa: SLF001
    )
    return view.state.to_json()


app = st.App(str(ROOT / "app.py"), routes=[Route("/atlas/map-state", map_state)])

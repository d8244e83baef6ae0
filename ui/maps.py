"""Show folium maps with Leaflet served by the app itself (works with no internet)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.census.study_area import StudyArea
from geo.config import PROJECT_ROOT
from geo.errors import VendorAssetsMissing
from geo.maps.asset_map import MapView
from geo.maps.draw_map import build_draw_map, read_drawing
from geo.maps.frame_title import frame_title, name_map
from geo.maps.layer_tables import (
    build_branch_table,
    build_site_table,
    build_tract_table,
    legend_lines,
    table_csv,
)
from geo.maps.map_state import build_state_layer
from geo.maps.offline import localize_map
from geo.maps.vendor import install_vendor_assets, vendor_assets_installed
from ui import errors, shared_view
from ui.i18n import _, current, n_
from ui.map_position import record_position

STATIC_DIR = PROJECT_ROOT / "static"
TABLES_ON_UP_TO = 5_000  # rows of all three layer tables together


@st.cache_resource
def _ensure_vendor_assets() -> None:
    if not vendor_assets_installed(STATIC_DIR):
        install_vendor_assets(PROJECT_ROOT / "node_modules", STATIC_DIR)


def show_map(
    m: folium.Map,
    *,
    key: str,
    height: int = 600,
    returned_objects: list[str] | None = None,
    layers: list[folium.FeatureGroup] | None = None,
    on_change: Callable[[], None] | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Render ``m`` offline; only ``returned_objects`` interactions rerun the page.

    ``layers`` are swapped on the map without reloading it (view and zoom stay);
    ``on_change`` runs before the rerun an interaction causes. ``title`` names the map
    for screen readers (:mod:`geo.maps.frame_title`); a map its builder did not name is
    called "Map".
    """
    try:
        _ensure_vendor_assets()
    except VendorAssetsMissing as err:
        errors.show_error(err)
        st.stop()
    if title is not None or frame_title(m) is None:
        name_map(m, title or _("Map"))
    localize_map(m)
    return (
        st_folium(
            m,
            key=key,
            height=height,
            use_container_width=True,
            returned_objects=returned_objects or [],
            feature_group_to_add=layers,
            on_change=on_change,
        )
        or {}
    )


def show_home_map(view: MapView, *, key: str, height: int = 560) -> dict[str, Any]:
    """The home map: its fixed script plus the per-filter state (a few kilobytes).

    The state travels as streamlit-folium's ``feature_group_to_add``; the map's own script
    does not change with the filters, so the browser keeps the map, its outlines and its
    view, and only clicks on the map rerun the page (never panning or zooming). The map
    opens at the shared view's centre and zoom (a link's ``at``, a reopened slide) and
    records where the user leaves it (:mod:`ui.map_position`).
    """
    shared = shared_view.current()
    if shared.centre is not None and shared.zoom is not None:
        open_at(view.map, shared.centre, shared.zoom)
    record_position(view.map, shared.study_area)
    return show_map(
        view.map,
        key=key,
        height=height,
        returned_objects=["last_object_clicked_tooltip"],
        layers=[build_state_layer(view.state)],
        title=_("Asset map: tracts, branches and organizations"),
    )


def open_at(m: folium.Map, centre: tuple[float, float], zoom: float) -> None:
    """Open ``m`` at ``centre`` and ``zoom`` instead of fitting it to its data.

    Done in the map's own script (streamlit-folium's ``center``/``zoom`` arguments move a
    map that is still animating its first fit, and the fit wins).
    """
    for name, child in list(m._children.items()):
        if isinstance(child, folium.FitBounds):
            del m._children[name]
    m.location = list(centre)
    m.options["zoom"] = zoom


def draw_area(tracts, *, key: str, height: int = 420):
    """A map to draw a polygon, rectangle or circle on; returns the shape drawn (or None)."""
    st.caption(_("Draw a polygon, rectangle or circle with the tools on the map's left."))
    shown = show_map(
        build_draw_map(tracts),
        key=key,
        height=height,
        returned_objects=["last_active_drawing"],
        title=_("Map to draw an area on"),
    )
    return read_drawing(shown.get("last_active_drawing"))


def show_layer_tables(view: MapView, area: StudyArea, scheme: str) -> None:
    """Each layer of the home map as a sortable table with its CSV, and the legend as text.

    The same rows the map draws for the current filters: the screen-reader and keyboard
    way to the map's content, and the way to take it into a spreadsheet. On by default up
    to :data:`TABLES_ON_UP_TO` rows; a city's tables (NYC: 2,324 tracts and 10,000 sites,
    about 1 MB) would travel again with every filter click, so there they wait for the
    switch.
    """
    st.subheader(_("The map's layers as tables"))
    tracts = build_tract_table(
        area.tracts,
        view.values,
        view.classes,
        label=view.indicator_label,
        kind=view.kind,
        highlighted=view.highlighted,
        show_highlight=view.show_highlight,
        translate=_,
        locale=current(),
    )
    _legend_text(view, tracts, scheme)
    rows = len(tracts) + view.headline.get("sites_in_area", 0) + len(area.branches)
    small = rows <= TABLES_ON_UP_TO
    shown = st.toggle(
        _("Show the tracts, organization sites and branches as tables (sortable, with CSV)"),
        value=small,
        # One switch per size: turned on for the demo city, the switch must not stay on
        # when the user opens a city (NYC: 2.2 MB of tables sent again on every click).
        key="map.tables.small-area" if small else "map.tables",
    )
    if not shown:
        st.caption(
            _(
                "{rows} rows in this study area: the tables are off by default so that each "
                "filter change stays quick. Turn them on to read, sort and download every layer."
            ).format(rows=f"{rows:,}")
        )
        return
    sites = build_site_table(view.organizations, translate=_, locale=current())
    branches = build_branch_table(area.branches, translate=_)
    st.caption(_("Sort by clicking a column's header; each download holds the rows shown."))
    for title, table, name, download in (
        (_("Tracts ({count})"), tracts, "tracts", _("Download tracts (CSV)")),
        (_("Organization sites ({count})"), sites, "sites", _("Download sites (CSV)")),
        (_("Library branches ({count})"), branches, "branches", _("Download branches (CSV)")),
    ):
        layer_table(title.format(count=f"{len(table):,}"), table, name, download)


def _legend_text(view: MapView, tracts, scheme: str) -> None:
    """The legend as text: the map's colours in words (plain text, never markup)."""
    legend = legend_lines(
        view.classes,
        tracts,
        label=view.indicator_label,
        kind=view.kind,
        scheme=scheme,
        translate=_,
        n_=n_,
        locale=current(),
    )
    title = _("Legend of the map: {legend}").format(legend=legend[0])
    st.text(title + "\n" + "\n".join(f"  • {x}" for x in legend[1:]))


def layer_table(
    title: str, table, name: str, download: str, *, page: str = "map", csv: bytes | None = None
) -> None:
    """One map layer as a sortable table with its CSV (keys ``{page}.table.{name}``).

    ``csv``: the table's CSV when the caller already made it (``table_csv(table)``).
    """
    st.markdown(f"**{title}**")
    st.dataframe(table, hide_index=True, width="stretch", height=240, key=f"{page}.table.{name}")
    st.download_button(  # bytes, not a callable: Streamlit's deferred download can miss a
        download,  # click that lands during a rerun (seen in Chromium tests)
        table_csv(table) if csv is None else csv,
        f"{name}.csv",
        "text/csv",
        key=f"{page}.csv.{name}",
        on_click="ignore",
    )

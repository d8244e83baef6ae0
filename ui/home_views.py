"""The home page's controls, notes and the panel beside the map (the map is ui.maps)."""

from __future__ import annotations

import streamlit as st

from geo.census.headline import compute_headline
from geo.census.indicators import indicators_for, language_groups
from geo.census.profiles import build_profile, missing_sections
from geo.census.study_area import StudyArea
from geo.filters import Filters
from geo.hours import study_area_zone
from geo.maps.asset_map import COUNTRY_INDICATORS, MapOptions, MapView
from geo.maps.layers import SCHEMES
from ui import auth, details, errors
from ui.text import literal

INDICATOR_KEY = "map.indicator"
SEEN_COUNTRIES_KEY = "map.countries_seen"


def follow_countries(filters: Filters) -> bool:
    """Switch to the chosen-countries indicator when countries are first chosen.

    Returns True when the map shows the chosen countries (so the page says so). Choosing
    another indicator afterwards is kept until the countries are cleared and chosen again.
    """
    seen = st.session_state.get(SEEN_COUNTRIES_KEY, ())
    st.session_state[SEEN_COUNTRIES_KEY] = filters.countries
    if filters.countries and not seen:
        st.session_state[INDICATOR_KEY] = "origin_share"
    return bool(filters.countries) and st.session_state.get(INDICATOR_KEY) in COUNTRY_INDICATORS


def map_controls(area: StudyArea, tiles: str) -> MapOptions:
    """One compact row above the map: indicator, language group, class breaks, catchment."""
    c1, c2, c3, c4 = st.columns([4, 2, 2, 2], vertical_alignment="bottom")
    offered = indicators_for(area.tables)  # an area of its own counts maps its own columns
    if st.session_state.get(INDICATOR_KEY) not in offered:
        st.session_state[INDICATOR_KEY] = next(iter(offered))
    indicator = c1.selectbox(
        "Tract indicator",
        list(offered),
        key=INDICATOR_KEY,
        format_func=lambda k: offered[k].label,
    )
    groups = language_groups(area.tables) if "C16001" in area.tables else []
    group = c2.selectbox(
        "Language group",
        ["All languages", *groups],
        key="map.language_group",
        disabled=not (indicator == "limited_english_share" and groups),
        help="For the 'Speaks English less than very well' indicator.",
    )
    scheme = c3.selectbox(
        "Class breaks", list(SCHEMES), format_func=SCHEMES.__getitem__, key="map.scheme"
    )
    radius = c4.slider("Catchment radius (m)", 250, 5000, 1000, 250, key="map.radius_m")
    return MapOptions(
        indicator=indicator,
        scheme=scheme,
        catchment_radius_m=radius,
        language_group=None
        if group == "All languages" or indicator != "limited_english_share"
        else group,
        tiles=tiles,
    )


def explain(
    view: MapView, filters: Filters, *, showing_countries: bool, sites_in_area: int
) -> None:
    """Say what the filters did, and why the map is empty when it is."""
    for notice in view.notices:
        st.warning(notice)
    if sites_in_area == 0:
        st.info(
            "No organizations in the database are inside this study area yet: the map "
            "shows tracts and branches only. Import them on the **Import and export** page "
            "(CSV, Excel, GeoJSON or HSDS; staff sign-in) or with "
            "`python -m geo assets import FILE`.",
            icon=":material/info:",
        )
    elif filters.countries:
        names = ", ".join(filters.countries)
        shown = "the share of residents born there; " if showing_countries else ""
        st.caption(
            f"Countries of origin chosen ({names}): the map shows {shown}organizations listed "
            f"as serving those communities: {view.headline['organizations_matching']} of "
            f"{sites_in_area}."
        )


def headline(area: StudyArea, view: MapView, filters: Filters) -> None:
    """The figures beside the map, two by two, worded for the filters in force."""
    census = compute_headline(
        area.tables,
        list(area.tracts.index),
        highlighted=list(view.highlighted) if filters.thresholds else None,
        countries=filters.countries,
        vintage=area.vintage,
    )
    for figure in census:  # "270,846 ± 2,345" is too wide for a metric in half the panel
        st.markdown(f"{literal(figure.label)}  \n**{literal(figure.value)}**", help=figure.help)
    h = view.headline
    a, b = st.columns(2)
    a.metric("Organizations matching", h["organizations_matching"])
    b.metric("Branches", h["branches"])
    st.caption(f"Census figures: {area.vintage} · ± 90% margin of error")


def selection_panel(area: StudyArea, view: MapView, organizations) -> None:
    """The tract, organization or branch last clicked on the map."""
    kind, key = st.session_state.get("map.selected", (None, None))
    if kind == "tract":
        try:
            sections = build_profile(area.tables, [key])
            details.show_profile(
                area.tracts.loc[key, "NAME"],
                sections,
                missing_sections(area.tables),
                vintage=area.vintage,
            )
        except Exception as err:  # noqa: BLE001 - shown by the one error helper
            errors.show_error(err)
    elif kind in ("site", "organization"):  # the site clicked, with its own address
        column = "site_key" if kind == "site" else "organization_id"
        rows = organizations[organizations[column] == key]
        if len(rows):
            details.show_organization(
                rows.iloc[0],
                internal=auth.can("view_internal"),
                time_zone=study_area_zone(area.tracts.index, declared=area.time_zone),
            )
    elif kind == "branch":
        details.show_branch(area.branches.set_index("branch_id", drop=False).loc[key])
    else:
        st.info("Click a tract, a branch or an organization on the map to see its details here.")

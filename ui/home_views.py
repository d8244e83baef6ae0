"""The home page's controls, notes and the panel beside the map (the map is ui.maps)."""

from __future__ import annotations

import streamlit as st

from geo.census.area_words import say_study_area, say_vintage
from geo.census.headline import compute_headline
from geo.census.indicators import indicators_for, language_groups
from geo.census.profiles import build_profile, missing_sections
from geo.census.study_area import StudyArea
from geo.filters import Filters
from geo.hours import study_area_zone
from geo.maps import asset_map
from geo.maps.asset_map import COUNTRY_INDICATORS, MapOptions, MapView, identify_click
from geo.maps.layers import SCHEMES
from ui import auth, details, errors, maps, resources, shared_view
from ui.i18n import _, current, follows_language, joined, n_, number, right_to_left
from ui.text import literal

INDICATOR_KEY = "map.indicator"
SEEN_COUNTRIES_KEY = "map.countries_seen"
ALL_LANGUAGES = "All languages"  # the option's value; shown translated


@st.fragment(key=shared_view.PART_KEY)
def map_part() -> None:
    """Everything the filters change: controls row, map, notes, figures, selection, tables.

    A fragment: its own controls, a click on the map and the sidebar's filters
    (:func:`ui.shared_view.rerun_part`) rerun this part alone, not the page around it.
    Such a rerun is outside app.py's error handler, so the part has its own.
    """
    try:
        _map_part()
    except Exception as err:  # a bug: logged, one short sentence (st.rerun/st.stop pass through)
        errors.show_error(err)


def _map_part() -> None:
    area = resources.current_area()
    filters = shared_view.filters_in_widgets()
    showing_countries = follow_countries(filters)
    options = map_controls(area, resources.settings().tiles)
    left, right = st.columns([5, 2])
    with right:
        notes = st.container()  # beside the map, so the map keeps its place on the first screen
    sites, site_file = resources.map_sites()
    view = asset_map.build_asset_map(
        area,
        resources.tract_file(),
        sites,
        filters,
        options,
        sites=site_file,
        acculturation=resources.acculturation(),
        basemap=resources.basemap(),
        places_url=resources.places_url(),
        translate=_,
        n_=n_,
        locale=current(),
    )
    with notes:
        explain(
            view,
            filters,
            showing_countries=showing_countries,
            sites_in_area=view.headline["organizations_in_area"],
        )
    with left:
        clicked = maps.show_home_map(view, key="map.folium", height=440)
    hit = identify_click(clicked.get("last_object_clicked_tooltip"), area, sites)
    if hit:
        st.session_state["map.selected"] = hit
    with right:
        _beside_map(area, view, filters, sites)
    maps.show_layer_tables(view, area, _(SCHEMES[options.scheme]))
    shared_view.publish_part()  # the map's own controls changed the view: the link follows


def _beside_map(area: StudyArea, view: MapView, filters: Filters, sites) -> None:
    if area.illustrative:
        st.caption(
            _("{area}. Census figures: {vintage}.").format(
                area=say_study_area(area.label, _), vintage=say_vintage(area.vintage, _)
            )
        )
    headline(area, view, filters)
    selection_panel(area, view, sites)


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
        _("Tract indicator"),
        list(offered),
        key=follows_language(INDICATOR_KEY),
        format_func={k: _(v.label) for k, v in offered.items()}.__getitem__,
    )
    groups = language_groups(area.tables) if "C16001" in area.tables else []
    group = c2.selectbox(
        _("Language group"),
        [ALL_LANGUAGES, *groups],
        key=follows_language("map.language_group"),
        format_func={ALL_LANGUAGES: _("All languages"), **{g: g for g in groups}}.__getitem__,
        disabled=not (indicator == "limited_english_share" and groups),
        help=_("For the 'Speaks English less than very well' indicator."),
    )
    scheme = c3.selectbox(
        _("Class breaks"),
        list(SCHEMES),
        format_func={k: _(v) for k, v in SCHEMES.items()}.__getitem__,
        key=follows_language("map.scheme"),
    )
    radius = c4.slider(_("Catchment radius (m)"), 250, 5000, 1000, 250, key="map.radius_m")
    return MapOptions(
        indicator=indicator,
        scheme=scheme,
        catchment_radius_m=radius,
        language_group=None
        if group == ALL_LANGUAGES or indicator != "limited_english_share"
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
            _(
                "No organizations in the database are inside this study area yet: the map "
                "shows tracts and branches only. Import them on the **Import and export** page "
                "(CSV, Excel, GeoJSON or HSDS; staff sign-in) or with "
                "`python -m geo assets import FILE`."
            ),
            icon=":material/info:",
        )
    elif filters.countries:
        text = (
            _(
                "Countries of origin chosen ({names}): the map shows the share of residents "
                "born there; organizations listed as serving those communities: "
                "{matching} of {total}."
            )
            if showing_countries
            else _(
                "Countries of origin chosen ({names}): the map shows organizations listed as "
                "serving those communities: {matching} of {total}."
            )
        )
        st.caption(
            text.format(
                names=literal(joined(filters.countries)),
                matching=view.headline["organizations_matching"],
                total=sites_in_area,
            )
        )


def headline(area: StudyArea, view: MapView, filters: Filters) -> None:
    """The figures beside the map, two by two, worded for the filters in force."""
    census = compute_headline(
        area.tables,
        list(area.tracts.index),
        highlighted=list(view.highlighted) if filters.thresholds else None,
        countries=filters.countries,
        vintage=say_vintage(area.vintage, _),
        translate=_,
        n_=n_,
        number=number,
        locale=current(),
    )
    rtl = right_to_left()
    for figure in census:  # "270,846 ± 2,345" is too wide for a metric in half the panel
        value = literal(figure.value)
        if rtl:  # isolated left to right (U+2066...U+2069): "270,834 ± 3,330" keeps its order
            value = f"\u2066{value}\u2069"
        st.markdown(f"{literal(figure.label)}  \n**{value}**", help=figure.help)
    h = view.headline
    # One under the other: side by side in this narrow panel, "Organizations matching" was
    # cut to "Organizations mat…" (and longer in French or Spanish).
    st.metric(_("Organizations matching"), number(h["organizations_matching"]))
    st.metric(_("Branches"), number(h["branches"]))
    st.caption(
        _("Census figures: {vintage} · ± 90% margin of error").format(
            vintage=say_vintage(area.vintage, _)
        )
    )


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
                vintage=say_vintage(area.vintage, _),
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
        st.info(_("Click a tract, a branch or an organization on the map to see its details here."))

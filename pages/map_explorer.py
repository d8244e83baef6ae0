"""Home page: the asset map of tracts, branches and organizations."""

import streamlit as st

from geo.census.indicators import INDICATORS, language_groups
from geo.census.profiles import build_profile, missing_sections
from geo.maps.asset_map import MapOptions, build_asset_map, identify_click
from geo.maps.layers import SCHEMES
from ui import auth, details, errors, frame, maps, resources

frame.ensure_app_frame()

area = resources.current_area()
filters = st.session_state["filters"]
st.title("Asset map")
if area.illustrative:
    st.caption(f"{area.label}. Census figures: {area.vintage}.")

c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
indicator = c1.selectbox(
    "Tract indicator",
    list(INDICATORS),
    key="map.indicator",
    format_func=lambda k: INDICATORS[k].label,
)
groups = language_groups(area.tables) if "C16001" in area.tables else []
group = (
    c2.selectbox("Language group", ["All languages", *groups], key="map.language_group")
    if indicator == "limited_english_share" and groups
    else "All languages"
)
scheme = c3.radio(
    "Class breaks",
    list(SCHEMES),
    format_func=SCHEMES.__getitem__,
    key="map.scheme",
    horizontal=False,
)
radius = c4.slider("Catchment radius (m)", 250, 5000, 1000, 250, key="map.radius_m")

organizations = resources.organizations()
view = build_asset_map(
    area,
    resources.tract_outlines(),
    organizations,
    filters,
    MapOptions(
        indicator=indicator,
        scheme=scheme,
        catchment_radius_m=radius,
        language_group=None if group == "All languages" else group,
        tiles=resources.settings().tiles,
    ),
)
for notice in view.notices:
    st.warning(notice)

h = view.headline
m1, m2, m3, m4 = st.columns(4)
m1.metric("Tracts highlighted", h["tracts_highlighted"] if filters.thresholds else "—")
m2.metric("Foreign-born in them", f"{h['foreign_born_in_highlighted']:,}")
m3.metric("Organizations matching", h["organizations_matching"])
m4.metric("Branches", h["branches"])

left, right = st.columns([5, 2])
with left:
    clicked = maps.show_map(
        view.map, key="map.folium", height=620, returned_objects=["last_object_clicked_tooltip"]
    )
hit = identify_click(clicked.get("last_object_clicked_tooltip"), area, organizations)
if hit:
    st.session_state["map.selected"] = hit
with right:
    kind, key = st.session_state.get("map.selected", (None, None))
    if kind == "tract":
        try:
            sections = build_profile(area.tables, [key])
            details.show_profile(
                area.tracts.loc[key, "NAME"], sections, missing_sections(area.tables)
            )
        except Exception as err:  # noqa: BLE001 - shown by the one error helper
            errors.show_error(err)
    elif kind == "organization":
        details.show_organization(
            organizations[organizations["org_id"] == key].iloc[0],
            internal=auth.can("view_internal"),
        )
    elif kind == "branch":
        details.show_branch(area.branches.set_index("branch_id", drop=False).loc[key])
    else:
        st.info("Click a tract, a branch or an organization on the map to see its details here.")

"""Community profile: the newcomer community of a catchment, a drawn area or chosen tracts."""

import streamlit as st

from geo.analysis.catchments import describe_selection
from geo.census.indicators import country_variables
from geo.errors import DataNotAvailable, GeoError
from ui import errors, frame, gap_views, profile_views, resources, shared_view
from ui.i18n import _, follows_language

frame.ensure_app_frame()

area = resources.current_area()
filters = shared_view.filters()
st.title(_("Community profile"))
st.caption(
    _(
        "Who lives in an area: the community scan a library plans from. Every figure "
        "shows its 90% margin of error and how far to trust it."
    )
)

choice = profile_views.choose_area(area)
try:
    countries = sorted(country_variables(area.tables))
except DataNotAvailable:
    countries = []
EVERYONE = ""  # the group choice "all newcomers"; the others are B05006 country labels
group = (
    st.selectbox(
        _("Group"),
        [EVERYONE, *countries],
        key=follows_language("profile.group"),
        format_func=lambda c: c or _("All newcomers"),
        help=_("One country of origin (from table B05006), or everyone."),
    )
    if countries
    else EVERYONE
)

try:
    geoids, title, rule = describe_selection(area.tracts, area.branches, **choice)
    profile = profile_views.community_profile(
        area,
        geoids,
        title=title,
        rule=rule,
        country=group or None,
        countries=filters.countries,
    )
except GeoError as err:
    if choice.get("shape") is None and "shape" in choice:
        st.info(_("Draw an area on the map to see its profile."))
    elif "geoids" in choice and not choice["geoids"]:
        st.info(_("Pick one or more tracts to see their profile."))
    else:
        errors.show_error(err)
    st.stop()

profile_views.show_profile(profile)
profile_views.downloads(profile)
profile_views.show_organizations(area, filters, geoids)
gap_views.show_profile_gaps(area, filters, geoids)

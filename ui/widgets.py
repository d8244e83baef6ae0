"""The shared sidebar and small pickers used by several pages."""

from __future__ import annotations

import streamlit as st

from geo.census.indicators import country_variables
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.filters import Filters
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES

ILLUSTRATIVE_NOTE = "Illustrative data, not a real place"


def study_area_picker() -> None:
    """Switch study areas; every page follows ``filters.study_area``."""
    from ui import resources

    infos = {info.name: info.label for info in resources.store().list()}
    if st.session_state.get(resources.AREA_KEY) not in infos:
        st.session_state[resources.AREA_KEY] = resources.DEMO_NAME
    st.sidebar.selectbox(
        "Study area",
        list(infos),
        key=resources.AREA_KEY,
        format_func=infos.__getitem__,
        on_change=_forget_area_choices,
        help="Load more on the 'Census data and study areas' page.",
    )


def _forget_area_choices() -> None:
    """Choices that name tracts, branches or countries of the previous study area."""
    for key in list(st.session_state):
        if key in ("filters.countries", "map.selected") or str(key).startswith("profile."):
            del st.session_state[key]


def study_area_badge(area: StudyArea) -> None:
    """Name the study area and say plainly when its data are illustrative."""
    study_area_picker()
    if area.illustrative:
        st.sidebar.warning(
            f"{ILLUSTRATIVE_NOTE}: the demo city and its figures are invented.",
            icon=":material/info:",
        )
    st.sidebar.caption(f"Census figures: {area.vintage}")


def sidebar(area: StudyArea) -> Filters:
    """Render the filters shared by every page and return what the user chose."""
    study_area_badge(area)
    sb = st.sidebar
    sb.header("Filters")
    try:
        countries = sorted(country_variables(area.tables))
    except DataNotAvailable:
        countries = []
    chosen_countries = sb.multiselect(
        "Countries of origin",
        countries,
        key="filters.countries",
        help="Used by the 'chosen countries' indicators.",
    )
    languages = sb.multiselect(
        "Languages served",
        list(LANGUAGES),
        key="filters.languages",
        format_func=lambda c: f"{LANGUAGES[c]} ({c})",
        help="Organizations serving any of these languages.",
    )
    categories = sb.multiselect(
        "Service categories",
        list(SERVICE_CATEGORIES),
        key="filters.categories",
        format_func=SERVICE_CATEGORIES.__getitem__,
        help="Organizations offering any of these services.",
    )
    sb.subheader("Acculturation thresholds")
    sb.caption("Tracts meeting every threshold above 0 are outlined on the map.")
    lacking = _thresholds_without_data(area)
    arrived = sb.slider(
        "At least % arrived 2010 or later",
        0,
        100,
        0,
        5,
        key="filters.min_arrived_2010_pct",
        disabled="arrived_2010_share" in lacking,
        help=_why("Share of the foreign-born.", "arrived_2010_share" in lacking),
    )
    limited = sb.slider(
        "At least % limited-English households",
        0,
        100,
        0,
        5,
        key="filters.min_limited_english_hh_pct",
        disabled="limited_english_households" in lacking,
        help=_why("Share of households.", "limited_english_households" in lacking),
    )
    noncitizen = sb.slider(
        "At least % non-citizens",
        0,
        100,
        0,
        5,
        key="filters.min_noncitizen_pct",
        disabled="noncitizen_share" in lacking,
        help=_why("Share of all residents.", "noncitizen_share" in lacking),
    )
    return Filters(
        countries=tuple(chosen_countries),
        languages=tuple(languages),
        categories=tuple(categories),
        min_arrived_2010_pct=float(arrived),
        min_limited_english_hh_pct=float(limited),
        min_noncitizen_pct=float(noncitizen),
    )


def _thresholds_without_data(area: StudyArea) -> set[str]:
    """Threshold indicators the study area has no table for (their sliders are disabled)."""
    from ui import resources

    figures = resources.acculturation() if area.name == resources.current_name() else None
    if figures is None:
        return set()
    return {column for column in figures.columns if figures[column].isna().all()}


def _why(text: str, lacking: bool) -> str:
    return f"{text} Not available: this study area has no table for it." if lacking else text

"""The shared sidebar and small pickers used by several pages."""

from __future__ import annotations

import streamlit as st

from geo.census.area_words import say_study_area, say_vintage
from geo.census.indicators import country_variables
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.filters import Filters
from geo.i18n import N_, language_names
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES
from ui.i18n import _, current, follows_language
from ui.shared_view import rerun_part

ILLUSTRATIVE_NOTE = N_("Illustrative data, not a real place")


def study_area_picker() -> None:
    """Switch study areas; every page follows ``filters.study_area``."""
    from ui import resources

    infos = {info.name: say_study_area(info.label, _) for info in resources.store().list()}
    if st.session_state.get(resources.AREA_KEY) not in infos:
        st.session_state[resources.AREA_KEY] = resources.DEMO_NAME
    st.sidebar.selectbox(
        _("Study area"),
        list(infos),
        key=follows_language(resources.AREA_KEY),  # the demo city's name is translated
        format_func=infos.__getitem__,
        on_change=_forget_area_choices,
        help=_("Load more on the 'Census data and study areas' page."),
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
            _("{note}: the demo city and its figures are invented.").format(
                note=_(ILLUSTRATIVE_NOTE)
            ),
            icon=":material/info:",
        )
    st.sidebar.caption(_("Census figures: {vintage}").format(vintage=say_vintage(area.vintage, _)))


# The acculturation sliders: (Filters field, label, indicator column, what the share is of).
THRESHOLDS = (
    (
        "min_arrived_2010_pct",
        N_("At least % arrived 2010 or later"),
        "arrived_2010_share",
        N_("Share of the foreign-born."),
    ),
    (
        "min_limited_english_hh_pct",
        N_("At least % limited-English households"),
        "limited_english_households",
        N_("Share of households."),
    ),
    (
        "min_noncitizen_pct",
        N_("At least % non-citizens"),
        "noncitizen_share",
        N_("Share of all residents."),
    ),
)


def sidebar(area: StudyArea) -> Filters:
    """Render the filters shared by every page and return what the user chose."""
    study_area_badge(area)
    sb = st.sidebar
    sb.header(_("Filters"))
    try:
        countries = sorted(country_variables(area.tables))
    except DataNotAvailable:
        countries = []
    chosen_countries = sb.multiselect(
        _("Countries of origin"),
        countries,
        key="filters.countries",
        on_change=rerun_part,
        placeholder=_("Choose options"),
        help=_("Used by the 'chosen countries' indicators."),
    )
    languages = sb.multiselect(
        _("Languages served"),
        list(LANGUAGES),
        key=follows_language("filters.languages"),
        on_change=rerun_part,
        format_func=_language_labels().__getitem__,
        placeholder=_("Choose options"),
        help=_("Organizations serving any of these languages."),
    )
    categories = sb.multiselect(
        _("Service categories"),
        list(SERVICE_CATEGORIES),
        key=follows_language("filters.categories"),
        on_change=rerun_part,
        placeholder=_("Choose options"),
        format_func=lambda c: _(SERVICE_CATEGORIES[c]),
        help=_("Organizations offering any of these services."),
    )
    return Filters(
        countries=tuple(chosen_countries),
        languages=tuple(languages),
        categories=tuple(categories),
        **_threshold_sliders(area),
    )


def _language_labels() -> dict[str, str]:
    """Names as the directory writes them, with the code users also meet in files."""
    return {
        c: name if name.endswith(f"({c})") else f"{name} ({c})"
        for c, name in language_names(LANGUAGES, current(), LANGUAGES).items()
    }


def _threshold_sliders(area: StudyArea) -> dict[str, float]:
    """One slider per acculturation threshold; disabled when the study area lacks its table."""
    st.sidebar.subheader(_("Acculturation thresholds"))
    st.sidebar.caption(_("Tracts meeting every threshold above 0 are outlined on the map."))
    lacking = _thresholds_without_data(area)
    chosen = {}
    for field, label, column, share_of in THRESHOLDS:
        chosen[field] = float(
            st.sidebar.slider(
                _(label),
                0,
                100,
                0,
                5,
                key=f"filters.{field}",
                on_change=rerun_part,
                disabled=column in lacking,
                help=_why(_(share_of), column in lacking),
            )
        )
    return chosen


def _thresholds_without_data(area: StudyArea) -> set[str]:
    """Threshold indicators the study area has no table for (their sliders are disabled)."""
    from ui import resources

    figures = resources.acculturation() if area.name == resources.current_name() else None
    if figures is None:
        return set()
    return {column for column in figures.columns if figures[column].isna().all()}


def _why(text: str, lacking: bool) -> str:
    if not lacking:
        return text
    return _("{text} Not available: this study area has no table for it.").format(text=text)

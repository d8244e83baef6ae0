"""The one accessor for the shared view (:class:`geo.view.View`) and its link.

app.py calls :func:`open_link` before the sidebar renders (once per browser session it puts the
link's values into the widgets, with a note for anything it had to drop), then
:func:`publish` after the page ran (the view as the widgets now hold it, written back to the
URL so the address bar is always a link to what is on screen). Pages read it with
:func:`current`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from geo.census import DEMO_NAME
from geo.census.indicators import country_variables
from geo.errors import DataNotAvailable
from geo.filters import Filters
from geo.view import (
    View,
    keep_known_countries,
    view_from_params,
    view_to_params,
    with_position,
)
from ui import errors, text
from ui.resources import AREA_KEY

PART_KEY = "home.map_part"  # the home page's map part (an st.fragment key)

_VIEW = "view.current"  # the View of this run (set by publish and by open_link)
_OPENED = "view.link_read"  # this browser session has read its link
_NOTES = "view.notes"  # what the link had that could not be used
# Widget keys that hold the view's fields (the widgets live in ui/widgets.py and the map page).
FILTER_KEYS = {
    "countries": "filters.countries",
    "languages": "filters.languages",
    "categories": "filters.categories",
    "min_arrived_2010_pct": "filters.min_arrived_2010_pct",
    "min_limited_english_hh_pct": "filters.min_limited_english_hh_pct",
    "min_noncitizen_pct": "filters.min_noncitizen_pct",
}
MAP_KEYS = {"indicator": "map.indicator", "scheme": "map.scheme", "radius_m": "map.radius_m"}


def published() -> bool:
    """Whether app.py has published a view in this session (the page runs inside app.py)."""
    return isinstance(st.session_state.get(_VIEW), View)


def current() -> View:
    """The shared view (filters, study area, map choices) of this run."""
    view = st.session_state.get(_VIEW)
    return view if isinstance(view, View) else View()


def filters() -> Filters:
    """The sidebar filters every page applies."""
    return current().filters


def filters_in_widgets() -> Filters:
    """The sidebar filters as their widgets hold them now (also in a fragment's rerun).

    A rerun of the map part alone does not run the sidebar, so it reads the widgets' state.
    """
    before = current().filters

    def chosen(name: str) -> Any:  # a widget's value: a list, or an int for a slider
        return st.session_state.get(FILTER_KEYS[name], getattr(before, name))

    return Filters(
        countries=tuple(chosen("countries")),
        languages=tuple(chosen("languages")),
        categories=tuple(chosen("categories")),
        **{f: float(chosen(f)) for f in FILTER_KEYS if f.startswith("min_")},
    )


def rerun_part() -> None:
    """Sidebar filter callback: on the home page rerun only its map part.

    The sidebar is outside the map part (an ``st.fragment``), so a change would rerun the
    whole page: the title, the sidebar and every element Streamlit redraws. A fragment key
    named from a callback (``st.rerun(key)``, Streamlit 1.67) reruns that fragment alone.
    On other pages the key is unknown (a full run forgets fragments it did not draw) and
    the callback returns: the whole page reruns as usual.
    """
    try:
        st.rerun(PART_KEY)
    except StreamlitAPIException:
        return


def publish_part() -> View:
    """Publish the view from inside the map part and write the link (its own rerun)."""
    view = publish(current().page, filters_in_widgets())
    write_link(DEMO_NAME)
    return view


def open_link(
    pages: Collection[str], study_areas: Collection[str], default_area: str
) -> str | None:
    """Once per session, before any widget renders: the link's view into the widgets.

    A bad or unknown parameter never raises: it is dropped, the default is used, and
    :func:`show_link_notes` tells the user which and why. Returns the page the link names
    in its query string (``?page=assets``), if any, for app.py to switch to.
    """
    if st.session_state.get(_OPENED):
        return None
    st.session_state[_OPENED] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = view_from_params(
        params,
        pages=pages,
        study_areas=study_areas,
        default=View(study_area=default_area),
    )
    st.session_state[_NOTES] = list(parsed.notes)
    st.session_state[_VIEW] = parsed.view
    if "area" in params or AREA_KEY not in st.session_state:
        st.session_state[AREA_KEY] = parsed.view.study_area
    for name, key in MAP_KEYS.items():
        if name in _map_params(params):
            st.session_state[key] = getattr(parsed.view, name)
    for name, key in FILTER_KEYS.items():
        value = getattr(parsed.view.filters, name)
        if value:
            st.session_state[key] = list(value) if isinstance(value, tuple) else int(value)
    return parsed.view.page or None


def _map_params(params: dict[str, list[str]]) -> set[str]:
    """View fields the link sets for the map page's widgets."""
    names = {"indicator": "indicator", "breaks": "scheme", "radius": "radius_m"}
    return {field for key, field in names.items() if key in params}


def keep_countries_of(tables: dict) -> None:
    """Drop the link's countries the study area has no figures for (before the sidebar)."""
    chosen = st.session_state.get(FILTER_KEYS["countries"])
    if not chosen:
        return
    try:
        known = set(country_variables(tables))
    except DataNotAvailable:
        known = set()
    view = replace(current(), filters=replace(current().filters, countries=tuple(chosen)))
    parsed = keep_known_countries(view, known)
    if parsed.notes:
        st.session_state[FILTER_KEYS["countries"]] = list(parsed.view.filters.countries)
        st.session_state.setdefault(_NOTES, []).extend(parsed.notes)


def publish(page: str, filters: Filters) -> View:
    """The view as the widgets hold it now; the URL's query string is set to match."""
    before = current()
    for name, key in MAP_KEYS.items():  # the map page's widgets forget them on other pages
        if key not in st.session_state and getattr(before, name) != getattr(View(), name):
            st.session_state[key] = getattr(before, name)
    area = str(st.session_state.get(AREA_KEY) or "")
    same_area = area == before.study_area  # a centre in another study area is not kept
    view = View(
        page=page,
        study_area=area,
        filters=filters,
        indicator=st.session_state.get(MAP_KEYS["indicator"], before.indicator),
        scheme=st.session_state.get(MAP_KEYS["scheme"], before.scheme),
        radius_m=int(st.session_state.get(MAP_KEYS["radius_m"], before.radius_m)),
        centre=before.centre if same_area else None,
        zoom=before.zoom if same_area else None,
    )
    st.session_state[_VIEW] = view
    return view


def set_position(centre: tuple[float, float] | None, zoom: float | None) -> None:
    """The map's centre and zoom as the user left them (None: fit the study area)."""
    st.session_state[_VIEW] = with_position(current(), centre, zoom)


def show(view: View) -> None:
    """Make ``view`` the current view and put it into the widgets (e.g. a saved slide).

    Call it from a button's callback, before the sidebar's widgets render.
    """
    st.session_state[AREA_KEY] = view.study_area
    for name, key in MAP_KEYS.items():
        st.session_state[key] = getattr(view, name)
    for name, key in FILTER_KEYS.items():
        value = getattr(view.filters, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else int(value)
    st.session_state[_VIEW] = view


def write_link(default_area: str) -> None:
    """Put the current view into the address bar (page path stays Streamlit's own)."""
    params = view_to_params(current(), View(page=current().page, study_area=default_area))
    now = {key: st.query_params.get_all(key) for key in st.query_params}
    if params != now:
        st.query_params.from_dict(params)


def show_link_notes() -> None:
    """Say once, in the reader's language, what the opened link had that could not be used."""
    notes = st.session_state.pop(_NOTES, None)
    for note in notes or ():
        st.info(text.literal(errors.say(note)), icon=":material/link_off:")  # quotes the URL

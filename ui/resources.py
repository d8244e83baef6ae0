"""Cached loaders: the study area, map outlines and the database engine, once per server."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from geo.census import DEMO_NAME, StudyAreaStore
from geo.census.community import build_study_area_sections
from geo.census.profiles import ProfileSection
from geo.census.study_area import StudyArea
from geo.config import PROJECT_ROOT, Settings, load_settings
from geo.db import list_assets, list_branches, open_database
from geo.db.sites import list_sites
from geo.demo_fieldwork import fieldwork_seeder
from geo.filters import compute_acculturation
from geo.maps.home_map import build_places_json
from geo.maps.layers import basemap_data, simplify_tracts
from geo.maps.sites import (
    SiteFile,
    database_stamp,
    load_map_sites,
    placed_sites,
    write_sites_file,
)
from geo.maps.tract_file import TractFile, write_hashed, write_tract_file

AREA_KEY = "filters.study_area"
STATIC_DIR = PROJECT_ROOT / "static"  # served at /app/static/


@st.cache_resource
def settings() -> Settings:
    """Settings from the environment, read once."""
    return load_settings()


@st.cache_resource(show_spinner="Opening the asset database…")
def engine() -> Engine:
    """The shared asset database, migrated, and seeded with the demo city (and its
    illustrative field work, WELCOME_ATLAS_DEMO_FIELDWORK) when empty."""
    config = settings()
    return open_database(
        config.database_url,
        seed_demo_from=config.demo_dir,
        seed_fieldwork=fieldwork_seeder(config),
    )


def store() -> StudyAreaStore:
    """The study areas on disk (imported ones plus the built-in demo city)."""
    config = settings()
    return StudyAreaStore(config.study_areas_dir, config.demo_dir)


def census_cache_dir():
    """Where Census Data API answers are cached (a second load needs no network)."""
    return settings().study_areas_dir / ".cache"


def current_name() -> str:
    """The study area chosen in the sidebar (the demo city until one is chosen)."""
    return st.session_state.get(AREA_KEY) or DEMO_NAME


@st.cache_resource(show_spinner="Loading the study area…", max_entries=4)
def load_area(name: str) -> StudyArea:
    """One study area, loaded once per server (cleared after a re-import or delete)."""
    return store().load(name)


def study_area() -> StudyArea:
    """The chosen study area as loaded from disk."""
    name = current_name()
    if name not in store().names():
        st.session_state[AREA_KEY] = name = DEMO_NAME
    return load_area(name)


@st.cache_resource(show_spinner="Preparing tract outlines…", max_entries=4)
def _outlines(name: str) -> gpd.GeoDataFrame:
    return simplify_tracts(load_area(name).tracts)


def tract_outlines() -> gpd.GeoDataFrame:
    """Simplified tract polygons of the chosen study area, for the browser."""
    study_area()
    return _outlines(current_name())


@st.cache_resource(show_spinner="Summing the whole study area…", max_entries=4)
def _whole_sections(name: str) -> list[ProfileSection]:
    return build_study_area_sections(load_area(name))


def study_area_sections() -> list[ProfileSection]:
    """The whole study area's profile (the comparison column), computed once per area."""
    study_area()
    return _whole_sections(current_name())


def forget_area(name: str) -> None:
    """Drop cached copies after a study area was re-imported or deleted."""
    load_area.clear()
    _outlines.clear()
    _whole_sections.clear()
    _tract_file.clear()
    _acculturation.clear()
    _basemap.clear()
    _places_url.clear()
    _map_sites.clear()


def _served(url: str) -> bool:
    """Whether a generated file is still on disk (someone may have cleaned static/generated/)."""
    return (STATIC_DIR / url.removeprefix("/app/static/")).is_file()


@st.cache_resource(show_spinner="Simplifying tract outlines for the map…", max_entries=8)
def _tract_file(name: str) -> TractFile:
    return write_tract_file(_outlines(name), STATIC_DIR, name)


def tract_file() -> TractFile:
    """The chosen study area's outlines file, written once and rewritten if it went missing."""
    study_area()
    if not _served(_tract_file(current_name()).url):
        _tract_file.clear()  # static/generated/ was cleaned: rebuild on demand
    return _tract_file(current_name())


@st.cache_resource(max_entries=4)
def _basemap(name: str) -> dict[str, list] | None:
    basemap = load_area(name).basemap
    return None if basemap is None else basemap_data(basemap)


def basemap() -> dict[str, list] | None:
    """The chosen study area's offline base layers as plain data (None without them)."""
    study_area()
    return _basemap(current_name())


@st.cache_resource(max_entries=8)
def _places_url(name: str, stamp: str) -> str:
    area = current_area()
    data = build_places_json(area.branches, _basemap(name))
    return write_hashed(STATIC_DIR, "places", ".json", data)[0]


def places_url() -> str:
    """URL of the chosen study area's branch pins and base layers (fetched once per browser)."""
    study_area()
    stamp = data_stamp()
    if not _served(_places_url(current_name(), stamp)):
        _places_url.clear()
    return _places_url(current_name(), stamp)


@st.cache_resource(max_entries=4)
def _acculturation(name: str) -> pd.DataFrame:
    return compute_acculturation(load_area(name).tables)


def acculturation() -> pd.DataFrame:
    """The three threshold indicators per tract of the chosen study area (read-only)."""
    study_area()
    return _acculturation(current_name())


def data_stamp() -> str:
    """Changes whenever any server saves organizations or branches (one small query)."""
    with Session(engine()) as session:
        return database_stamp(session)


@st.cache_resource(show_spinner="Reading the organizations…", max_entries=4)
def _organizations_at(stamp: str) -> pd.DataFrame:
    with Session(engine()) as session:
        return list_assets(session)


@st.cache_resource(show_spinner="Reading the organization sites…", max_entries=4)
def _sites_at(stamp: str) -> pd.DataFrame:
    with Session(engine()) as session:
        return load_map_sites(session, _organizations_at(stamp))


@st.cache_resource(max_entries=8)
def _map_sites(name: str, stamp: str) -> tuple[pd.DataFrame, SiteFile]:
    sites = placed_sites(_sites_at(stamp), tuple(_outlines(name).total_bounds))
    return sites, write_sites_file(sites.reset_index(drop=True), STATIC_DIR)


def map_sites() -> tuple[pd.DataFrame, SiteFile]:
    """Sites (one row per site) inside the chosen study area and their file, as of the
    database's last change.

    Read once per database version and shared by every session (treat as read-only); the
    version stamp is checked on every rerun, so edits made on another server show too.
    """
    study_area()
    stamp = data_stamp()
    if not _served(_map_sites(current_name(), stamp)[1].url):
        _map_sites.clear()
    return _map_sites(current_name(), stamp)


def organizations() -> pd.DataFrame:
    """Every active organization as of the database's last change (an edit saved on any
    server shows at the next rerun); a copy of the shared frame, so callers may change it."""
    return _organizations_at(data_stamp()).copy()


def sites() -> pd.DataFrame:
    """One row per site of every active organization (gaps and profiles count sites).

    Read once per database version and shared by every session (treat as read-only).
    """
    return _listed_sites_at(data_stamp())


@st.cache_resource(max_entries=4)
def _listed_sites_at(stamp: str) -> pd.DataFrame:
    with Session(engine()) as session:
        return list_sites(session)


def branches() -> pd.DataFrame:
    """Library branches as of the database's last change; a copy callers may change."""
    return _branches_at(data_stamp()).copy()


@st.cache_resource(max_entries=4)
def _branches_at(stamp: str) -> pd.DataFrame:
    with Session(engine()) as session:
        return list_branches(session)


def current_area() -> StudyArea:
    """The chosen study area; the demo city's branches come from the shared database."""
    area = study_area()
    if current_name() == DEMO_NAME:
        return dataclasses.replace(area, branches=_branches_at(data_stamp()))
    return area

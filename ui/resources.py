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
from geo.config import Settings, load_settings
from geo.db import list_assets, list_branches, open_database
from geo.maps.layers import simplify_tracts

AREA_KEY = "filters.study_area"


@st.cache_resource
def settings() -> Settings:
    """Settings from the environment, read once."""
    return load_settings()


@st.cache_resource(show_spinner="Opening the asset database…")
def engine() -> Engine:
    """The shared asset database, migrated, and seeded with the demo city when empty."""
    config = settings()
    return open_database(config.database_url, seed_demo_from=config.demo_dir)


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


def organizations() -> pd.DataFrame:
    """Every active organization, read fresh so an edit shows on the map at once."""
    with Session(engine()) as session:
        return list_assets(session)


def branches() -> pd.DataFrame:
    """Library branches from the shared database."""
    with Session(engine()) as session:
        return list_branches(session)


def current_area() -> StudyArea:
    """The chosen study area; the demo city's branches come from the shared database."""
    area = study_area()
    if current_name() == DEMO_NAME:
        return dataclasses.replace(area, branches=branches())
    return area

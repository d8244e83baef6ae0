"""Cached loaders: the study area, map outlines and the database engine, once per server."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from geo.config import Settings, load_settings
from geo.db import list_assets, list_branches, open_database
from geo.layers import simplify_tracts
from geo.study_area import StudyArea, load_demo_study_area


@st.cache_resource
def settings() -> Settings:
    """Settings from the environment, read once."""
    return load_settings()


@st.cache_resource(show_spinner="Opening the asset database…")
def engine() -> Engine:
    """The shared asset database, migrated, and seeded with the demo city when empty."""
    config = settings()
    return open_database(config.database_url, seed_demo_from=config.demo_dir)


@st.cache_resource(show_spinner="Loading the study area…")
def study_area() -> StudyArea:
    """The demo city (study-area switching comes with census imports)."""
    return load_demo_study_area(settings().demo_dir)


@st.cache_resource(show_spinner="Preparing tract outlines…")
def tract_outlines() -> gpd.GeoDataFrame:
    """Simplified tract polygons for the browser."""
    return simplify_tracts(study_area().tracts)


def organizations() -> pd.DataFrame:
    """Every active organization, read fresh so an edit shows on the map at once."""
    with Session(engine()) as session:
        return list_assets(session)


def branches() -> pd.DataFrame:
    """Library branches from the shared database."""
    with Session(engine()) as session:
        return list_branches(session)


def current_area() -> StudyArea:
    """The study area with the branches as the shared database holds them now."""
    return dataclasses.replace(study_area(), branches=branches())

"""Cached loaders: the study area and the map outlines are read once per server."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.config import Settings, load_settings
from geo.layers import simplify_tracts
from geo.organizations import load_organizations_csv
from geo.study_area import StudyArea, load_demo_study_area


@st.cache_resource
def settings() -> Settings:
    """Settings from the environment, read once."""
    return load_settings()


@st.cache_resource(show_spinner="Loading the study area…")
def study_area() -> StudyArea:
    """The demo city (study-area switching comes with census imports)."""
    return load_demo_study_area(settings().demo_dir)


@st.cache_resource(show_spinner="Preparing tract outlines…")
def tract_outlines() -> gpd.GeoDataFrame:
    """Simplified tract polygons for the browser."""
    return simplify_tracts(study_area().tracts)


def organizations() -> pd.DataFrame:
    """Every active organization, one row each."""
    return load_organizations_csv(settings().demo_dir / "organizations.csv")

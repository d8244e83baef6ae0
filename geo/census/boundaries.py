"""Tract boundaries from TIGER/Line or cartographic-boundary files, in any CRS."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.config import WGS84
from geo.errors import ImportFormatError
from geo.messages import N_, enumeration

_ID_COLUMNS = ("GEOID", "GEOID20", "GEOID10")
_NAME_COLUMNS = ("NAMELSAD", "NAMELSAD20", "NAME", "NAME20")


def _layer_path(path: Path) -> str:
    """A path pyogrio can open; a zip is read in place through GDAL's /vsizip/."""
    if path.suffix.lower() != ".zip":
        return str(path)
    with zipfile.ZipFile(path) as archive:
        inner = [
            n
            for n in archive.namelist()
            if n.lower().endswith((".shp", ".geojson", ".json", ".gpkg"))
        ]
    if not inner:
        raise ImportFormatError.said(
            N_("{name}: the zip holds no .shp, .geojson or .gpkg layer."), name=path.name
        )
    return f"/vsizip/{path.resolve()}/{inner[0]}"


def _read_layer(path: Path) -> gpd.GeoDataFrame:
    """The layer as GDAL reads it; its reason for refusing is quoted as GDAL wrote it."""
    try:
        return gpd.read_file(_layer_path(path), engine="pyogrio")
    except ImportFormatError:
        raise
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise ImportFormatError.unreadable(
            N_(
                "{name}: not a readable map layer ({reason}). Use a zipped shapefile, GeoJSON "
                "or GeoPackage."
            ),
            path.name,
            err,
        ) from err


def read_polygons(
    path: Path | str, *, id_column: str | None = None, name_column: str | None = None
) -> gpd.GeoDataFrame:
    """Read any polygon layer (zipped shapefile, GeoJSON, GeoPackage) into EPSG:4326.

    Parameters
    ----------
    path
        The layer file; a ``.zip`` holding a shapefile is read without unpacking.
    id_column, name_column
        Columns holding the area id and a readable name; default the Census
        ``GEOID`` and ``NAMELSAD`` (or ``NAME``).

    Returns
    -------
    GeoDataFrame with ``GEOID`` (str), ``NAME`` and ``geometry``, indexed by GEOID.

    Raises
    ------
    ImportFormatError
        If the file is not a polygon layer, has no coordinate system or lacks the id column.
    """
    path = Path(path)
    layer = _read_layer(path)
    id_col = id_column or next((c for c in _ID_COLUMNS if c in layer.columns), None)
    if id_col is None or id_col not in layer.columns:
        raise ImportFormatError.said(
            N_("{name}: no area id column ({column}). Columns: {columns}."),
            name=path.name,
            column=id_column or "GEOID",
            columns=enumeration(map(str, layer.columns)),
        )
    if layer.crs is None:
        raise ImportFormatError.said(
            N_(
                "{name}: the layer has no coordinate system (a shapefile needs its .prj file "
                "inside the zip)."
            ),
            name=path.name,
        )
    kinds = set(layer.geom_type.dropna())
    if not kinds <= {"Polygon", "MultiPolygon"}:
        raise ImportFormatError.said(
            N_("{name}: expected polygons, found {kinds}."),
            name=path.name,
            kinds=enumeration(sorted(kinds)),
        )
    name_col = name_column or next((c for c in _NAME_COLUMNS if c in layer.columns), id_col)
    out = gpd.GeoDataFrame(
        {"GEOID": layer[id_col].astype(str).str.strip(), "NAME": layer[name_col].astype(str)},
        geometry=layer.geometry,
        crs=layer.crs,
    ).to_crs(WGS84)
    out["geometry"] = shapely.make_valid(out.geometry.values)
    return out.set_index("GEOID", drop=False).rename_axis(None)


def import_tract_boundaries(path: Path | str, *, counties: Sequence[str] = ()) -> gpd.GeoDataFrame:
    """Census tract polygons, optionally only those of some counties.

    Parameters
    ----------
    path
        TIGER/Line or cartographic-boundary tracts (zip, shapefile, GeoJSON, GeoPackage).
    counties
        Five-digit state+county FIPS codes (``"36005"``); empty keeps every tract.

    Raises
    ------
    ImportFormatError
        As :func:`read_polygons`, or when no tract lies in the counties given.
    """
    tracts = read_polygons(path)
    if counties:
        tracts = tracts[tracts["GEOID"].str[:5].isin(set(counties))]
        if tracts.empty:
            raise ImportFormatError.said(
                N_("{name}: no tracts in counties {counties}. Check the state of the file."),
                name=Path(path).name,
                counties=enumeration(counties),
            )
    return tracts


def name_tracts(tracts: gpd.GeoDataFrame, names: pd.Series | None) -> gpd.GeoDataFrame:
    """Readable names like ``Census Tract 1, Bronx County`` from the ACS ``NAME`` column."""
    if names is None:
        return tracts
    short = names.astype(str).str.split(";").str[:2].str.join(",").str.strip()
    out = tracts.copy()
    out["NAME"] = short.reindex(out.index).fillna(out["NAME"]).to_numpy()
    return out

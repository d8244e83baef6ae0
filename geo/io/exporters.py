"""Export organizations as CSV, Excel, GeoJSON, GeoPackage or an HSDS 3.0 datapackage.

The table formats have one row (feature) per site: an organization with five offices gives
five rows sharing its ``organization_id``, each with that site's address, place and hours;
an organization without any site gives one row without a place. The importer reads such
rows back as one organization with its sites (:mod:`geo.io.validation`).
Spreadsheet cells (CSV, xlsx) starting with = + - @ tab or CR are neutralized with a leading
single quote (numeric lat/lon are left alone); our importer removes that quote again.
Contacts (staff-only) are never exported.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.cells import neutralize_cell
from geo.db import list_assets
from geo.db.listing import ASSET_COLUMNS
from geo.db.schema import Language
from geo.db.sites import list_sites
from geo.errors import GeoError
from geo.hours import parse_opening_hours

EXPORT_FORMATS = ("csv", "xlsx", "geojson", "gpkg", "hsds")
# The directory's columns without the bookkeeping another system has no use for.
# Per site (after the organization's columns): which site, its address parts and its hours
# in OpenStreetMap opening_hours syntax; ``address``, ``lat`` and ``lon`` are the site's too.
SITE_EXPORT_COLUMNS: tuple[str, ...] = (
    "site_position",
    "site_name",
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "opening_hours",
)
EXPORT_COLUMNS: tuple[str, ...] = (
    *(c for c in ASSET_COLUMNS if c not in ("needs_location", "version", "updated_by")),
    *SITE_EXPORT_COLUMNS,
)
_PLACE_COLUMNS = ("address", "lat", "lon")
NUMERIC_COLUMNS = ("lat", "lon")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _language_cells(session: Session) -> dict[str, str]:
    """org id -> 'code' or 'code:note' items joined by ';' (notes are lost in list_assets)."""
    joined: dict[str, list[str]] = {}
    query = sa.select(Language.organization_id, Language.code, Language.note).order_by(Language.id)
    for organization_id, code, note in session.execute(query):
        joined.setdefault(organization_id, []).append(f"{code}:{note}" if note else code)
    return {k: ";".join(v) for k, v in joined.items()}


def _osm_hours(text: str) -> str:
    """The hours when they are opening_hours syntax; words ("by appointment") are left out."""
    try:
        parse_opening_hours(text)
    except ValueError:
        return ""
    return text


def _site_rows(session: Session, *, include_archived: bool) -> pd.DataFrame:
    """One row per site (and one per organization without any), place and hours only."""
    sites = list_sites(
        session, include_archived=include_archived, include_unplaced_organizations=True
    )
    hours = sites.pop("hours")
    sites["opening_hours"] = hours.map(_osm_hours)
    sites["site_position"] = sites["site_position"].map(lambda p: "" if p < 0 else str(p))
    columns = ["organization_id", *_PLACE_COLUMNS, *SITE_EXPORT_COLUMNS]
    return sites[columns]


def export_frame(session: Session, *, include_archived: bool = False) -> pd.DataFrame:
    """One row per site to export, columns EXPORT_COLUMNS (lists ';'-joined, dates ISO).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    include_archived : bool, optional
        Also export archived organizations.

    Returns
    -------
    pandas.DataFrame
        Organizations by name, each with its sites in their order (the main site first);
        an organization without any site has one row with empty place columns.
    """
    organizations = list_assets(session, include_archived=include_archived, sort="name")
    frame = organizations.drop(columns=list(_PLACE_COLUMNS)).merge(
        _site_rows(session, include_archived=include_archived),
        on="organization_id",
        how="left",
        sort=False,
    )
    languages = _language_cells(session)
    frame["languages"] = frame["organization_id"].map(lambda i: languages.get(i, ""))
    for column in ("collected_on", "last_verified_on", "updated_at"):
        frame[column] = frame[column].map(
            lambda v: "" if v is None or pd.isna(v) else v.isoformat()
        )
    for column in SITE_EXPORT_COLUMNS:
        frame[column] = frame[column].fillna("")
    return frame[list(EXPORT_COLUMNS)].reset_index(drop=True)


def _spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if column not in NUMERIC_COLUMNS:
            safe[column] = safe[column].map(
                lambda v: neutralize_cell(_ILLEGAL_XML.sub("", v)) if isinstance(v, str) else v
            )
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV, UTF-8 with BOM (Excel then shows every script correctly), neutralized cells."""
    return _spreadsheet_safe(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "organizations") -> bytes:
    """An .xlsx workbook with one sheet; text cells neutralized, lat/lon numeric."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _spreadsheet_safe(frame).to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def to_geojson_bytes(frame: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection (EPSG:4326); unplaced organizations get a null geometry."""
    features = []
    for record in frame.to_dict(orient="records"):
        lat, lon = record.pop("lat"), record.pop("lon")
        placed = not (pd.isna(lat) or pd.isna(lon))
        geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]} if placed else None
        properties = {
            k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()
        }
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def write_gpkg(frame: pd.DataFrame, path: Path, *, layer: str = "organizations") -> None:
    """A GeoPackage point layer (EPSG:4326); unplaced organizations have an empty geometry."""
    import geopandas as gpd

    points = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    placed = frame["lat"].notna() & frame["lon"].notna()
    geometry = gpd.GeoSeries(
        [p if ok else None for p, ok in zip(points, placed, strict=True)], crs="EPSG:4326"
    )
    layer_frame = gpd.GeoDataFrame(frame.drop(columns=["lat", "lon"]), geometry=geometry)
    layer_frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")


def export_assets(
    session: Session, path: str | Path, fmt: str, *, include_archived: bool = False
) -> Path:
    """Write all (active) organizations to ``path`` in ``fmt``.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    path : str or pathlib.Path
        Output file (its folder is created).
    fmt : {'csv', 'xlsx', 'geojson', 'gpkg', 'hsds'}
        Output format; 'hsds' writes an HSDS 3.0 datapackage zip.
    include_archived : bool, optional
        Also export archived organizations.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    GeoError
        For an unknown format.
    """
    if fmt not in EXPORT_FORMATS:
        raise GeoError(f"Cannot export as '{fmt}'. Choose one of: {', '.join(EXPORT_FORMATS)}.")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame = export_frame(session, include_archived=include_archived)
    if fmt == "gpkg":
        out.unlink(missing_ok=True)
        write_gpkg(frame, out)
        return out
    if fmt == "hsds":
        from geo.io.hsds_export import build_hsds

        data = build_hsds(session, include_archived=include_archived).data
    else:
        data = {"csv": to_csv_bytes, "xlsx": to_xlsx_bytes, "geojson": to_geojson_bytes}[fmt](frame)
    out.write_bytes(data)
    return out

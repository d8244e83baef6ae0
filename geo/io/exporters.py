"""Export organizations as CSV, Excel, GeoJSON, GeoPackage or an HSDS 3.0 datapackage.

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
from geo.errors import GeoError

EXPORT_FORMATS = ("csv", "xlsx", "geojson", "gpkg", "hsds")
# The directory's columns without the bookkeeping another system has no use for.
EXPORT_COLUMNS: tuple[str, ...] = tuple(
    c for c in ASSET_COLUMNS if c not in ("needs_location", "version", "updated_by")
)
NUMERIC_COLUMNS = ("lat", "lon")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _language_cells(session: Session) -> dict[str, str]:
    """org id -> 'code' or 'code:note' items joined by ';' (notes are lost in list_assets)."""
    joined: dict[str, list[str]] = {}
    query = sa.select(Language.organization_id, Language.code, Language.note).order_by(Language.id)
    for organization_id, code, note in session.execute(query):
        joined.setdefault(organization_id, []).append(f"{code}:{note}" if note else code)
    return {k: ";".join(v) for k, v in joined.items()}


def export_frame(session: Session, *, include_archived: bool = False) -> pd.DataFrame:
    """Organizations to export, columns EXPORT_COLUMNS (lists ';'-joined, dates ISO).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    include_archived : bool, optional
        Also export archived organizations.

    Returns
    -------
    pandas.DataFrame
    """
    frame = list_assets(session, include_archived=include_archived, sort="name")
    languages = _language_cells(session)
    frame["languages"] = frame["organization_id"].map(lambda i: languages.get(i, ""))
    for column in ("collected_on", "last_verified_on", "updated_at"):
        frame[column] = frame[column].map(
            lambda v: "" if v is None or pd.isna(v) else v.isoformat()
        )
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

"""One entry point for every supported source: the format is sniffed, then the reader runs.

The dispatcher sits above both the table readers and the HSDS reader (which builds on the
readers' CSV parsing), so neither has to import the other back.
"""

from __future__ import annotations

from pathlib import Path

from geo.io.hsds import read_hsds
from geo.io.readers import SourceTable, read_csv, read_geo, read_xlsx
from geo.io.sniff import DEFAULT_LIMITS, Limits, sniff_format


def read_source(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> SourceTable:
    """Read any supported file or datapackage folder, its format sniffed from the content.

    Parameters
    ----------
    path : str or pathlib.Path
        CSV, .xlsx, GeoJSON, GeoPackage, an HSDS datapackage folder/zip or its datapackage.json.
    limits : Limits, optional
        Size and row limits.

    Returns
    -------
    SourceTable

    Raises
    ------
    ImportFormatError
        When the file is empty, damaged, unsafe, too large or of no supported kind.
    """
    path = Path(path)
    kind = sniff_format(path, limits)
    if kind == "csv":
        return read_csv(path, limits)
    if kind == "xlsx":
        return read_xlsx(path, limits)
    if kind in ("geojson", "gpkg"):
        return read_geo(path, kind, limits)
    return read_hsds(path.parent if path.is_file() and path.suffix == ".json" else path, limits)

"""Read a CSV, Excel, GeoJSON or GeoPackage file into a :class:`SourceTable` of text cells.

Every cell is a string ('' when empty) so nothing is guessed before the user maps columns;
the frame index is the 1-based data row number the user can find in the file.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import ImportFormatError
from geo.io.sniff import DEFAULT_LIMITS, Limits, decode_text, open_zip
from geo.messages import N_, Message, enumeration, n_

GEOMETRY_LAT = "geometry_lat"
GEOMETRY_LON = "geometry_lon"


@dataclass(frozen=True, kw_only=True)
class SourceTable:
    """Rows read from one file, before column mapping.

    ``frame`` holds text cells indexed by the 1-based data row; ``first_line`` is the
    spreadsheet line of data row 1 (2 when one header line precedes it), so the line a user
    sees is ``row + first_line - 1``. ``row_label`` names the rows ('data row', 'feature',
    'organization row'). ``notes`` are file-level remarks for the report (e.g. encoding).
    """

    name: str
    format: str
    frame: pd.DataFrame
    first_line: int = 2
    row_label: str = "data row"
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    mapped: bool = False  # True when columns already carry our field names (HSDS)
    extra: dict[str, object] = field(default_factory=dict)


def _unique_headers(headers: list[str]) -> list[str]:
    """Blank headers become 'column N'; repeats get '.1', '.2' (as pandas does)."""
    seen: dict[str, int] = {}
    result = []
    for position, header in enumerate(headers, start=1):
        text = str(header).strip() or f"column {position}"
        if text in seen:
            seen[text] += 1
            text = f"{text}.{seen[text]}"
        else:
            seen[text] = 0
        result.append(text)
    return result


NO_ROWS = N_(
    "The file '{name}' has a header row but no rows below it. Add the organizations, one per "
    "row, under the header."
)


def _frame(name: str, headers: list[str], rows: list[list[str]], limits: Limits) -> pd.DataFrame:
    if not headers or not any(h.strip() for h in headers):
        raise ImportFormatError.said(
            N_(
                "The file '{name}' is empty: no header row was found. The first row must "
                "name the columns (for example name, address, lat, lon)."
            ),
            name=name,
        )
    if len(rows) > limits.max_rows:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' has {rows:,} rows; the limit is {limit:,}. Split it and "
                "import the parts one by one."
            ),
            name=name,
            rows=len(rows),
            limit=limits.max_rows,
        )
    width = len(headers)
    numbered = [
        (number, ([("" if v is None else str(v)) for v in r] + [""] * width)[:width])
        for number, r in enumerate(rows, start=1)
    ]
    kept = [(n, r) for n, r in numbered if any(v.strip() for v in r)]
    if not kept:
        raise ImportFormatError.said(NO_ROWS, name=name)
    frame = pd.DataFrame([r for _, r in kept], columns=_unique_headers(headers), dtype=object)
    frame.index = pd.Index([n for n, _ in kept], name="row")
    return frame


def read_csv_text(text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> pd.DataFrame:
    """Parse CSV text (delimiter sniffed among , ; tab |) into a frame of text cells."""
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = _parse_csv(text, dialect.delimiter)
    except csv.Error as err:
        raise ImportFormatError.unreadable(
            N_(
                "The file '{name}' cannot be read as CSV ({reason}). Check that quotes are "
                "closed, or save it again as CSV UTF-8."
            ),
            name,
            err,
        ) from err
    if not rows:
        raise ImportFormatError(
            Message(N_("The file '{name}' is empty. It needs a header row and rows."), name=name)
        )
    _refuse_ragged_rows(name, rows)
    return _frame(name, rows[0], rows[1:], limits)


def _parse_csv(text: str, delimiter: str) -> list[list[str]]:
    """Parse leniently, but refuse a quote left open (it would swallow every later row)."""

    def parse(strict: bool) -> list[list[str]]:
        return list(
            csv.reader(
                io.StringIO(text, newline=""),
                delimiter=delimiter,
                quotechar='"',
                doublequote=True,
                skipinitialspace=False,
                strict=strict,
            )
        )

    try:
        return parse(strict=True)
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            raise csv.Error(Message(N_('a quote (") is opened and never closed'))) from err
    return parse(strict=False)  # stray quotes inside a value: read them as text


def _refuse_ragged_rows(name: str, rows: list[list[str]]) -> None:
    """Values beyond the header's columns mean a delimiter inside an unquoted value."""
    width = len(rows[0])
    ragged = [n for n, r in enumerate(rows[1:], start=1) if any(v.strip() for v in r[width:])]
    if ragged:
        listed = enumeration(map(str, ragged), limit=5)
        raise ImportFormatError(
            n_(
                "The file '{name}' has more values than header columns in data row "
                "{rows} (the header has {width}). A comma inside a value (e.g. an address) "
                "needs quotes around the value; nothing was imported.",
                "The file '{name}' has more values than header columns in data rows "
                "{rows} (the header has {width}). A comma inside a value (e.g. an address) "
                "needs quotes around the value; nothing was imported.",
                len(ragged),
                name=name,
                rows=listed,
                width=width,
            )
        )


def read_csv(path: Path, limits: Limits = DEFAULT_LIMITS) -> SourceTable:
    """Read a CSV file (UTF-8, UTF-8 with BOM, or Windows-1252)."""
    text, encoding = decode_text(path.read_bytes(), path.name)
    if not text.strip():
        raise ImportFormatError.said(
            N_("The file '{name}' is empty. It needs a header row and rows."), name=path.name
        )
    notes = (
        ()
        if encoding in ("utf-8", "utf-16")
        else (
            Message(
                N_("'{name}' is not UTF-8; it was read as Windows-1252. Check accented letters."),
                name=path.name,
            ),
        )
    )
    return SourceTable(
        name=path.name,
        format="csv",
        frame=read_csv_text(text, path.name, limits),
        encoding=encoding,
        notes=notes,
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value)) if "e" not in repr(value) else repr(value)
    return str(value)


def read_xlsx(path: Path, limits: Limits = DEFAULT_LIMITS) -> SourceTable:
    """Read the first worksheet of an .xlsx workbook (checked as a zip first)."""
    import openpyxl

    open_zip(path, limits).close()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for damaged workbooks
        raise ImportFormatError.unreadable(
            N_(
                "The workbook '{name}' cannot be opened ({reason}). Open it in a spreadsheet "
                "program and save it again as .xlsx."
            ),
            path.name,
            err,
        ) from err
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > limits.max_rows + 1:
                break
    finally:
        book.close()
    if not rows:
        raise ImportFormatError.said(
            N_(
                "The first sheet of '{name}' is empty. Put the header row on line 1 and the "
                "organizations below it."
            ),
            name=path.name,
        )
    return SourceTable(
        name=path.name, format="xlsx", frame=_frame(path.name, rows[0], rows[1:], limits)
    )


def read_geo(path: Path, kind: str, limits: Limits = DEFAULT_LIMITS) -> SourceTable:
    """Read GeoJSON or a GeoPackage layer; point coordinates go to geometry_lat/geometry_lon."""
    import geopandas as gpd

    try:
        layer = gpd.read_file(path, engine="pyogrio")
    except Exception as err:  # pyogrio/GDAL errors have no common base class
        raise ImportFormatError.unreadable(
            N_(
                "The {kind} file '{name}' cannot be read ({reason}). Export it again from your "
                "GIS, or use CSV."
            ),
            path.name,
            err,
            kind={"geojson": "GeoJSON", "gpkg": "GeoPackage"}.get(kind, kind),
        ) from err
    if layer.crs is not None and layer.crs.to_epsg() != 4326:
        layer = layer.to_crs("EPSG:4326")
    _refuse_broken_geometries(path.name, layer)
    headers = [str(c) for c in layer.columns if c != layer.geometry.name]
    points = layer.geometry.representative_point() if len(layer) else layer.geometry
    rows = []
    for (_, record), point in zip(layer[headers].iterrows(), points, strict=True):
        cells = ["" if pd.isna(v) else _cell(v) for v in record.tolist()]
        empty = point is None or point.is_empty
        rows.append(cells + (["", ""] if empty else [repr(point.y), repr(point.x)]))
    table = _frame(path.name, headers + [GEOMETRY_LAT, GEOMETRY_LON], rows, limits)
    return SourceTable(name=path.name, format=kind, frame=table, first_line=1, row_label="feature")


def _refuse_broken_geometries(name: str, layer: object) -> None:
    """Self-intersecting or otherwise invalid shapes would put organizations in wrong places."""
    from shapely.validation import explain_validity

    geometries = layer.geometry  # type: ignore[attr-defined]
    present = geometries.notna() & ~geometries.is_empty
    broken = [
        (n, g)
        for n, (g, ok) in enumerate(zip(geometries, present, strict=True), start=1)
        if ok and not g.is_valid
    ]
    if broken:
        n, geometry = broken[0]
        raise ImportFormatError(
            n_(
                "{count} feature of '{name}' has a broken geometry: feature {number} "
                "({reason}). Repair it in your GIS (QGIS: Processing > Fix geometries) or "
                "give a point; nothing was imported.",
                "{count} features of '{name}' have a broken geometry; the first is feature "
                "{number} ({reason}). Repair them in your GIS (QGIS: Processing > Fix "
                "geometries) or give points; nothing was imported.",
                len(broken),
                name=name,
                number=str(n),
                reason=explain_validity(geometry),
            )
        )

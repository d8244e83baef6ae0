"""Recognise what a file really is (never trusting its extension) and read it safely.

Zip containers (xlsx, zipped HSDS datapackages) are checked before anything is read from
them: no absolute or ``..`` paths, no links, bounded member count and uncompressed size.
"""

from __future__ import annotations

import json
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geo.errors import ImportFormatError
from geo.messages import N_, Message

FORMATS = ("csv", "xlsx", "geojson", "gpkg", "hsds")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls
HSDS_ORGANIZATION_FILES = ("organizations.csv", "organization.csv")


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Upper bounds for one import; raise them deliberately, never remove them."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_rows: int = 200_000
    max_unzipped_bytes: int = 300 * 1024 * 1024
    max_zip_members: int = 2_000
    max_zip_ratio: int = 200  # uncompressed/compressed, per member: zip-bomb guard


DEFAULT_LIMITS = Limits()


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_size(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse files larger than ``limits.max_file_bytes``."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ImportFormatError(
            Message(
                N_(
                    "The file '{name}' is {size}; the limit is {limit}. Split it into smaller "
                    "files and import them one after another."
                ),
                name=path.name,
                size=_mb(size),
                limit=_mb(limits.max_file_bytes),
            )
        )
    if size == 0:
        raise ImportFormatError(
            Message(
                N_(
                    "The file '{name}' is empty. Choose the file that holds the organizations, "
                    "with a header row and at least one row."
                ),
                name=path.name,
            )
        )


def check_zip(archive: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse unsafe or oversized zip archives before reading any member.

    Raises
    ------
    ImportFormatError
        On a path leaving the archive folder, a link, too many members or too many bytes.
    """
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise ImportFormatError(
            f"The zip file '{name}' holds {len(members)} files; at most "
            f"{limits.max_zip_members} are accepted. Zip only the data files."
        )
    total = 0
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
            raise ImportFormatError(
                f"The zip file '{name}' contains '{info.filename}', a path that points outside "
                "the archive. It was not opened; zip the files again from their own folder."
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFormatError(
                f"The zip file '{name}' contains a link ('{info.filename}'). "
                "Zip the real files instead."
            )
        ratio = info.file_size / max(info.compress_size, 1)
        total += info.file_size
        if total > limits.max_unzipped_bytes or (
            info.file_size > 1_000_000 and ratio > limits.max_zip_ratio
        ):
            raise ImportFormatError(
                f"The zip file '{name}' unpacks to more than {_mb(limits.max_unzipped_bytes)} "
                f"(or '{info.filename}' is compressed suspiciously well). It was not opened."
            )


def open_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open and check a zip archive (see :func:`check_zip`)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise ImportFormatError(
            f"The file '{path.name}' looks like a zip archive but is damaged "
            f"({err}). Download or save it again."
        ) from err
    check_zip(archive, path.name, limits)
    return archive


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode text as UTF-8 (with or without BOM), else Windows-1252.

    Returns
    -------
    (str, str)
        The text and the encoding used (``'utf-8'`` or ``'cp1252'``).

    Raises
    ------
    ImportFormatError
        For binary data or bytes valid in neither encoding.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" is UTF-16 with a BOM
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise ImportFormatError(
                f"The file '{name}' starts like UTF-16 text but is damaged. Save it again as "
                "'CSV UTF-8'."
            ) from err
    head = data[:8192]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2:
        raise ImportFormatError(
            Message(
                N_(
                    "The file '{name}' is not text (it contains binary data). Upload a CSV, an "
                    "Excel .xlsx workbook, GeoJSON, a GeoPackage or an HSDS datapackage."
                ),
                name=name,
            )
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ImportFormatError(
            Message(
                N_(
                    "The file '{name}' has characters that are neither UTF-8 nor Windows-1252 "
                    "(first at line {line}). Open it in a spreadsheet or text editor and save "
                    "it again as 'CSV UTF-8'."
                ),
                name=name,
                line=str(line),
            )
        ) from err


def _zip_kind(path: Path, limits: Limits) -> str:
    with open_zip(path, limits) as archive:
        names = {PurePosixPath(n).name.lower() for n in archive.namelist()}
        if "xl/workbook.xml" in archive.namelist():
            return "xlsx"
    if "datapackage.json" in names or names & set(HSDS_ORGANIZATION_FILES):
        return "hsds"
    raise ImportFormatError(
        f"The zip file '{path.name}' is neither an Excel workbook nor an HSDS datapackage "
        "(no datapackage.json or organizations.csv inside). Unzip it and import the data file."
    )


def _folder_kind(path: Path) -> str:
    for folder in (path, path / "data"):
        if (folder / "datapackage.json").is_file() or any(
            (folder / n).is_file() for n in HSDS_ORGANIZATION_FILES
        ):
            return "hsds"
    raise ImportFormatError(
        f"The folder '{path.name}' is not an HSDS datapackage: it has no datapackage.json or "
        "organizations.csv. Choose a single file, or the datapackage folder."
    )


def _json_kind(path: Path, data: bytes) -> str:
    try:
        document = json.loads(decode_text(data, path.name)[0])
    except json.JSONDecodeError as err:
        raise ImportFormatError(
            f"The file '{path.name}' starts like JSON but cannot be read "
            f"(line {err.lineno}: {err.msg}). Check it in a JSON validator."
        ) from err
    except RecursionError as err:  # the decoder's own depth guard; no valid GeoJSON nests so deep
        raise ImportFormatError(
            f"The file '{path.name}' nests brackets thousands of levels deep, which no map "
            "layer does; it was refused. Export the layer again from your GIS, or use CSV."
        ) from err
    if isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature"):
        return "geojson"
    if isinstance(document, dict) and "resources" in document:
        return "hsds"
    raise ImportFormatError(
        f"The file '{path.name}' is JSON but not GeoJSON (no "
        "FeatureCollection). Export the layer as GeoJSON, or use CSV."
    )


def sniff_format(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """Which of :data:`FORMATS` a file or folder holds, judged by its content.

    Raises
    ------
    ImportFormatError
        If the path is missing, empty, too large, or of no supported kind.
    """
    if path.is_dir():
        return _folder_kind(path)
    if not path.is_file():
        raise ImportFormatError(f"There is no file at '{path}'. Check the name and folder.")
    check_size(path, limits)
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path, limits)
    if head.startswith(_SQLITE_MAGIC):
        return "gpkg"
    if head.startswith(_OLE2_MAGIC):
        raise ImportFormatError(
            f"'{path.name}' is an old Excel 97-2003 workbook. Open it in a "
            "spreadsheet program and save it as .xlsx (or CSV UTF-8)."
        )
    claimed = path.suffix.lower()
    if claimed in (".xlsx", ".xlsm", ".gpkg", ".zip"):
        raise ImportFormatError(
            f"The file '{path.name}' is named like a {claimed} file but its content is not one "
            "(it looks like plain text or something else). If it is CSV, rename it to .csv; "
            "otherwise save it again from the program that made it."
        )
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return _json_kind(path, path.read_bytes())
    return "csv"

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
from geo.messages import N_, file_size

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


def check_size(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse files larger than ``limits.max_file_bytes``."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' is {size}; the limit is {limit}. Split it into smaller "
                "files and import them one after another."
            ),
            name=path.name,
            size=file_size(size),
            limit=file_size(limits.max_file_bytes),
        )
    if size == 0:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' is empty. Choose the file that holds the organizations, "
                "with a header row and at least one row."
            ),
            name=path.name,
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
        raise ImportFormatError.said(
            N_(
                "The zip file '{name}' holds {count} files; at most {limit} are accepted. Zip "
                "only the data files."
            ),
            name=name,
            count=len(members),
            limit=limits.max_zip_members,
        )
    total = 0
    for info in members:
        _check_member_path(info, name)
        ratio = info.file_size / max(info.compress_size, 1)
        total += info.file_size
        if total > limits.max_unzipped_bytes or (
            info.file_size > 1_000_000 and ratio > limits.max_zip_ratio
        ):
            raise ImportFormatError.said(
                N_(
                    "The zip file '{name}' unpacks to more than {limit} (or '{member}' is "
                    "compressed suspiciously well). It was not opened."
                ),
                name=name,
                limit=file_size(limits.max_unzipped_bytes),
                member=info.filename,
            )


def _check_member_path(info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a member whose path leaves the archive folder, or a link."""
    path = PurePosixPath(info.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ImportFormatError.said(
            N_(
                "The zip file '{name}' contains '{member}', a path that points outside the "
                "archive. It was not opened; zip the files again from their own folder."
            ),
            name=name,
            member=info.filename,
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ImportFormatError.said(
            N_("The zip file '{name}' contains a link ('{member}'). Zip the real files."),
            name=name,
            member=info.filename,
        )


def open_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open and check a zip archive (see :func:`check_zip`)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' looks like a zip archive but is damaged ({reason}). Download "
                "or save it again."
            ),
            name=path.name,
            reason=str(err),
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
            raise ImportFormatError.said(
                N_(
                    "The file '{name}' starts like UTF-16 text but is damaged. Save it again as "
                    "'CSV UTF-8'."
                ),
                name=name,
            ) from err
    head = data[:8192]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' is not text (it contains binary data). Upload a CSV, an "
                "Excel .xlsx workbook, GeoJSON, a GeoPackage or an HSDS datapackage."
            ),
            name=name,
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ImportFormatError.said(
            N_(
                "The file '{name}' has characters that are neither UTF-8 nor Windows-1252 "
                "(first at line {line}). Open it in a spreadsheet or text editor and save "
                "it again as 'CSV UTF-8'."
            ),
            name=name,
            line=str(line),
        ) from err


def _zip_kind(path: Path, limits: Limits) -> str:
    with open_zip(path, limits) as archive:
        names = {PurePosixPath(n).name.lower() for n in archive.namelist()}
        if "xl/workbook.xml" in archive.namelist():
            return "xlsx"
    if "datapackage.json" in names or names & set(HSDS_ORGANIZATION_FILES):
        return "hsds"
    raise ImportFormatError.said(
        N_(
            "The zip file '{name}' is neither an Excel workbook nor an HSDS datapackage (no "
            "datapackage.json or organizations.csv inside). Unzip it and import the data file."
        ),
        name=path.name,
    )


def _folder_kind(path: Path) -> str:
    for folder in (path, path / "data"):
        if (folder / "datapackage.json").is_file() or any(
            (folder / n).is_file() for n in HSDS_ORGANIZATION_FILES
        ):
            return "hsds"
    raise ImportFormatError.said(
        N_(
            "The folder '{name}' is not an HSDS datapackage: it has no datapackage.json or "
            "organizations.csv. Choose a single file, or the datapackage folder."
        ),
        name=path.name,
    )


def _json_kind(path: Path, data: bytes) -> str:
    try:
        document = json.loads(decode_text(data, path.name)[0])
    except json.JSONDecodeError as err:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' starts like JSON but cannot be read (line {line}: {reason}). "
                "Check it in a JSON validator."
            ),
            name=path.name,
            line=str(err.lineno),
            reason=err.msg,
        ) from err
    except RecursionError as err:  # the decoder's own depth guard; no valid GeoJSON nests so deep
        raise ImportFormatError.said(
            N_(
                "The file '{name}' nests brackets thousands of levels deep, which no map layer "
                "does; it was refused. Export the layer again from your GIS, or use CSV."
            ),
            name=path.name,
        ) from err
    if isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature"):
        return "geojson"
    if isinstance(document, dict) and "resources" in document:
        return "hsds"
    raise ImportFormatError.said(
        N_(
            "The file '{name}' is JSON but not GeoJSON (no FeatureCollection). Export the layer "
            "as GeoJSON, or use CSV."
        ),
        name=path.name,
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
        raise ImportFormatError.said(
            N_("There is no file at '{path}'. Check the name and folder."), path=str(path)
        )
    check_size(path, limits)
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path, limits)
    if head.startswith(_SQLITE_MAGIC):
        return "gpkg"
    if head.startswith(_OLE2_MAGIC):
        raise ImportFormatError.said(
            N_(
                "'{name}' is an old Excel 97-2003 workbook. Open it in a spreadsheet program "
                "and save it as .xlsx (or CSV UTF-8)."
            ),
            name=path.name,
        )
    claimed = path.suffix.lower()
    if claimed in (".xlsx", ".xlsm", ".gpkg", ".zip"):
        raise ImportFormatError.said(
            N_(
                "The file '{name}' is named like a {extension} file but its content is not one "
                "(it looks like plain text or something else). If it is CSV, rename it to .csv; "
                "otherwise save it again from the program that made it."
            ),
            name=path.name,
            extension=claimed,
        )
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return _json_kind(path, path.read_bytes())
    return "csv"

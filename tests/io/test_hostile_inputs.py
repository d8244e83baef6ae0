"""A corpus of bad and hostile inputs through the real import path.

Each bad file is answered with a clear message and writes nothing (every table keeps its
row count); hostile text that is a valid value is stored literally and stays data.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.db import list_assets
from geo.db.tables import TABLES
from geo.errors import GeoError
from geo.io import Limits, import_file, to_csv_bytes, to_xlsx_bytes
from geo.io.exporters import export_frame
from tests.io.conftest import DATA

HOSTILE_NAME = "<img src=x onerror=alert(1)> `whoami` ${1+1}"
SQL_NAMES = ("'; DROP TABLE organizations;--", "Robert'); DELETE FROM users;--", '" OR 1=1 --')


def _feature(geometry: object, name: str = "Shape") -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"name": name}, "geometry": geometry}],
        }
    ).encode()


BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[-45, 41], [-44.9, 41.1], [-44.9, 41], [-45, 41.1], [-45, 41]]],
}
UNCLOSED = {"type": "Polygon", "coordinates": [[[-45, 41], [-44, 41]]]}

# file name, content, words the message must contain
CORPUS = [
    ("unclosed_quote.csv", b'name,lat,lon\n"Broken,41,-45\nOther,41,-45\n', "never closed"),
    ("ragged.csv", b"name,lat,lon\nA, 12 Main St, Springfield,41,-45\n", "needs quotes"),
    ("empty.csv", (DATA / "empty.csv").read_bytes(), "is empty"),
    ("header_only.csv", b"name,lat,lon\n", "no rows below it"),
    ("no_name_column.csv", b"title,lat,lon\nX,41,-45\n", "name"),
    ("broken_encoding.csv", (DATA / "broken_encoding.csv").read_bytes(), "neither UTF-8"),
    ("nul_bytes.csv", b"name,lat,lon\nA\x00B,41,-45\n", "not text"),
    ("binary.csv", (DATA / "binary.csv").read_bytes(), "not text"),
    ("fake.xlsx", (DATA / "fake.xlsx").read_bytes(), "named like a .xlsx"),
    ("out_of_range.csv", b"name,lat,lon\nFar away,123,-45\n", "not a place on Earth"),
    ("not_numbers.csv", b"name,lat,lon\nNowhere,north,west\n", "lat"),
    ("half_json.geojson", b'{"type": "FeatureCollection", "features": [', "cannot be read"),
    ("bowtie.geojson", _feature(BOWTIE), "Self-intersection"),
    ("unclosed_ring.geojson", _feature(UNCLOSED), "closed"),
    (
        "deep.geojson",
        _feature({"type": "Point", "coordinates": [-45, 41]}).replace(
            b'"Shape"', b"[" * 100_000 + b"]" * 100_000
        ),
        "thousands of levels deep",
    ),
    ("traversal.zip", (DATA / "traversal.zip").read_bytes(), "outside the archive"),
]


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t.name: connection.scalar(sa.select(sa.func.count()).select_from(t)) or 0
            for t in TABLES
        }


def _import(engine: Engine, path: Path, limits: Limits | None = None):
    with Session(engine) as session, session.begin():
        return import_file(session, path, user="tester", limits=limits or Limits())


@pytest.mark.parametrize(("name", "content", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_is_explained_and_writes_nothing(
    engine: Engine, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    before = _counts(engine)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(GeoError) as err:
        _import(engine, path)
    assert expected.lower() in str(err.value).lower()
    assert "Traceback" not in str(err.value)
    assert _counts(engine) == before


def test_oversized_file_and_too_many_rows(engine: Engine, tmp_path: Path) -> None:
    before = _counts(engine)
    path = tmp_path / "big.csv"
    path.write_bytes(b"name,lat,lon\n" + b"Club,41,-45\n" * 2_000)
    with pytest.raises(GeoError, match="the limit is"):
        _import(engine, path, Limits(max_file_bytes=10_000))
    with pytest.raises(GeoError, match="the limit is 1,000"):
        _import(engine, path, Limits(max_rows=1_000))
    assert _counts(engine) == before


def test_zip_bomb_is_refused(engine: Engine, tmp_path: Path) -> None:
    before = _counts(engine)
    bomb = tmp_path / "package.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organizations.csv", b"0" * 3_000_000)
    with pytest.raises(GeoError, match="compressed suspiciously well"):
        _import(engine, bomb)
    assert _counts(engine) == before


def test_utf16_text_is_read_not_refused(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes("name,lat,lon\nÇağrı Derneği,41,-45\n".encode("utf-16"))
    assert len(_import(engine, path).ids) == 1


def test_sql_and_markup_are_stored_literally_and_stay_data(engine: Engine, tmp_path: Path) -> None:
    rows = [HOSTILE_NAME, *SQL_NAMES, '=HYPERLINK("http://x","click")', "@SUM(1+1)"]
    path = tmp_path / "hostile.csv"
    body = "".join(
        f'"{n.replace(chr(34), chr(34) * 2)}",41.0{i},-45.0{i}\n' for i, n in enumerate(rows)
    )
    path.write_text("name,lat,lon\n" + body, encoding="utf-8")
    before = _counts(engine)
    assert len(_import(engine, path).ids) == len(rows)
    after = _counts(engine)
    assert set(after) == set(before), "no table was dropped"
    assert after["organizations"] == before["organizations"] + len(rows)
    with Session(engine) as session:
        names = set(list_assets(session)["name"])
        frame = export_frame(session)
    assert set(rows) <= names
    csv_text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'@SUM" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    assert to_xlsx_bytes(frame)[:2] == b"PK"

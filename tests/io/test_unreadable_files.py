"""A file a library refuses to read: its name, the library's reason as written, what to do,
in the reader's language; one helper for every such refusal (ImportFormatError.unreadable)."""

from __future__ import annotations

import zipfile

import pytest

from geo.census.boundaries import read_polygons
from geo.errors import ImportFormatError
from geo.io.readers import read_geo, read_xlsx
from geo.messages import N_


def test_the_refusal_quotes_the_name_and_the_reason_as_written():
    err = ImportFormatError.unreadable(
        N_(
            "{name}: not a readable map layer ({reason}). Use a zipped shapefile, GeoJSON "
            "or GeoPackage."
        ),
        "tracts «été».zip",
        ValueError("GDAL: bad header <b>"),
    )
    assert str(err) == (
        "tracts «été».zip: not a readable map layer (GDAL: bad header <b>). Use a zipped "
        "shapefile, GeoJSON or GeoPackage."
    )
    french = err.in_language("fr")
    assert "tracts «été».zip" in french and "GDAL: bad header <b>" in french
    assert "Use a zipped" not in french


def _damaged_workbook(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    return path


@pytest.mark.parametrize(
    ("read", "name", "content", "start"),
    [
        (read_polygons, "tracts.geojson", b'{"type": "Feature', "tracts.geojson: not a readable"),
        (lambda p: read_geo(p, "geojson"), "sites.geojson", b"{oops", "The GeoJSON file"),
        (read_xlsx, "orgs.xlsx", None, "The workbook 'orgs.xlsx' cannot be opened ("),
    ],
)
def test_each_reader_refuses_with_the_file_name_and_a_reason(tmp_path, read, name, content, start):
    path = tmp_path / name
    if content is None:
        _damaged_workbook(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFormatError) as caught:
        read(path)
    text = str(caught.value)
    assert text.startswith(start)
    assert name in text and "({reason})" not in text and "()" not in text
    assert caught.value.in_language("fr") != text  # said in French, reason kept

"""``python -m geo assets import|export`` glue (geo/cli/assets.py), on a SQLite file."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from geo.cli import assets as cli
from geo.errors import DuplicateAsset, ValidationError
from tests.io.conftest import DATA


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return cli.run(parser.parse_args(argv))


def test_import_then_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    report = tmp_path / "report.csv"
    with pytest.raises(ValidationError):
        _run(["import", str(DATA / "bad_coordinates.csv"), "--report", str(report), "--user", "t"])
    assert "swapped" in report.read_text(encoding="utf-8-sig")
    assert _run(["import", str(DATA / "bad_coordinates.csv"), "--only-valid", "--user", "t"]) == 0
    assert "imported 1" in capsys.readouterr().out
    with pytest.raises(DuplicateAsset):
        _run(["import", str(DATA / "duplicates.csv"), "--user", "t"])
    assert (
        _run(["import", str(DATA / "duplicates.csv"), "--duplicates", "skip", "--user", "t"]) == 0
    )
    assert (
        _run(
            [
                "import",
                str(DATA / "wrong_columns.csv"),
                "--map",
                "name=Organisation Title",
                "--dry-run",
            ]
        )
        == 0
    )
    out = tmp_path / "out.geojson"
    assert _run(["export", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('"Feature"') == 3
    assert _run(["export", str(tmp_path / "out.zip"), "--format", "hsds"]) == 0

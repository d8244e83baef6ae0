"""Import orchestration on SQLite and PostgreSQL (importer, geocoding, locations)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import geo.io.importer as importer_module
from geo.db import get_asset, list_assets
from geo.errors import DuplicateAsset, EditConflict, ValidationError
from geo.io import (
    GeocodeCache,
    ImportCancelled,
    SourceTable,
    import_file,
    list_needs_location,
    prepare_import,
    run_import,
    set_location,
)
from geo.io.geocoding import cached
from tests.io.conftest import DATA, UNICODE_ORGS, counts


def _table(rows: list[dict[str, str]], name: str = "orgs.csv") -> SourceTable:
    frame = pd.DataFrame(rows).fillna("")
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return SourceTable(name=name, format="csv", frame=frame)


def _many(n: int) -> SourceTable:
    return _table(
        [{"name": f"Org {i}", "lat": f"{40 + i / 1000:.4f}", "lon": "-74"} for i in range(n)]
    )


def test_rejected_rows_block_everything_until_the_user_chooses(engine: Engine) -> None:
    with Session(engine) as session, session.begin(), pytest.raises(ValidationError) as caught:
        import_file(session, DATA / "bad_coordinates.csv", user="t")
    assert "6 of 7 data rows" in str(caught.value) and "Nothing was saved" in str(caught.value)
    assert counts(engine)["organizations"] == 0
    with Session(engine) as session, session.begin():
        result = import_file(
            session, DATA / "bad_coordinates.csv", user="t", import_only_valid=True
        )
    assert result.imported == 1 and result.skipped_rows == [2, 3, 4, 5, 6, 7]
    assert counts(engine)["organizations"] == 1


def test_duplicates_are_warnings_the_user_decides(engine: Engine) -> None:
    plan = prepare_import(DATA / "duplicates.csv")
    with Session(engine) as session, session.begin(), pytest.raises(DuplicateAsset) as caught:
        run_import(session, plan, user="t")
    assert "3 data rows" in str(caught.value)
    assert counts(engine)["organizations"] == 0
    with Session(engine) as session, session.begin():
        result = run_import(session, plan, user="t", duplicates="skip")
    assert result.skipped_rows == [2, 3, 4] and result.imported == 2
    warnings = [i for i in result.report.issues if i.kind == "duplicate"]
    assert {i.row for i in warnings} == {2, 3, 4}
    assert any("same name" in i.message and "row 1 of this file" in i.message for i in warnings)
    with Session(engine) as session:  # against stored rows now
        again = prepare_import(DATA / "duplicates.csv", session=session)
    assert again.report.rows_with(kind="duplicate") == {1, 2, 3, 4, 5}  # all now stored
    with Session(engine) as session, session.begin():
        assert run_import(session, again, user="t", duplicates="import").imported == 5


def test_failure_half_way_leaves_the_database_unchanged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(engine) as session, session.begin():
        import_file(session, _table([{"name": "Existing", "lat": "1", "lon": "1"}]), user="t")
    before = counts(engine)
    real_add, calls = importer_module.add_assets, []

    def failing_add(session: Session, records: list, **kwargs: object) -> list[str]:
        calls.append(len(records))
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_add(session, records, **kwargs)

    monkeypatch.setattr(importer_module, "add_assets", failing_add)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        import_file(session, _many(1200), user="t")
    assert calls[0] == importer_module.CHUNK_ROWS
    assert counts(engine) == before


def test_progress_and_cancel(engine: Engine) -> None:
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled), Session(engine) as session, session.begin():
        import_file(
            session,
            _many(1200),
            user="t",
            progress=lambda d, t: seen.append((d, t)),
            should_cancel=lambda: len(seen) >= 2,
        )
    assert seen == [(500, 1200), (1000, 1200)]
    assert counts(engine)["organizations"] == 0
    seen.clear()
    with Session(engine) as session, session.begin():
        import_file(session, _many(1200), user="t", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1200, 1200) and counts(engine)["organizations"] == 1200


def test_every_script_survives(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        result = import_file(session, _table(UNICODE_ORGS), user="t")
    with Session(engine) as session:
        frame = list_assets(session)
        assert set(frame["name"]) == {o["name"] for o in UNICODE_ORGS}
        chinese = get_asset(session, result.ids[2])
    assert [str(x) for x in chinese.languages] == ["zh", "yue: Cantonese spoken"]
    assert chinese.categories == ("social", "english")
    assert len(result.needs_location) == 1


def test_geocoding_with_a_fake_and_a_cache(engine: Engine, tmp_path: Path) -> None:
    asked: list[str] = []

    def fake(address: str) -> tuple[float, float] | None:
        asked.append(address)
        return (40.5, -74.5) if "Main" in address else None

    cache = GeocodeCache(tmp_path / "cache" / "geocode.sqlite")
    geocoder = cached(fake, cache, "fake")
    rows = [
        {"name": "A", "address": "1 Main St"},
        {"name": "B", "address": "Nowhere"},
        {"name": "C", "address": ""},
    ]
    with Session(engine) as session, session.begin():
        result = import_file(session, _table(rows), user="t", geocoder=geocoder)
    assert asked == ["1 Main St", "Nowhere"]
    assert len(result.needs_location) == 2
    kinds = {(i.row, i.kind) for i in result.report.issues}
    assert {(1, "geocoded"), (2, "needs_location"), (3, "needs_location")} <= kinds
    assert cache.get("fake", "1 main st") == (True, (40.5, -74.5))
    geocoder("1 MAIN  st")
    assert len(asked) == 2  # answered from the cache
    cache.close()


def test_geocoder_failure_keeps_rows(engine: Engine) -> None:
    def offline(address: str) -> tuple[float, float] | None:
        raise OSError("network is unreachable")

    with Session(engine) as session, session.begin():
        result = import_file(
            session, _table([{"name": "A", "address": "1 Main St"}]), user="t", geocoder=offline
        )
    assert result.imported == 1 and len(result.needs_location) == 1
    assert any("network is unreachable" in i.message for i in result.report.issues)


def test_set_location_places_an_unplaced_organization(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        (organization_id,) = import_file(
            session, _table([{"name": "A", "address": "x"}]), user="t"
        ).ids.values()
    with Session(engine) as session, session.begin():
        assert list(list_needs_location(session)["organization_id"]) == [organization_id]
        with pytest.raises(ValidationError, match="swapped"):
            set_location(session, organization_id, "-118.2", "34.0", user="t", expected_version=1)
        placed = set_location(
            session, organization_id, "34,05", "-118.24", user="t", expected_version=1
        )
    assert (placed.lat, placed.lon, placed.version) == (34.05, -118.24, 2)
    with Session(engine) as session, session.begin(), pytest.raises(EditConflict):
        set_location(session, organization_id, 1, 1, user="t", expected_version=1)


def test_each_record_keeps_its_source_and_the_feeds_own_id(engine: Engine) -> None:
    feed = _table(
        [
            {"ID": "HX-26", "name": "Casa Amiga", "lat": "40.1", "lon": "-74"},
            {"ID": "HX-27", "name": "Somali Bantu Center", "lat": "40.2", "lon": "-74"},
        ],
        name="harbor_feed.csv",
    )
    with Session(engine) as session, session.begin():
        result = import_file(session, feed, user="t")
        kept = get_asset(session, result.ids[1])
    assert (kept.source, kept.source_id) == ("harbor_feed.csv", "HX-26")
    again = _table([{"ID": "HX-26", "name": "Casa Amiga (moved)"}], name="harbor_feed.csv")
    with Session(engine) as session, session.begin(), pytest.raises(ValidationError) as caught:
        import_file(session, again, user="t")
    assert "HX-26" in str(caught.value) and "harbor_feed.csv" in str(caught.value)
    assert counts(engine)["organizations"] == 2
    other_feed = _table([{"ID": "HX-26", "name": "Bridges Legal Aid"}], name="other.csv")
    with Session(engine) as session, session.begin():
        assert import_file(session, other_feed, user="t").imported == 1

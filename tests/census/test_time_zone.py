"""Each study area has a time zone for "open now": set on an imported one, kept by the store."""

import argparse

import pytest

from geo.census import import_census_download
from geo.cli import study_areas as cli
from geo.errors import GeoError
from geo.hours import study_area_zone


def _import(store, tiny_files):
    import_census_download(
        store, "tiny", tracts_path=tiny_files["tracts"], acs_paths=tiny_files["acs"], label="Tiny"
    )


def test_a_set_time_zone_is_what_open_now_uses(store, tiny_files):
    _import(store, tiny_files)
    assert store.info("tiny").time_zone == ""
    store.set_time_zone("tiny", "America/Denver")
    area = store.load("tiny")
    assert store.info("tiny").time_zone == area.time_zone == "America/Denver"
    assert study_area_zone(area.tracts.index, declared=area.time_zone) == "America/Denver"


@pytest.mark.parametrize(
    ("name", "zone", "words"),
    [
        ("tiny", "Mars/Olympus_Mons", "not a time zone name"),
        ("nowhere", "America/Denver", "No imported study area"),
        ("demo", "America/Denver", "built in"),
    ],
)
def test_a_bad_time_zone_or_area_is_refused_and_nothing_changes(
    store, tiny_files, name, zone, words
):
    _import(store, tiny_files)
    with pytest.raises(GeoError, match=words):
        store.set_time_zone(name, zone)
    assert store.info("tiny").time_zone == ""


def test_the_command_line_sets_it_and_logs_who(store, tiny_files, monkeypatch, capsys):
    _import(store, tiny_files)
    logged = []
    monkeypatch.setattr(cli, "_store", lambda: store)
    monkeypatch.setattr(cli, "_record", lambda *args: logged.append(args))
    parser = argparse.ArgumentParser()
    cli.add_study_area_arguments(parser)
    assert cli.run_study_area(parser.parse_args(["set-time-zone", "tiny", "America/Chicago"])) == 0
    assert store.info("tiny").time_zone == "America/Chicago"
    assert logged == [("time_zone", "tiny", {})]
    assert "America/Chicago" in capsys.readouterr().out

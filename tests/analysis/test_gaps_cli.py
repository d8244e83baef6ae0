"""``python -m geo gaps`` on the demo city and on New York City's real tables."""

import csv
import io
import json

import pytest

from geo.__main__ import main
from tests.census.conftest import nyc_files, nyc_store  # noqa: F401


@pytest.fixture
def demo_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    monkeypatch.setenv("WELCOME_ATLAS_STUDY_AREAS_DIR", str(tmp_path / "areas"))


def test_demo_json_ranks_every_tract_with_the_rules(demo_env, capsys):
    code = main(
        ["gaps", "--study-area", "demo", "--language-group", "Spanish", "--services", "legal"]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["need"].startswith("Spanish: speak English less than")
    assert "in a straight line" in payload["reach_rule"]
    assert payload["illustrative"] is True
    tracts = payload["tracts"]
    assert len(tracts) == 186 and tracts[0]["rank"] == 1
    reliable = [t["ranked_after_reliable"] for t in tracts if t["rank"] is not None]
    assert reliable == sorted(reliable)  # every unreliable figure after every reliable one


def test_demo_csv_matches_the_json(demo_env, capsys):
    args = [
        "gaps",
        "--study-area",
        "demo",
        "--language-group",
        "Arabic",
        "--countries",
        "Syria",
        "Iraq",
    ]
    main([*args, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    main([*args, "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["measure"] == "origin"
    assert [r["geoid"] for r in rows] == [t["geoid"] for t in payload["tracts"]]


@pytest.fixture
def nyc_env(nyc_store, tmp_path, monkeypatch):  # noqa: F811
    store, _ = nyc_store
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'assets.db'}")
    monkeypatch.setenv("WELCOME_ATLAS_STUDY_AREAS_DIR", str(store.root))


def test_nyc_says_why_language_need_is_not_available(nyc_env, capsys):
    code = main(["gaps", "--study-area", "nyc", "--language-group", "Spanish"])
    assert code == 2
    err = capsys.readouterr().err
    assert "C16001 (language spoken at home by English ability)" in err
    assert "--measure origin" in err


def test_nyc_country_of_origin_measure_ranks_real_tracts(nyc_env, nyc_store, capsys):  # noqa: F811
    code = main(
        [
            "gaps",
            "--study-area",
            "nyc",
            "--language-group",
            "Other Indo-European languages",
            "--countries",
            "Bangladesh",
        ]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    tracts = payload["tracts"]
    assert len(tracts) == 2324
    top = tracts[0]
    assert top["reliability"] in ("high", "caution") and top["need"] > 1000
    area = nyc_store[0].load("nyc")
    b05006 = area.tables["B05006"]
    born = b05006.estimate(b05006.find("Bangladesh")).reindex(area.tracts.index)
    assert sum(t["need"] for t in tracts) == born.sum()
    # the shared database holds only the demo city's organizations, out in the Atlantic
    assert {t["organizations"] for t in tracts} == {0}
    assert top["need"] == max(t["need"] for t in tracts if not t["ranked_after_reliable"])

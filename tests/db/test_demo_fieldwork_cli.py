"""``python -m geo demo-fieldwork`` and the commands that open the database as the app does."""

from __future__ import annotations

from sqlalchemy.orm import Session

from geo.__main__ import main
from geo.db import make_engine, open_database
from geo.db.action_plan import list_steps
from geo.db.engagement import list_engagement
from geo.presenter.stories import list_stories


def _counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        counts = (
            len(list_engagement(session)),
            len(list_steps(session)),
            len(list_stories(session)),
        )
    engine.dispose()
    return counts


def test_the_command_adds_field_work_to_an_existing_demo_database_once(
    tmp_path, monkeypatch, capsys
):
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0  # seeds the demo city; field work is off in tests
    assert _counts(url) == (0, 0, 0)
    assert main(["demo-fieldwork"]) == 0
    assert "Added 17 engagement log entries, 11 action steps" in capsys.readouterr().out
    assert _counts(url) == (17, 11, 1)
    assert main(["demo-fieldwork"]) == 0
    assert "nothing was added" in capsys.readouterr().out
    assert _counts(url) == (17, 11, 1)


def test_the_command_refuses_a_database_without_the_demo_city(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    open_database(url).dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo-fieldwork"]) == 1
    assert "does not hold the demo city" in capsys.readouterr().err
    assert _counts(url) == (0, 0, 0)


def test_a_command_that_creates_the_database_seeds_field_work_when_the_setting_is_on(
    tmp_path, monkeypatch
):
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("WELCOME_ATLAS_DEMO_FIELDWORK", "1")
    assert main(["db", "upgrade"]) == 0
    assert _counts(url) == (17, 11, 1)

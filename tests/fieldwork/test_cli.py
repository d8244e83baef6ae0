"""``python -m geo action-plan export`` writes the plan a calendar or spreadsheet can open."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from geo.__main__ import main
from geo.config import DEMO_DIR
from geo.db import open_database
from geo.db.action_plan import add_step


def test_action_plan_exports_as_calendar_and_csv(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = open_database(url, seed_demo_from=DEMO_DIR)
    due = date.today() + timedelta(days=7)
    with Session(engine) as session, session.begin():
        add_step(
            session,
            {
                "title": "Visit the Bhutanese community center, bring flyers",
                "who": "Amira",
                "due_on": due,
            },
            user="test",
            today=date.today(),
        )
        add_step(session, {"title": "Ask the imam"}, user="test", today=date.today())
    assert main(["action-plan", "export", str(tmp_path / "plan.ics")]) == 0
    calendar = (tmp_path / "plan.ics").read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in calendar and f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in calendar
    assert "center\\, bring flyers" in calendar  # RFC 5545 escapes the comma
    assert calendar.count("BEGIN:VEVENT") == 1
    assert "leaves out 1 step without a due date: 'Ask the imam'" in capsys.readouterr().err
    assert main(["action-plan", "export", str(tmp_path / "plan.csv")]) == 0
    assert "Bhutanese community center" in (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")

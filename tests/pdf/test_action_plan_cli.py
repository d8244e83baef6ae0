"""``python -m geo action-plan pdf``: the plan printed from the shared database, filtered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from geo.__main__ import main
from geo.config import DEMO_DIR
from geo.db import list_assets, list_branches, open_database
from geo.db.action_plan import add_step
from geo.i18n import translator
from tests.pdf.reading import pdf_text, squeeze


@pytest.fixture
def plan(tmp_path, monkeypatch):
    """Three steps in the demo database: two at the first branch, one linked to an organization."""
    url = f"sqlite:///{tmp_path / 'assets.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = open_database(url, seed_demo_from=DEMO_DIR)
    today = date.today()
    with Session(engine) as s, s.begin():
        branch = list_branches(s).iloc[0]
        org = list_assets(s).iloc[0]
        add_step(
            s,
            {"title": "Встреча с центром помощи", "who": "Ольга", "branch_id": branch["branch_id"]},
            user="t",
            today=today,
            links=[("asset", org["organization_id"])],
        )
        soon = today + timedelta(days=3)
        add_step(
            s,
            {"title": "नेपाली समूह", "due_on": soon, "status": "in_progress"},
            user="t",
            today=today,
        )
        add_step(
            s,
            {"title": "Story time held", "status": "done", "branch_id": branch["branch_id"]},
            user="t",
            today=today,
        )
    return {"branch": branch, "organization": org["name"]}


def test_pdf_of_one_branchs_open_steps_in_spanish(plan, tmp_path, capsys):
    out = tmp_path / "plans" / "plan.pdf"
    argv = ["action-plan", "pdf", "--out", str(out), "--branch", plan["branch"]["branch_id"]]
    assert main([*argv, "--status", "open", "--status", "in_progress", "--language", "es"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote 1 of 3 steps to {out}"
    text = pdf_text(out.read_bytes(), tmp_path)
    es = translator("es").gettext
    assert squeeze(es("Action plan: {scope}").format(scope=plan["branch"]["name"])) in text
    assert squeeze("Встреча с центром помощи") in text and squeeze(plan["organization"]) in text
    assert squeeze("नेपाली समूह") not in text and "Storytime" not in text


def test_pdf_refuses_an_unknown_branch_or_status(plan, tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    assert main(["action-plan", "pdf", "--out", str(out), "--branch", "nowhere"]) == 2
    assert "No branch 'nowhere'" in capsys.readouterr().err
    assert main(["action-plan", "pdf", "--out", str(out), "--status", "late"]) == 2
    assert "Unknown status 'late'; use one of: open (Open)" in capsys.readouterr().err
    assert not out.exists()

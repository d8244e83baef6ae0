"""The Action plan page's PDF: the steps the filters leave, in the reader's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session
from streamlit.runtime.media_file_manager import MediaFileManager

from geo.config import DEMO_DIR
from geo.db import open_database
from geo.db.action_plan import add_step
from geo.i18n import translator
from tests.pdf.reading import pdf_text, squeeze

PLAN = "pages/action_plan.py"


@pytest.fixture
def deferred(monkeypatch):
    """The callables of deferred downloads, by file name (Streamlit runs them on click)."""
    made: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made


def _steps(tmp_path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'assets.db'}", seed_demo_from=DEMO_DIR)
    with Session(engine) as s, s.begin():
        soon = {"due_on": date.today() + timedelta(days=1), "who": "أمينة"}
        add_step(s, {"title": "دعوة مركز الجالية العربية", **soon}, user="t", today=date.today())
        add_step(s, {"title": "联系华人服务中心", "status": "done"}, user="t", today=date.today())


def test_the_page_offers_the_plan_as_a_pdf_in_the_readers_language(app, deferred, tmp_path):
    at = app(role="viewer")  # reading the plan is enough to print it
    at.selectbox(key="ui.language").set_value("ar").run()
    _steps(tmp_path)
    at.switch_page(PLAN).run()
    assert not at.exception
    ar = translator("ar").gettext
    (button,) = [b for b in at.get("download_button") if b.label == ar("Action plan (PDF)")]
    pdf = deferred["action-plan.pdf"]()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for words in (ar("Action plan: {scope}").split(":")[0], ar("Who"), "دعوة مركز الجالية العربية"):
        assert squeeze(words) in text, words
    assert "联系华人服务中心" in text


def test_the_pdf_keeps_only_the_steps_the_filters_show(app, deferred, tmp_path):
    _steps(tmp_path)
    at = app(PLAN, role="editor")
    at.multiselect(key="action.filter_status").select("open").run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "Step" in d.value.columns]
    assert list(table["Step"]) == ["دعوة مركز الجالية العربية"]
    text = pdf_text(deferred["action-plan.pdf"](), tmp_path)
    assert squeeze("دعوة مركز الجالية العربية") in text and "联系华人服务中心" not in text
    assert squeeze("Showing status: Open") in text


def test_the_demo_city_is_named_illustrative_in_the_readers_language(app, deferred, tmp_path):
    at = app(role="viewer")
    at.selectbox(key="ui.language").set_value("es").run()
    _steps(tmp_path)
    at.switch_page(PLAN).run()
    assert not at.exception
    text = pdf_text(deferred["action-plan.pdf"](), tmp_path)
    assert squeeze("Riverton — datos ilustrativos, no es un lugar real") in text
    assert squeeze("illustrative data, not a real place") not in text

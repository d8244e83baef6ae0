"""Switching the interface language in the middle of a page, in Chromium.

Streamlit's browser side keeps a box's choice as the words it showed; before the fix a
switch left the old language's words in the boxes (and a half-filled engagement entry
then saved the first technique instead of the chosen one). After a switch every box shows
the new language's words, and what was chosen or typed is kept and saved.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from geo.db import make_engine
from tests.browser.conftest import new_offline_page, settle, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password 7"
ACCOUNTS = {"amira": "admin"}  # conftest: the server's database has them
PICKER = "Language / Idioma / Langue / اللغة / 语言"
NOTE = "Met the Somali women's group <b>at the mosque</b>"


@pytest.fixture
def page(chromium_browser):
    page = new_offline_page(chromium_browser, locale="en-US", height=1400)
    yield page
    page.context.close()


def _switch_to_spanish(page) -> None:
    page.get_by_role("combobox", name=PICKER).click()
    page.get_by_role("option", name="español").click()
    page.get_by_role("heading", name="Filtros").wait_for(timeout=60_000)
    settle(page)


def _shown(page, name: str) -> str:
    """What a select box shows (its input's text)."""
    return page.get_by_role("combobox", name=name, exact=True).first.input_value()


def test_a_half_filled_engagement_entry_keeps_its_choices_in_the_new_words(
    page, streamlit_url, db_path
):
    sign_in(page, streamlit_url, "amira", PASSWORD)
    page.get_by_role("link", name="Engagement log").first.click()
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("combobox", name="Team", exact=True).first.click()
    page.get_by_role("option", name="Youth", exact=True).click()
    main.get_by_role("combobox", name="Technique", exact=True).first.click()
    page.get_by_role("option", name="Word of mouth", exact=True).click()
    main.get_by_role("slider").first.press("ArrowRight")  # Outreach -> Consult
    main.get_by_label("Staff who took part").first.fill("Amira")
    main.get_by_label("What happened").first.fill(NOTE)
    main.get_by_text("Organizations involved").first.click()  # the last box commits its text
    settle(page)

    _switch_to_spanish(page)

    assert _shown(main, "Equipo") == "Jóvenes"
    assert _shown(main, "Técnica") == "Boca a boca"
    assert _shown(main, "Sucursal") == "— (equipo de todo el sistema)"
    continuum = main.get_by_role("slider").first.get_attribute("aria-valuetext")
    assert continuum == "Consultar (la biblioteca pregunta)"
    assert main.get_by_label("Qué pasó").first.input_value() == NOTE
    assert main.get_by_label("Personal que participó").first.input_value() == "Amira"
    page.get_by_role("button", name="Añadir al registro").click()
    page.get_by_text("Añadido al registro compartido.").wait_for(timeout=30_000)
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        saved = session.execute(
            text(
                "select team, technique, continuum, branch_id, staff "
                "from engagement_entries where summary = :note"
            ),
            {"note": NOTE},
        ).one()
    assert tuple(saved) == ("Youth", "word_of_mouth", "consult", None, "Amira")


def test_a_sidebar_filter_keeps_its_choice_in_the_new_words(page, streamlit_url):
    page.goto(streamlit_url)
    side = page.locator('[data-testid="stSidebar"]')
    side.get_by_role("combobox", name="Service categories").wait_for(timeout=120_000)
    settle(page)
    side.get_by_role("combobox", name="Service categories").click()
    page.get_by_role("option", name="Immigration legal help").click()
    settle(page)
    page.keyboard.press("Escape")

    _switch_to_spanish(page)

    box = side.locator('[data-testid="stMultiSelect"]').filter(has_text="Categorías de servicios")
    assert "Ayuda legal de inmigración" in box.inner_text()
    assert "Immigration legal help" not in box.inner_text()
    assert "category=legal" in page.url  # the link to the view still holds the choice
    area = side.get_by_role("combobox", name="Área de estudio").input_value()
    assert area == "Riverton — datos ilustrativos, no es un lugar real"

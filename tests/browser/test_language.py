"""The interface language in Chromium across sign-in, sign-out and page changes.

A browser set to Arabic (``locale="ar"``) gets the app in Arabic, right to left, before
and after signing in, and on the next page. A language picked in the sidebar holds
across sign-in, sign-out and page changes whatever the browser says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import create_accounts, settle

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password 7"
PICKER = "Language / Idioma / Langue / اللغة / 语言"
# The words the sidebar shows, per interface language.
WORDS = {
    "ar": {
        "sign_in_box": "دخول الموظفين",
        "user": "اسم المستخدم",
        "password": "كلمة المرور",
        "sign_in": "تسجيل الدخول",
        "signed_in": "مسجَّل الدخول باسم",
        "sign_out": "تسجيل الخروج",
        "gaps": "الفجوات",
    },
    "fr": {
        "sign_in_box": "Connexion du personnel",
        "user": "Nom d'utilisateur",
        "password": "Mot de passe",
        "sign_in": "Se connecter",
        "signed_in": "Connecté en tant que",
        "sign_out": "Se déconnecter",
        "gaps": "Écarts",
    },
}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("language") / "assets.db"
    create_accounts(path, {"amira": "admin"}, PASSWORD)
    return path


@pytest.fixture(scope="module")
def app_env(db_path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{db_path}"}


@pytest.fixture
def arabic_page(chromium_browser):
    """A page of a browser whose language is Arabic (offline: only localhost answers)."""
    context = chromium_browser.new_context(
        locale="ar", viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if "127.0.0.1" in route.request.url or "localhost" in route.request.url
            else route.abort("blockedbyclient")
        ),
    )
    page = context.new_page()
    yield page
    context.close()


def _sign_in(page, words: dict[str, str]) -> None:
    page.get_by_text(words["sign_in_box"]).click()
    page.get_by_label(words["user"]).fill("amira")
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"]).click()
    # the display name shows in any language: then check the words around it
    page.get_by_text("Amira", exact=False).first.wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_text(words["signed_in"], exact=False).first.is_visible()


def _language_shown(page) -> str:
    """The language box's current choice, as the sidebar shows it."""
    return (
        page.get_by_role("combobox", name=PICKER).input_value()
        or (
            page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
            .first.inner_text()
            .split("\n")[-1]
        )
    )


def _title_direction(page) -> str:
    heading = page.locator('[data-testid="stMain"] h1').first
    heading.wait_for(timeout=60_000)
    return heading.evaluate("h => getComputedStyle(h).direction")


def _assert_arabic(page) -> None:
    expect_words = WORDS["ar"]
    # the sidebar's own words in Arabic, and the page's title reads right to left
    assert page.get_by_text(expect_words["gaps"], exact=True).first.is_visible()
    assert _title_direction(page) == "rtl"
    assert "العربية" in _language_shown(page)


def _open(page, title: str) -> None:
    page.get_by_role("link", name=title).first.click()
    settle(page)


def test_an_arabic_browser_keeps_arabic_after_sign_in_and_on_the_next_page(
    arabic_page, streamlit_url
):
    page = arabic_page
    page.goto(streamlit_url)
    page.get_by_text(WORDS["ar"]["sign_in_box"]).wait_for(timeout=120_000)
    settle(page)
    _assert_arabic(page)
    _sign_in(page, WORDS["ar"])
    _assert_arabic(page)
    _open(page, WORDS["ar"]["gaps"])
    _assert_arabic(page)
    page.get_by_role("button", name=WORDS["ar"]["sign_out"]).click()
    page.get_by_text(WORDS["ar"]["sign_in_box"]).wait_for(timeout=30_000)
    settle(page)
    _assert_arabic(page)


def test_a_language_picked_in_the_sidebar_holds_across_sign_in_sign_out_and_pages(
    arabic_page, streamlit_url
):
    page = arabic_page  # the browser says Arabic; the visitor picks French
    page.goto(streamlit_url)
    page.get_by_text(WORDS["ar"]["sign_in_box"]).wait_for(timeout=120_000)
    settle(page)
    page.get_by_role("combobox", name=PICKER).click()
    page.get_by_role("option", name="français").click()
    fr = WORDS["fr"]
    page.get_by_text(fr["sign_in_box"]).wait_for(timeout=30_000)
    settle(page)
    _sign_in(page, fr)
    assert _title_direction(page) == "ltr"
    _open(page, fr["gaps"])
    assert page.get_by_text(fr["sign_out"]).first.is_visible()
    assert "français" in _language_shown(page)
    page.get_by_role("button", name=fr["sign_out"]).click()
    page.get_by_text(fr["sign_in_box"]).wait_for(timeout=30_000)
    settle(page)
    assert "français" in _language_shown(page)
    assert _title_direction(page) == "ltr"

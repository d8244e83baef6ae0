"""The interface language in Chromium across sign-in, sign-out and page changes.

A browser set to Arabic (``locale="ar"``) gets the app in Arabic, right to left, before
and after signing in, and on the next page. A language picked in the sidebar holds
across sign-in, sign-out and page changes whatever the browser says.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import new_offline_page, settle, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password 7"
ACCOUNTS = {"amira": "admin"}  # conftest: the server's database has them
PICKER = "Language / Idioma / Langue / اللغة / 语言"
# The words the sidebar shows, per interface language (written here, not read from the
# catalogs, so a missing or wrong translation fails), keyed by their English msgid.
WORDS = {
    "ar": {
        "Staff sign-in": "دخول الموظفين",
        "User name": "اسم المستخدم",
        "Password": "كلمة المرور",
        "Sign in": "تسجيل الدخول",
        "Signed in as {name} ({role})": "مسجَّل الدخول باسم {name}",
        "Sign out": "تسجيل الخروج",
        "Gaps": "الفجوات",
    },
    "fr": {
        "Staff sign-in": "Connexion du personnel",
        "User name": "Nom d'utilisateur",
        "Password": "Mot de passe",
        "Sign in": "Se connecter",
        "Signed in as {name} ({role})": "Connecté en tant que {name}",
        "Sign out": "Se déconnecter",
        "Gaps": "Écarts",
    },
}


@pytest.fixture
def arabic_page(chromium_browser):
    """A page of a browser whose language is Arabic (offline: only localhost answers)."""
    page = new_offline_page(chromium_browser, locale="ar")
    yield page
    page.context.close()


def _sign_in(page, words: dict[str, str]) -> None:
    sign_in(page, None, "amira", PASSWORD, words=words.__getitem__)
    page.get_by_text("Amira", exact=False).first.wait_for(timeout=30_000)


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
    assert page.get_by_text(expect_words["Gaps"], exact=True).first.is_visible()
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
    page.get_by_text(WORDS["ar"]["Staff sign-in"]).wait_for(timeout=120_000)
    settle(page)
    _assert_arabic(page)
    _sign_in(page, WORDS["ar"])
    _assert_arabic(page)
    _open(page, WORDS["ar"]["Gaps"])
    _assert_arabic(page)
    page.get_by_role("button", name=WORDS["ar"]["Sign out"]).click()
    page.get_by_text(WORDS["ar"]["Staff sign-in"]).wait_for(timeout=30_000)
    settle(page)
    _assert_arabic(page)


def test_a_language_picked_in_the_sidebar_holds_across_sign_in_sign_out_and_pages(
    arabic_page, streamlit_url
):
    page = arabic_page  # the browser says Arabic; the visitor picks French
    page.goto(streamlit_url)
    page.get_by_text(WORDS["ar"]["Staff sign-in"]).wait_for(timeout=120_000)
    settle(page)
    page.get_by_role("combobox", name=PICKER).click()
    page.get_by_role("option", name="français").click()
    fr = WORDS["fr"]
    page.get_by_text(fr["Staff sign-in"]).wait_for(timeout=30_000)
    settle(page)
    _sign_in(page, fr)
    assert _title_direction(page) == "ltr"
    _open(page, fr["Gaps"])
    assert page.get_by_text(fr["Sign out"]).first.is_visible()
    assert "français" in _language_shown(page)
    page.get_by_role("button", name=fr["Sign out"]).click()
    page.get_by_text(fr["Staff sign-in"]).wait_for(timeout=30_000)
    settle(page)
    assert "français" in _language_shown(page)
    assert _title_direction(page) == "ltr"

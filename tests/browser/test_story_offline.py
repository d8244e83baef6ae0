"""An exported story opened from disk in Chromium with the network blocked: the tracts draw,
Page Down moves on, and nothing is requested from outside the file."""

import pandas as pd
import pytest
from playwright.sync_api import expect

from geo.i18n import format_number, translator
from geo.presenter.build import story_html
from tests.browser.test_accessibility import app_violations
from tests.presenter.conftest import demo_loader, demo_organizations, demo_story  # noqa: F401


def test_exported_story_opens_offline(
    chromium_browser,
    demo_story,  # noqa: F811
    demo_loader,  # noqa: F811
    demo_organizations,  # noqa: F811
    tmp_path,
):
    path = tmp_path / "story.html"
    path.write_text(story_html(demo_story, demo_loader, demo_organizations), encoding="utf-8")
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    outside, errors = _offline(context), []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    tracts = page.frame_locator("#map").locator("path.leaflet-interactive")
    tracts.first.wait_for(timeout=30_000)
    assert tracts.count() >= 186  # every demo tract (plus catchment rings)
    assert page.locator("#count").text_content() == "Slide 1 of 2"
    assert page.get_by_text("Where newcomers live").is_visible()
    page.keyboard.press("PageDown")
    page.get_by_text("Legal help <script>alert(1)</script>").wait_for(timeout=10_000)
    assert page.locator("#count").text_content() == "Slide 2 of 2"
    page.frame_locator("#map").locator("path.leaflet-interactive").first.wait_for()
    page.keyboard.press("PageUp")
    assert page.locator("#count").text_content() == "Slide 1 of 2"
    # keys pressed while the map has the focus: arrows pan it, Page Down still moves on
    page.frame_locator("#map").locator(".leaflet-container").click(position={"x": 900, "y": 80})
    page.keyboard.press("ArrowLeft")
    assert page.locator("#count").text_content() == "Slide 1 of 2"
    page.keyboard.press("PageDown")
    page.wait_for_function("document.getElementById('count').textContent === 'Slide 2 of 2'")
    assert outside == [] and errors == []
    context.close()


HOSTILE = "<img src=x onerror=alert(1)>"


def _offline(context) -> list[str]:
    """Let the context read only the file itself; returns what it tried to fetch outside."""
    outside: list[str] = []

    def route(route) -> None:
        if route.request.url.startswith(("file:", "about:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    return outside


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_exported_slides_tables_open_by_keyboard_and_pass_axe(
    chromium_browser,
    demo_story,  # noqa: F811
    demo_loader,  # noqa: F811
    demo_organizations,  # noqa: F811
    tmp_path,
    language,
):
    legal = demo_organizations[demo_organizations["category"] == "legal"].iloc[[0]]
    organizations = pd.concat([demo_organizations, legal.assign(name=HOSTILE)])
    path = tmp_path / f"story-{language}.html"
    html = story_html(demo_story, demo_loader, organizations, language=language)
    path.write_text(html, encoding="utf-8")
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    outside, errors, dialogs = _offline(context), [], []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    page.frame_locator("#map").locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    tr = translator(language).gettext
    caption = tr("Tracts ({count})").format(count=format_number(186, language))
    table = page.get_by_role("table", name=caption).first
    assert not table.is_visible()  # folded away from the audience
    for _ in range(60):  # the keyboard alone reaches the slide's disclosure
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.closest('section').dataset.index") == "0"
    page.keyboard.press("Enter")
    table.wait_for(state="visible")
    assert table.locator("tbody tr").count() == 186
    assert page.get_by_role("rowheader", name=HOSTILE).first.is_visible()  # as text
    geoids = table.locator("tbody tr td:first-child")
    first, last = geoids.first.text_content(), geoids.last.text_content()
    table.get_by_role("button", name="GEOID").focus()  # each heading sorts, by keyboard too
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert table.locator("th", has_text="GEOID").get_attribute("aria-sort") == "descending"
    assert (geoids.first.text_content(), geoids.last.text_content()) == (last, first)
    page.keyboard.press("PageDown")  # inside the open tables: scrolls, stays on the slide
    counter = tr("Slide {number} of {count}")
    assert page.locator("#count").text_content() == counter.format(number=1, count=2)
    assert app_violations(page) == []
    page.locator('section[data-index="0"] summary').focus()
    page.keyboard.press("Enter")  # folded again: Page Down moves on
    page.keyboard.press("PageDown")
    expect(page.locator("#count")).to_have_text(counter.format(number=2, count=2))
    assert page.locator('section[data-index="1"] summary').is_visible()
    assert outside == [] and errors == [] and dialogs == []
    context.close()

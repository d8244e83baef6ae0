"""An exported story opened from disk in Chromium with the network blocked: the tracts draw,
Page Down moves on, and nothing is requested from outside the file."""

from geo.presenter.build import story_html
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
    outside, errors = [], []

    def route(route) -> None:
        if route.request.url.startswith(("file:", "about:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
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

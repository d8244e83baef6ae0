"""Every action reachable by keyboard (issue 15): real tasks done with the keys alone.

Each test moves with Tab and Shift+Tab (``tab_to`` fails, naming every stop, when a
control is never reached), acts with Enter, Space, the arrow keys and typing, and checks
what a user would see afterwards. No mouse: no ``click``, ``fill`` or ``select_option``.
Signing in is done by keyboard too (``sign_in(..., keyboard=True)``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo.i18n import translator
from tests.browser.conftest import (
    ARTIFACTS_DIR,
    find_map_frame,
    focused,
    new_offline_page,
    settle,
    sign_in,
    tab_to,
)

pytestmark = pytest.mark.browser
ACCOUNTS = {"amira": "admin"}
PASSWORD = "keyboard pages password 7"
MAP = "frame > region: "  # the home map's container, named for screen readers
VALUE = """() => {  // the figure a focused Streamlit slider shows over its thumb
    const slider = document.activeElement.closest('[data-testid="stSlider"]');
    return slider && slider.querySelector('[data-testid="stSliderThumbValue"]').innerText;
}"""
SAID = (  # the map's announcement, without the marks that isolate a name's direction
    "() => ((document.querySelector('.atlas-said') || {}).textContent || '')"
    ".replace(/[\\u2068\\u2069]/g, '')"
)


def _home_map(page, url: str):
    """Open the home map and wait until its organization sites are drawn."""
    page.goto(url)
    frame = find_map_frame(page, timeout_s=120)
    frame.wait_for_function(
        "() => window.AtlasMap && AtlasMap.cluster.getLayers().length > 0", timeout=60_000
    )
    settle(page)
    return frame


def _said_after(page, frame, key: str, before: str, words=str) -> str:
    """Press ``key`` and return the map's new announcement (after any "still loading")."""
    page.keyboard.press(key)
    loading = words("The organizations are still loading.")
    frame.wait_for_function(
        f"([before, loading]) => {{ const said = ({SAID})();"
        " return said && said !== before && said !== loading; }",
        arg=[before, loading],
    )
    return frame.evaluate(SAID)


def _popup_name(frame) -> str:
    return frame.locator(".leaflet-popup-content b").last.inner_text()  # an old one fades


def test_the_home_map_walks_through_the_sites_in_view_with_n(offline_page, streamlit_url):
    page = offline_page
    frame = _home_map(page, streamlit_url)
    tab_to(page, MAP + "Asset map")
    assert (
        frame.evaluate(
            "() => getComputedStyle(document.querySelector('.atlas-focus-frame')).display"
        )
        == "block"
    )  # the map shows it has the keyboard
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "keyboard-map-focus.png"))

    first = _said_after(page, frame, "n", "")
    assert first.startswith("Site 1 of "), first
    name = _popup_name(frame)
    assert f"in view: {name}." in first and "Services: " in first and "Languages: " in first
    second = _said_after(page, frame, "n", first)
    assert second.startswith("Site 2 of ") and _popup_name(frame) not in (name, "")
    back = _said_after(page, frame, "Shift+N", second)
    assert back.startswith("Site 1 of ") and _popup_name(frame) == name, back
    page.screenshot(path=str(ARTIFACTS_DIR / "keyboard-map-announced.png"))

    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=10_000)
    assert focused(page) == MAP + "Asset map"  # the focus stays on the map

    tab_to(page, "Next site in view")  # the same walk from a button
    second = _said_after(page, frame, "Enter", first)
    assert second.startswith("Site 2 of "), second
    assert _said_after(page, frame, " ", second).startswith("Site 3 of ")


def test_the_home_map_keys_speak_the_interface_language(chromium_browser, streamlit_url):
    words = translator("fr").gettext
    page = new_offline_page(chromium_browser, locale="fr")
    try:
        frame = _home_map(page, streamlit_url)
        tab_to(page, MAP + words("Asset map"))
        said = _said_after(page, frame, "n", "", words)
        start = words("Site {number} of {count} in view: {name}").split("{")[0]
        assert said.startswith(start), said
        assert words("Services: {services}").split("{")[0] in said
        tab_to(page, words("Next site in view"))
    finally:
        page.context.close()


def test_the_home_map_lists_a_sites_languages_as_chinese_lists_them(
    chromium_browser, streamlit_url
):
    words = translator("zh").gettext
    label = words("Languages:")
    page = new_offline_page(chromium_browser, locale="zh-CN")
    try:
        frame = _home_map(page, streamlit_url)
        tab_to(page, MAP + words("Asset map"))
        said, listed = "", []
        for _ in range(12):  # the first site in view with two languages or more
            said = _said_after(page, frame, "n", said, words)
            languages = said.split(label)[-1].strip()
            listed.append(languages)
            if "、" in languages:
                break
        assert any("、" in text for text in listed), listed
        assert not any(", " in text for text in listed), listed
    finally:
        page.context.close()


# --- the pages of the menu ------------------------------------------------------------------


@pytest.fixture
def staff(offline_page, streamlit_url):
    """The admin, signed in by keyboard."""
    sign_in(offline_page, streamlit_url, "amira", PASSWORD, keyboard=True)
    return offline_page


def _open(page, title: str) -> None:
    """Open a page from the menu with Shift+Tab and Enter."""
    tab_to(page, f"link: {title}", back=True, max_steps=250)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    settle(page)


def _type_into(page, name: str, text: str, *, back: bool = False) -> None:
    tab_to(page, name, back=back)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _choose(page, name, typed: str | None = None, *, back: bool = False) -> None:
    """A Streamlit select box or multiselect: type to filter (or arrow down), Enter."""
    tab_to(page, name if isinstance(name, re.Pattern) else f"combobox: {name}", back=back)
    if typed:
        page.keyboard.type(typed)
    else:
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # a multiselect's list stays open
    settle(page)


def _next_tab(page, current: str, wanted: str) -> None:
    """From tab ``current``, arrow right until ``wanted`` is chosen."""
    tab_to(page, f"tab: {current}", back=True)
    for _ in range(5):
        page.keyboard.press("ArrowRight")
        if focused(page) == f"tab: {wanted}":
            break
    page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_role("tab", name=wanted).get_attribute("aria-selected") == "true"


def _press(page, name: str, *, key: str = "Enter", back: bool = False) -> None:
    tab_to(page, name, back=back)
    page.keyboard.press(key)


def _query(db_path, sql: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(db_path) as db:
        return db.execute(sql).fetchall()


def test_add_an_organization_by_keyboard(staff, db_path):
    page = staff
    _open(page, "Asset directory")
    _next_tab(page, "Directory", "Add an organization")
    _type_into(page, "Name", "Keyboard Kitchen")
    _type_into(page, "Latitude", "40.9535")
    _type_into(page, "Longitude", "-44.9935")
    _press(page, "Add organization")
    # said twice: on the Add tab and as a toast
    page.get_by_text("Added Keyboard Kitchen", exact=False).first.wait_for(timeout=30_000)
    added = "select count(*) from organizations where name = 'Keyboard Kitchen'"
    assert _query(db_path, added) == [(1,)]


def test_an_engagement_log_entry_by_keyboard(staff, db_path):
    page = staff
    _open(page, "Engagement log")
    _type_into(page, "Staff who took part", "Amira")
    _type_into(page, "What happened", "Met the youth group by keyboard")
    _press(page, "Add to the log")
    page.get_by_text("Added to the shared log.").wait_for(timeout=30_000)
    entry = "select staff from engagement_entries where summary like '%youth group by keyboard'"
    assert _query(db_path, entry) == [("Amira",)]


def test_an_action_plan_step_added_and_its_status_changed_by_keyboard(staff, db_path):
    page = staff
    _open(page, "Action plan")
    _type_into(page, "textbox: Step", "Call the mosque by keyboard")
    _type_into(page, "textbox: Who", "Amira")
    _press(page, "Add step")
    page.get_by_text("Added 'Call the mosque by keyboard'.").wait_for(timeout=30_000)
    settle(page)
    _next_tab(page, "Add a step", "Update a step")
    _choose(page, "Step", "Call the mosque")
    _choose(page, "Status", "Done")
    _press(page, "Save step")
    page.get_by_text("Saved.").wait_for(timeout=30_000)
    step = "select status from action_steps where title = 'Call the mosque by keyboard'"
    assert _query(db_path, step) == [("done",)]


def test_a_walk_planned_from_the_list_by_keyboard(staff):
    page = staff
    _open(page, "Walkabout planner")
    _choose(page, re.compile(r"^combobox: Organizations to visit"))
    page.get_by_role("button", name="Save this walk").wait_for(timeout=60_000)
    _type_into(page, "Title of the walk", "Keyboard walk")
    _press(page, "Save this walk")
    page.get_by_text("Saved 'Keyboard walk'", exact=False).wait_for(timeout=30_000)


def _upload(page, label: str, file: dict) -> None:
    """Reach the Upload button of the file box labelled ``label`` by Tab, open the file
    chooser with Enter, give it a file (every file box's button is named "Upload")."""
    inside = (
        "label => { const box = document.activeElement.closest('[data-testid=\"stFileUploader\"]');"
        " return document.activeElement.tagName === 'BUTTON' && !!box"
        " && box.innerText.includes(label); }"
    )

    def there(where: str) -> bool:  # not the box's "Help for ..." button
        return where == "button: Upload" and page.evaluate(inside, label)

    for _ in range(3):  # a rerun under way can swallow the key press: press again
        tab_to(page, there)
        settle(page)  # leaving a text box reran the page: the focus may have been moved
        tab_to(page, there)
        try:
            with page.expect_file_chooser(timeout=15_000) as chooser:
                page.keyboard.press("Enter")
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(files=[file])
        settle(page)
        return
    raise AssertionError(f"Enter on the {label!r} file box never opened a file chooser")


def test_an_import_uploaded_and_saved_by_keyboard(staff, db_path):
    page = staff
    _open(page, "Import and export")
    rows = b"name,lat,lon\nKeyboard Import Centre,40.9540,-44.9940\n"
    _upload(page, "File to import", {"name": "orgs.csv", "mimeType": "text/csv", "buffer": rows})
    page.get_by_text("Read 1 row", exact=False).wait_for(timeout=30_000)
    _press(page, "button: Import")
    page.get_by_text("Imported", exact=False).first.wait_for(timeout=60_000)
    added = "select count(*) from organizations where name = 'Keyboard Import Centre'"
    assert _query(db_path, added) == [(1,)]


def test_a_study_area_upload_by_keyboard_is_checked_and_refused(staff):
    page = staff
    _open(page, "Census data and study areas")
    _type_into(page, "Short name (folder)", "broken")
    table = b"this is,not a census table\n1,2\n"
    name = "ACSDT5Y2023.B05006-Data.csv"
    _upload(page, "ACS tables", {"name": name, "mimeType": "text/csv", "buffer": table})
    outlines = b'{"type": "FeatureCollection", "features": []}'
    _upload(
        page,
        "Tract boundaries",
        {"name": "t.geojson", "mimeType": "application/json", "buffer": outlines},
    )
    _press(page, "button: Import")
    page.get_by_text("Nothing was changed", exact=False).wait_for(timeout=60_000)


def test_an_account_created_by_keyboard(staff, db_path):
    page = staff
    _open(page, "Users and roles")
    _next_tab(page, "Accounts", "Create an account")
    _type_into(page, "User name (for signing in)", "kim")
    _type_into(page, "Name shown and recorded with changes", "Kim Keys")
    _choose(page, "Role", "Editor")
    _type_into(page, "Initial password (leave empty to generate one)", "kim keyboard password 9")
    _press(page, "Create account")
    page.get_by_text("Created kim (editor).").wait_for(timeout=30_000)
    assert _query(db_path, "select role from users where username = 'kim'") == [("editor",)]


def test_a_story_made_and_presented_by_keyboard(staff):
    page = staff
    _open(page, "Presenter")
    _type_into(page, "New story", "Keyboard story")
    page.keyboard.press("Enter")
    settle(page)
    _press(page, "Create story")
    for caption in ("First slide", "Second slide"):
        _type_into(page, "Caption", caption)
        page.keyboard.press("Enter")
        settle(page)
        _press(page, "Save this view as a slide")
        settle(page)
    page.get_by_text("Keyboard story · Slides: 2").wait_for(timeout=30_000)
    _press(page, "button: Present", back=True)
    page.get_by_text("Slide 1 of 2").wait_for(timeout=60_000)
    page.wait_for_function("() => document.__deckKeys", timeout=60_000)  # its keys are in
    settle(page)
    page.keyboard.press("PageDown")
    page.get_by_text("Slide 2 of 2").wait_for(timeout=60_000)
    settle(page)
    _press(page, "◀ Previous")
    page.get_by_text("Slide 1 of 2").wait_for(timeout=60_000)
    assert page.get_by_text("First slide").first.is_visible()


def test_a_help_handout_made_by_keyboard(staff):
    page = staff
    _open(page, "Help handouts")
    _choose(page, "Language of the newcomer", "Spanish")
    _press(page, "Make the handout (PDF)")
    page.get_by_role("button", name="Download the handout").wait_for(timeout=60_000)
    settle(page)
    tab_to(page, "Download the handout")
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "help-es.pdf"


def test_a_community_profile_by_keyboard(staff):
    page = staff
    _open(page, "Community profile")
    page.get_by_role("button", name="Download CSV").wait_for(timeout=120_000)  # figures in
    tab_to(page, "slider: Radius (m)", back=True)
    before = page.evaluate(VALUE)
    page.keyboard.press("ArrowRight")
    settle(page)
    assert before and page.evaluate(VALUE) != before, before
    page.get_by_role("button", name="Download CSV").wait_for(timeout=120_000)
    settle(page)
    tab_to(page, "Download CSV")
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "community_profile.csv"

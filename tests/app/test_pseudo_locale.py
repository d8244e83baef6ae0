"""The pseudo-locale over the pages: interface text that bypassed the catalogs shows unmarked.

With WELCOME_ATLAS_PSEUDO_LOCALE=1 every catalog string renders as ``⟦…⟧``. A title,
header, caption, label, button or message without the markers came from a string that
never went through ``_()``. Data (names, counts, addresses) is never marked, so only
interface elements are checked, never table cells.
"""

import pytest

from geo.i18n import CLOSE, OPEN

# Pages whose own text is wrapped so far (the others are listed in README "Languages").
WRAPPED_PAGES = {
    "pages/handouts.py": None,
    "pages/study_areas.py": "admin",
    "pages/community_profile.py": None,
    "pages/gaps.py": None,
    "pages/map_explorer.py": "editor",
    "pages/presenter.py": "editor",
    "pages/assets.py": "editor",
    "pages/walkabout.py": "editor",
    "pages/import_export.py": "editor",
    "pages/engagement_log.py": "editor",
    "pages/action_plan.py": "editor",
    "pages/users.py": "admin",
}  # page: role
ELEMENTS = ("title", "header", "subheader", "caption", "info", "warning", "error", "success")
WIDGETS = (
    "button",
    "selectbox",
    "slider",
    "text_input",
    "radio",
    "multiselect",
    "checkbox",
    "toggle",
    "text_area",
    "date_input",
    "select_slider",
    "tab",
    "expander",
)
# The language box is written in every language at once, on purpose (ui.i18n).
MULTILINGUAL = {"ui.language"}


def unmarked(at, area: str = "main") -> list[str]:
    """Interface texts of the main area (or sidebar) that did not come through the catalogs."""
    found = []
    for kind in ELEMENTS:
        found += [
            f"{kind}: {e.value}" for e in getattr(at, area).get(kind) if OPEN not in str(e.value)
        ]
    for kind in WIDGETS:
        found += [
            f"{kind}: {w.label}"
            for w in getattr(at, area).get(kind)
            if OPEN not in w.label and getattr(w, "key", None) not in MULTILINGUAL
        ]
    found += [f"metric: {m.label}" for m in getattr(at, area).get("metric") if OPEN not in m.label]
    return found


@pytest.mark.parametrize("page", sorted(WRAPPED_PAGES))
def test_wrapped_pages_show_only_catalog_text(app, monkeypatch, page):
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app(page, role=WRAPPED_PAGES[page])
    assert not at.exception
    assert unmarked(at) == []


def test_walkabout_planner_with_a_route_and_a_saved_walk_shows_only_catalog_text(app, monkeypatch):
    """The planner's other states: stops picked (list, route, totals, downloads), then a walk
    saved (its flash, the report form per stop, the found-place form, archive)."""
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app("pages/walkabout.py", role="editor")
    box = at.multiselect(key="walkabout.stops")
    box.set_value(box.options[:3]).run()
    assert not at.exception
    assert at.get("download_button") and len(at.multiselect(key="walkabout.stops").value) == 3
    assert unmarked(at) == []
    assert all(OPEN in d.label for d in at.get("download_button"))
    assert all(OPEN in m.label for m in at.get("metric"))
    at.button(key="walkabout.save").click().run()
    assert not at.exception
    visited = [c for c in at.checkbox if c.label == f"{OPEN}Visited{CLOSE}"]
    assert at.success and len(visited) == 3  # the report form, one line per stop
    assert unmarked(at) == []


def test_the_signed_out_sidebar_shows_only_catalog_text(app, monkeypatch):
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app()
    assert not at.exception
    assert at.sidebar.button(key="auth.submit").label == f"{OPEN}Sign in{CLOSE}"
    assert unmarked(at, "sidebar") == []


def test_the_check_finds_text_that_bypassed_the_catalogs(app, monkeypatch):
    english = app("pages/users.py", role="admin")  # outside the pseudo-locale nothing is marked
    assert unmarked(english) and unmarked(english, "sidebar")
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app("pages/handouts.py")
    at.main.caption  # noqa: B018 - the page renders
    assert CLOSE in at.title[0].value

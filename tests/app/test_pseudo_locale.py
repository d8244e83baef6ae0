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
)


def unmarked(at) -> list[str]:
    """Interface texts of the main area that did not come through the catalogs."""
    found = []
    for kind in ELEMENTS:
        found += [f"{kind}: {e.value}" for e in at.main.get(kind) if OPEN not in str(e.value)]
    for kind in WIDGETS:
        found += [f"{kind}: {w.label}" for w in at.main.get(kind) if OPEN not in w.label]
    found += [f"metric: {m.label}" for m in at.main.get("metric") if OPEN not in m.label]
    return found


@pytest.mark.parametrize("page", sorted(WRAPPED_PAGES))
def test_wrapped_pages_show_only_catalog_text(app, monkeypatch, page):
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app(page, role=WRAPPED_PAGES[page])
    assert not at.exception
    assert unmarked(at) == []


def test_the_check_finds_text_that_bypassed_the_catalogs(app, monkeypatch):
    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app("pages/handouts.py")
    at.main.caption  # noqa: B018 - the page renders
    assert unmarked(app("pages/users.py", role="admin"))  # not wrapped yet
    assert CLOSE in at.title[0].value

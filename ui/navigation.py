"""Every page of the app, registered explicitly (Streamlit does not auto-discover pages/).

Each page names the action (:data:`geo.accounts.ACTIONS`) a visitor needs to open it; the menu
offers only the pages the current role may use, and a page left out of the menu cannot be
reached by its URL either. A new page is staff-only unless it says ``action="view_public"``.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo.accounts import can


@dataclass(frozen=True)
class PageSpec:
    """One page: its file, title, icon, menu section and the action needed to open it."""

    path: str
    title: str
    icon: str
    section: str
    default: bool = False
    action: str = "view_internal"


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/map_explorer.py",
        "Asset map",
        ":material/map:",
        "Explore",
        default=True,
        action="view_public",
    ),
    PageSpec(
        "pages/community_profile.py",
        "Community profile",
        ":material/groups:",
        "Explore",
        action="view_public",
    ),
    PageSpec(
        "pages/handouts.py",
        "Help handouts",
        ":material/description:",
        "Explore",
        action="view_public",
    ),
    PageSpec("pages/gaps.py", "Gaps", ":material/join_inner:", "Explore", action="view_public"),
    PageSpec(
        "pages/presenter.py", "Presenter", ":material/slideshow:", "Explore", action="view_public"
    ),
    PageSpec("pages/assets.py", "Asset directory", ":material/list_alt:", "Asset database"),
    PageSpec(
        "pages/import_export.py",
        "Import and export",
        ":material/swap_vert:",
        "Asset database",
        action="export_full",
    ),
    PageSpec(
        "pages/study_areas.py",
        "Census data and study areas",
        ":material/database:",
        "Data",
        action="import",
    ),
    PageSpec("pages/walkabout.py", "Walkabout planner", ":material/directions_walk:", "Field work"),
    PageSpec("pages/engagement_log.py", "Engagement log", ":material/forum:", "Field work"),
    PageSpec("pages/action_plan.py", "Action plan", ":material/checklist:", "Field work"),
    PageSpec(
        "pages/users.py",
        "Users and roles",
        ":material/manage_accounts:",
        "Admin",
        action="manage_users",
    ),
)


def url_path(spec: PageSpec) -> str:
    """The page's address in the app (Streamlit's default: the file name without .py)."""
    return spec.path.removeprefix("pages/").removesuffix(".py")


def path_of(url: str) -> str | None:
    """The page file behind a URL path (None when no page has it)."""
    return next((spec.path for spec in PAGES if url_path(spec) == url), None)


def offered(role: str | None) -> list[PageSpec]:
    """The pages ``role`` (None = signed out) may open, in menu order."""
    return [spec for spec in PAGES if can(role, spec.action)]


def build_navigation(role: str | None = None):
    """The navigation menu for ``role``, grouped by section in the order of :data:`PAGES`."""
    sections: dict[str, list] = {}
    for spec in offered(role):
        page = st.Page(spec.path, title=spec.title, icon=spec.icon, default=spec.default)
        sections.setdefault(spec.section, []).append(page)
    return st.navigation(sections)

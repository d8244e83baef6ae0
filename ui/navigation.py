"""Every page of the app, registered explicitly (Streamlit does not auto-discover pages/).

Each page names the action (:data:`geo.accounts.ACTIONS`) a visitor needs to open it; the menu
offers only the pages the current role may use, and a page left out of the menu cannot be
reached by its URL either. A new page is staff-only unless it says ``action="view_public"``.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo.accounts import can
from geo.i18n import N_
from ui.i18n import _


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
        N_("Asset map"),
        ":material/map:",
        N_("Explore"),
        default=True,
        action="view_public",
    ),
    PageSpec(
        "pages/community_profile.py",
        N_("Community profile"),
        ":material/groups:",
        N_("Explore"),
        action="view_public",
    ),
    PageSpec(
        "pages/handouts.py",
        N_("Help handouts"),
        ":material/description:",
        N_("Explore"),
        action="view_public",
    ),
    PageSpec(
        "pages/gaps.py", N_("Gaps"), ":material/join_inner:", N_("Explore"), action="view_public"
    ),
    PageSpec(
        "pages/presenter.py",
        N_("Presenter"),
        ":material/slideshow:",
        N_("Explore"),
        action="view_public",
    ),
    PageSpec("pages/assets.py", N_("Asset directory"), ":material/list_alt:", N_("Asset database")),
    PageSpec(
        "pages/import_export.py",
        N_("Import and export"),
        ":material/swap_vert:",
        N_("Asset database"),
        action="export_full",
    ),
    PageSpec(
        "pages/study_areas.py",
        N_("Census data and study areas"),
        ":material/database:",
        N_("Data"),
        action="import",
    ),
    PageSpec(
        "pages/walkabout.py",
        N_("Walkabout planner"),
        ":material/directions_walk:",
        N_("Field work"),
    ),
    PageSpec("pages/engagement_log.py", N_("Engagement log"), ":material/forum:", N_("Field work")),
    PageSpec("pages/action_plan.py", N_("Action plan"), ":material/checklist:", N_("Field work")),
    PageSpec(
        "pages/users.py",
        N_("Users and roles"),
        ":material/manage_accounts:",
        N_("Admin"),
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
        page = st.Page(spec.path, title=_(spec.title), icon=spec.icon, default=spec.default)
        sections.setdefault(_(spec.section), []).append(page)
    return st.navigation(sections)

"""Every page of the app, registered explicitly (Streamlit does not auto-discover pages/)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageSpec:
    """One page: its file, title, icon and menu section."""

    path: str
    title: str
    icon: str
    section: str
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/map_explorer.py", "Asset map", ":material/map:", "Explore", default=True),
    PageSpec("pages/assets.py", "Asset directory", ":material/list_alt:", "Asset database"),
    PageSpec("pages/import_export.py", "Import and export", ":material/swap_vert:",
             "Asset database"),
)


def build_navigation():
    """The app's navigation menu, grouped by section in the order of :data:`PAGES`."""
    sections: dict[str, list] = {}
    for spec in PAGES:
        page = st.Page(spec.path, title=spec.title, icon=spec.icon, default=spec.default)
        sections.setdefault(spec.section, []).append(page)
    return st.navigation(sections)

"""The action plan as a PDF for a team meeting, in the reader's language."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from geo.census.area_words import say_study_area
from geo.fieldwork.action_plan import StepFilter
from geo.i18n import is_rtl, translator
from geo.pdf.action_plan import GROUPINGS, PlanSheet, build_action_plan_pdf
from geo.pdf.fonts import missing_fonts
from ui import resources
from ui.i18n import _, current, follows_language


def _branch_name(branch_id: str | None) -> str:
    """The name of the branch the steps are filtered to ('' for all branches)."""
    if not branch_id:
        return ""
    branches = resources.branches()
    match = branches.loc[branches["branch_id"] == branch_id, "name"]
    return str(match.iloc[0]) if len(match) else branch_id


def _link_names(organizations: pd.DataFrame, tracts: pd.DataFrame) -> dict[str, str]:
    """Names of what steps link to, for the PDF: organizations and tracts."""
    names = {
        f"asset:{i}": n
        for i, n in zip(organizations["organization_id"], organizations["name"], strict=True)
    }
    if "NAME" in tracts:
        names.update({f"tract:{g}": f"{n} ({g})" for g, n in tracts["NAME"].items()})
    return names


def pdf_download(steps: pd.DataFrame, chosen: StepFilter, today: date) -> None:
    """The shown steps as a PDF for a team meeting, in this reader's language.

    Built when clicked (a deferred download): the fonts take a second or two to load.
    """
    c1, c2 = st.columns(2)
    group_by = c1.radio(
        _("Group the PDF by"),
        list(GROUPINGS),
        format_func=lambda g: _(GROUPINGS[g]),
        horizontal=True,
        key=follows_language("action.pdf_group"),
    )
    language = current()
    branch = _branch_name(chosen.branch_id)
    area = resources.current_area()
    sheet = PlanSheet(
        scope=branch or say_study_area(area.label, _),  # the demo city stays illustrative
        today=today,
        group_by=group_by,
        chosen=chosen,
        branch_name=branch,
        rtl=is_rtl(language),
        language=language,
    )
    organizations, tr = resources.organizations(), translator(language)
    missing = missing_fonts()

    def build() -> bytes:  # on click only: the link names are for the PDF alone
        named = replace(sheet, link_names=_link_names(organizations, area.tracts))
        return build_action_plan_pdf(steps, named, translate=tr.gettext, n_=tr.ngettext)

    c2.download_button(
        _("Action plan (PDF)"),
        build,
        "action-plan.pdf",
        "application/pdf",
        key="action.pdf",
        on_click="ignore",
        disabled=bool(missing),
        help=_("The PDF fonts are not installed: run `python -m geo vendor`.") if missing else None,
    )

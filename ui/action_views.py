"""The action plan's panels: steps with overdue ones standing out, edits, exports, staff."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from geo.db.action_plan import (
    add_step,
    archive_step,
    list_steps,
    restore_step,
    update_step,
)
from geo.fieldwork.action_plan import (
    STEP_STATUSES,
    StepFilter,
    describe_undated,
    filter_steps,
    mark_overdue,
)
from geo.fieldwork.exports import to_csv_bytes
from geo.fieldwork.ics import export_ics
from geo.i18n import N_
from ui import action_pdf_views, fieldwork_common, resources, text
from ui.i18n import HELD, _, current, follows_language, n_

FLASH = "action.flash"
# Each panel shows its own confirmation: a message flashed in the 'Add a step' tab is
# not seen by someone working in 'Update a step' or on the staff below.
EDIT_FLASH = "action.edit_flash"
COLUMNS = ["title", "who", "due_on", "status", "branch", "links", "days_late", "notes"]
STEP_LABELS = {
    "title": N_("Step"),
    "who": N_("Who"),
    "due_on": N_("Due"),
    "status": N_("Status"),
    "branch": N_("Branch"),
    "links": N_("Linked to"),
    "days_late": N_("Days late"),
    "notes": N_("Notes"),
}


def steps_frame(today: date, *, archived: bool = False) -> pd.DataFrame:
    """Steps with branch names and overdue flags."""
    steps = fieldwork_common.read(lambda s: list_steps(s, include_archived=archived))
    branches = resources.branches()
    steps["branch"] = steps["branch_id"].map(
        dict(zip(branches["branch_id"], branches["name"], strict=True))
    )
    return mark_overdue(steps, today=today)


def _highlight(row: pd.Series) -> list[str]:
    style = "background-color:#fde0dd;color:#a50f15;font-weight:600" if row["overdue"] else ""
    return [style] * len(row)


def _status(key: str) -> str:
    return _(STEP_STATUSES[key]) if key in STEP_STATUSES else key


def filter_panel(steps: pd.DataFrame) -> tuple[pd.DataFrame, StepFilter]:
    """Status, branch and person boxes; the steps they leave and the filter they make.

    The table, the CSV, the calendar and the PDF all show the same steps.
    """
    c1, c2, c3 = st.columns(3)
    statuses = c1.multiselect(
        _("Show status"),
        list(STEP_STATUSES),
        format_func=_status,
        key=follows_language("action.filter_status"),
        placeholder=_("Choose options"),
    )
    names = dict(zip(steps["branch_id"].dropna(), steps["branch"].dropna(), strict=False))
    branch_id = c2.selectbox(
        _("Show branch"),
        ["", *sorted(names, key=lambda b: str(names[b]))],  # "": every branch
        format_func=lambda b: str(names[b]) if b else _("All branches"),
        key=follows_language("action.filter_branch"),
    )
    people = sorted({str(w).strip() for w in steps["who"].dropna() if str(w).strip()})
    who = c3.selectbox(
        _("Show person"),
        ["", *people],  # "": everyone
        format_func=lambda w: w or _("Everyone"),
        key=follows_language("action.filter_who"),
    )
    chosen = StepFilter(statuses=tuple(statuses), branch_id=branch_id or None, who=who or None)
    return filter_steps(steps, chosen), chosen


def plan_panel(steps: pd.DataFrame, chosen: StepFilter, today: date) -> None:
    """The steps; overdue ones in red, counted above."""
    late = int(steps["overdue"].sum())
    if late:
        st.error(
            n_("{count} step is overdue.", "{count} steps are overdue.", late).format(count=late)
        )
    shown = steps.assign(status=steps["status"].map(_status))
    table = shown[[*COLUMNS, "overdue"]].copy()
    text_columns = ["title", "who", "branch", "links", "notes"]
    table[text_columns] = table[text_columns].astype(object).where(table[text_columns].notna(), "")
    st.dataframe(
        table.rename(columns={k: _(v) for k, v in STEP_LABELS.items()}).style.apply(
            _highlight, axis=1
        ),
        hide_index=True,
        width="stretch",
        column_config={"overdue": None},
    )
    _downloads(steps, shown)
    action_pdf_views.pdf_download(steps, chosen, today)


def _downloads(steps: pd.DataFrame, shown: pd.DataFrame) -> None:
    """The plan as CSV and as a calendar, and which steps the calendar leaves out."""
    c1, c2 = st.columns(2)
    c1.download_button(
        _("Action plan (CSV)"),
        to_csv_bytes(shown[COLUMNS]),
        "action-plan.csv",
        "text/csv",
        key="action.csv",
        on_click="ignore",
    )
    undated = describe_undated(steps, n_=n_, locale=current())
    dated = steps[steps["due_on"].notna()] if len(steps) else steps
    c2.download_button(
        _("Calendar (.ics)"),
        export_ics(steps.to_dict("records")),
        "action-plan.ics",
        "text/calendar",
        key="action.ics",
        on_click="ignore",
        disabled=dated.empty,
        help=_("Only steps with a due date can go on a calendar."),
    )
    if undated:
        c2.caption(
            _("{undated} Due dates are set under 'Update a step'.").format(
                undated=text.literal(undated)
            )
        )


def _tract_names() -> dict[str, str]:
    """GEOID -> "name (GEOID)" of the study area's tracts."""
    tracts = resources.current_area().tracts["NAME"].astype(str)
    return dict(zip(tracts.index, tracts + " (" + tracts.index.astype(str) + ")", strict=True))


def _step_fields() -> tuple[dict, list[tuple[str, str]]]:
    """The new step's fields and what it rests on (held boxes, not st.form: see ui.i18n.HELD)."""
    branches = resources.branches()
    branch_names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    fields: dict[str, object] = {
        "title": st.text_input(_("Step"), key="action.title", on_change=HELD)
    }
    c1, c2, c3 = st.columns(3)
    fields["who"] = c1.text_input(_("Who"), key="action.who", on_change=HELD)
    fields["due_on"] = fieldwork_common.date_box(
        c2, _("Due"), None, follows_language("action.due"), on_change=HELD
    )
    fields["branch_id"] = c3.selectbox(
        _("Branch"),
        [None, *branch_names],
        key="action.branch",
        format_func=lambda b: "—" if b is None else branch_names[b],
        on_change=HELD,
    )
    links = _step_links()
    fields["notes"] = st.text_area(_("Notes"), key="action.notes", on_change=HELD)
    return fields, links


def _step_links() -> list[tuple[str, str]]:
    """What the new step rests on: organizations, tracts, communities, entries or walks."""
    organizations = resources.organizations()
    orgs = dict(zip(organizations["organization_id"], organizations["name"], strict=True))
    tract_names = _tract_names()
    assets = st.multiselect(
        _("Organizations"),
        list(orgs),
        format_func=orgs.__getitem__,
        key="action.assets",
        placeholder=_("Choose options"),
        on_change=HELD,
    )
    geoids = st.multiselect(
        _("Tracts"),
        list(tract_names),
        key="action.tracts",
        format_func=tract_names.__getitem__,
        placeholder=_("Choose options"),
        on_change=HELD,
    )
    communities = st.text_input(
        _("Communities (';'-separated)"), key="action.communities", on_change=HELD
    )
    entries = st.text_input(
        _("Log entry or walk ids (';'-separated)"), key="action.refs", on_change=HELD
    )
    return (
        [("asset", a) for a in assets]
        + [("tract", g) for g in geoids]
        + [("community", c) for c in communities.split(";")]
        + [("engagement", e) for e in entries.split(";")]
    )


def add_panel(today: date) -> None:
    """Form for a new step and what it rests on."""
    fieldwork_common.flash(FLASH)
    with st.container(border=True):
        fields, links = _step_fields()
        if st.button(_("Add step"), key="action.add.submit"):
            fieldwork_common.write(
                lambda s, user: add_step(s, fields, user=user, today=today, links=links),
                flash_key=FLASH,
                success=_("Added '{title}'.").format(title=text.literal(fields["title"])),
            )


def edit_panel(steps: pd.DataFrame, today: date) -> None:
    """Change a step's status, who or due date; mark done; archive or restore."""
    fieldwork_common.flash(EDIT_FLASH)
    if steps.empty:
        st.info(_("No steps yet."))
        return
    labels = dict(zip(steps["id"], steps["title"], strict=True))
    chosen = st.selectbox(
        _("Step"), list(labels), format_func=labels.__getitem__, key="action.pick"
    )
    step = steps.set_index("id").loc[chosen]
    key = f"action.edit.{chosen}.{step['version']}"
    with st.container(border=True):  # held boxes, not st.form: see ui.i18n.HELD
        status = st.selectbox(
            _("Status"),
            list(STEP_STATUSES),
            format_func=lambda s: _(STEP_STATUSES[s]),
            index=list(STEP_STATUSES).index(step["status"]),
            key=follows_language(f"{key}.s"),
            on_change=HELD,
        )
        who = st.text_input(_("Who"), step["who"] or "", key=f"{key}.who", on_change=HELD)
        due_on = fieldwork_common.date_box(
            st, _("Due"), step["due_on"], follows_language(f"{key}.due"), on_change=HELD
        )
        if st.button(_("Save step"), key=f"{key}.submit"):
            fieldwork_common.write(
                lambda s, user: update_step(
                    s,
                    chosen,
                    {"status": status, "who": who, "due_on": due_on},
                    expected_version=int(step["version"]),
                    user=user,
                    today=today,
                ),
                flash_key=EDIT_FLASH,
                success=_("Saved."),
            )
    _archive_button(chosen, step)


def _archive_button(chosen: str, step: pd.Series) -> None:
    """Archive the step, or restore it when it is archived."""
    action = restore_step if step["archived"] else archive_step
    label = _("Restore step") if step["archived"] else _("Archive step")
    if st.button(label, key="action.archive"):
        fieldwork_common.write(
            lambda s, user: action(s, chosen, user=user, expected_version=int(step["version"])),
            flash_key=EDIT_FLASH,
            success=_("Done; it can be undone here."),
        )

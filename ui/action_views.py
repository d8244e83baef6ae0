"""The action plan's panels: steps with overdue ones standing out, edits, exports, staff."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from geo.db.action_plan import (
    add_staff,
    add_step,
    archive_step,
    list_staff,
    list_steps,
    restore_step,
    set_trainings,
    update_step,
)
from geo.fieldwork.action_plan import (
    STEP_STATUSES,
    TRAININGS,
    describe_undated,
    mark_overdue,
    summarize_capacity,
)
from geo.fieldwork.engagement import TEAMS
from geo.fieldwork.exports import to_csv_bytes
from geo.fieldwork.ics import export_ics
from ui import fieldwork_common, resources, text

FLASH = "action.flash"
# Each panel shows its own confirmation: a message flashed in the 'Add a step' tab is
# not seen by someone working in 'Update a step' or on the staff below.
EDIT_FLASH = "action.edit_flash"
STAFF_FLASH = "action.staff_flash"
COLUMNS = ["title", "who", "due_on", "status", "branch", "links", "days_late", "notes"]
STEP_LABELS = {
    "title": "Step",
    "who": "Who",
    "due_on": "Due",
    "status": "Status",
    "branch": "Branch",
    "links": "Linked to",
    "days_late": "Days late",
    "notes": "Notes",
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


def plan_panel(steps: pd.DataFrame) -> None:
    """The steps; overdue ones in red, counted above."""
    late = int(steps["overdue"].sum())
    if late:
        st.error(f"{late} step(s) are overdue.")
    shown = steps.assign(status=steps["status"].map(STEP_STATUSES))
    table = shown[[*COLUMNS, "overdue"]].copy()
    text_columns = ["title", "who", "branch", "links", "notes"]
    table[text_columns] = table[text_columns].astype(object).where(table[text_columns].notna(), "")
    st.dataframe(
        table.rename(columns=STEP_LABELS).style.apply(_highlight, axis=1),
        hide_index=True,
        width="stretch",
        column_config={"overdue": None},
    )
    c1, c2 = st.columns(2)
    c1.download_button(
        "Action plan (CSV)",
        to_csv_bytes(shown[COLUMNS]),
        "action-plan.csv",
        "text/csv",
        key="action.csv",
        on_click="ignore",
    )
    undated = describe_undated(steps)
    dated = steps[steps["due_on"].notna()] if len(steps) else steps
    c2.download_button(
        "Calendar (.ics)",
        export_ics(steps.to_dict("records")),
        "action-plan.ics",
        "text/calendar",
        key="action.ics",
        on_click="ignore",
        disabled=dated.empty,
        help="Only steps with a due date can go on a calendar.",
    )
    if undated:
        c2.caption(text.literal(undated) + " Due dates are set under 'Update a step'.")


def add_panel(today: date) -> None:
    """Form for a new step and what it rests on."""
    fieldwork_common.flash(FLASH)
    organizations = resources.organizations()
    orgs = dict(zip(organizations["organization_id"], organizations["name"], strict=True))
    tracts = resources.current_area().tracts
    branches = resources.branches()
    branch_names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    with st.form("action.add"):
        title = st.text_input("Step", key="action.title")
        c1, c2, c3 = st.columns(3)
        who = c1.text_input("Who", key="action.who")
        due_on = c2.date_input("Due", value=None, key="action.due")
        branch_id = c3.selectbox(
            "Branch",
            [None, *branch_names],
            key="action.branch",
            format_func=lambda b: "—" if b is None else branch_names[b],
        )
        assets = st.multiselect(
            "Organizations", list(orgs), format_func=orgs.__getitem__, key="action.assets"
        )
        geoids = st.multiselect(
            "Tracts",
            list(tracts.index),
            key="action.tracts",
            format_func=lambda g: f"{tracts.loc[g, 'NAME']} ({g})",
        )
        communities = st.text_input("Communities (';'-separated)", key="action.communities")
        entries = st.text_input("Log entry or walk ids (';'-separated)", key="action.refs")
        notes = st.text_area("Notes", key="action.notes")
        if st.form_submit_button("Add step"):
            links = (
                [("asset", a) for a in assets]
                + [("tract", g) for g in geoids]
                + [("community", c) for c in communities.split(";")]
                + [("engagement", e) for e in entries.split(";")]
            )
            fields = {
                "title": title,
                "who": who,
                "due_on": due_on,
                "branch_id": branch_id,
                "notes": notes,
            }
            fieldwork_common.write(
                lambda s, user: add_step(s, fields, user=user, today=today, links=links),
                flash_key=FLASH,
                success=f"Added '{title}'.",
            )


def edit_panel(steps: pd.DataFrame, today: date) -> None:
    """Change a step's status, who or due date; mark done; archive or restore."""
    fieldwork_common.flash(EDIT_FLASH)
    if steps.empty:
        st.info("No steps yet.")
        return
    labels = dict(zip(steps["id"], steps["title"], strict=True))
    chosen = st.selectbox("Step", list(labels), format_func=labels.__getitem__, key="action.pick")
    step = steps.set_index("id").loc[chosen]
    key = f"action.edit.{chosen}.{step['version']}"
    with st.form(key):
        status = st.selectbox(
            "Status",
            list(STEP_STATUSES),
            format_func=STEP_STATUSES.__getitem__,
            index=list(STEP_STATUSES).index(step["status"]),
            key=f"{key}.s",
        )
        who = st.text_input("Who", step["who"] or "", key=f"{key}.who")
        due_on = st.date_input("Due", step["due_on"], key=f"{key}.due")
        if st.form_submit_button("Save step"):
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
                success="Saved.",
            )
    action = restore_step if step["archived"] else archive_step
    if st.button("Restore step" if step["archived"] else "Archive step", key="action.archive"):
        fieldwork_common.write(
            lambda s, user: action(s, chosen, user=user, expected_version=int(step["version"])),
            flash_key=EDIT_FLASH,
            success="Done; it can be undone here.",
        )


def capacity_panel() -> None:
    """Who is involved, their branch and team, and the trainings each has done."""
    st.subheader("Staff capacity")
    fieldwork_common.flash(STAFF_FLASH)
    staff = fieldwork_common.read(list_staff)
    branches = resources.branches()
    names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    staff["branch"] = staff["branch_id"].map(names)
    st.dataframe(summarize_capacity(staff), hide_index=True, width="stretch")
    if not staff.empty:
        with st.expander("Update a person's trainings"):
            _trainings_form(staff)
    with st.expander("Add a person"), st.form("action.staff"):
        name = st.text_input("Name", key="action.staff_name")
        branch_id = st.selectbox(
            "Branch",
            [None, *names],
            key="action.staff_branch",
            format_func=lambda b: "—" if b is None else names[b],
        )
        team = st.selectbox("Team", ["", *TEAMS], key="action.staff_team")
        done = st.multiselect(
            "Trainings done",
            list(TRAININGS),
            format_func=TRAININGS.__getitem__,
            key="action.staff_trainings",
        )
        if st.form_submit_button("Add person"):
            fieldwork_common.write(
                lambda s, user: add_staff(
                    s,
                    name=name,
                    branch_id=branch_id,
                    team=team,
                    user=user,
                    trainings=dict.fromkeys(done),
                ),
                flash_key=STAFF_FLASH,
                success=f"Added {name}.",
            )


def _trainings_form(staff: pd.DataFrame) -> None:
    """Tick the trainings a person has done; dates already recorded are kept."""
    names = dict(zip(staff["id"], staff["name"], strict=True))
    chosen = st.selectbox(
        "Person", list(names), format_func=names.__getitem__, key="action.staff_pick"
    )
    person = staff.set_index("id").loc[chosen]
    done_before: dict = person["trainings"]
    key = f"action.staff_edit.{chosen}.{person['version']}"
    with st.form(key):
        done = st.multiselect(
            "Trainings done",
            list(TRAININGS),
            default=list(done_before),
            format_func=TRAININGS.__getitem__,
            key=f"{key}.trainings",
        )
        if st.form_submit_button("Save trainings"):
            fieldwork_common.write(
                lambda s, user: set_trainings(
                    s,
                    chosen,
                    {t: done_before.get(t) for t in done},
                    expected_version=int(person["version"]),
                    user=user,
                ),
                flash_key=STAFF_FLASH,
                success=f"Saved the trainings of {names[chosen]}.",
            )

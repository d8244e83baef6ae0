"""The action plan's staff panel: who is involved, their branch and team, their trainings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.db.action_plan import add_staff, list_staff, set_trainings
from geo.fieldwork.action_plan import TRAININGS, summarize_capacity
from geo.fieldwork.engagement import TEAMS
from ui import fieldwork_common, resources, text
from ui.i18n import HELD, _, follows_language

# The staff panel shows its own confirmation (a flash in the plan's tabs is not seen here).
STAFF_FLASH = "action.staff_flash"


def capacity_panel() -> None:
    """Who is involved, their branch and team, and the trainings each has done."""
    st.subheader(_("Staff capacity"))
    fieldwork_common.flash(STAFF_FLASH)
    staff = fieldwork_common.read(list_staff)
    branches = resources.branches()
    names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    staff["branch"] = staff["branch_id"].map(names)
    table = summarize_capacity(staff, translate=_)
    table = table.rename(columns={"name": _("Name"), "branch": _("Branch"), "team": _("Team")})
    table[_("Team")] = table[_("Team")].map(lambda t: _(t) if t in TEAMS else t)
    st.dataframe(table, hide_index=True, width="stretch")
    if not staff.empty:
        with st.expander(_("Update a person's trainings")):
            _trainings_form(staff)
    with st.expander(_("Add a person")):  # held boxes, not st.form: see ui.i18n.HELD
        _add_person_form(names)


def _add_person_form(names: dict) -> None:
    """Name, branch, team and trainings of someone new (inside the form)."""
    name = st.text_input(_("Name"), key="action.staff_name", on_change=HELD)
    branch_id = st.selectbox(
        _("Branch"),
        [None, *names],
        key="action.staff_branch",
        format_func=lambda b: "—" if b is None else names[b],
        on_change=HELD,
    )
    team = st.selectbox(
        _("Team"),
        ["", *TEAMS],
        format_func=fieldwork_common.team_name,
        key=follows_language("action.staff_team"),
        on_change=HELD,
    )
    done = st.multiselect(
        _("Trainings done"),
        list(TRAININGS),
        format_func=lambda t: _(TRAININGS[t]),
        key=follows_language("action.staff_trainings"),
        placeholder=_("Choose options"),
        on_change=HELD,
    )
    if st.button(_("Add person"), key="action.staff.submit"):
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
            success=_("Added {name}.").format(name=text.literal(name)),
        )


def _trainings_form(staff: pd.DataFrame) -> None:
    """Tick the trainings a person has done; dates already recorded are kept."""
    names = dict(zip(staff["id"], staff["name"], strict=True))
    chosen = st.selectbox(
        _("Person"), list(names), format_func=names.__getitem__, key="action.staff_pick"
    )
    person = staff.set_index("id").loc[chosen]
    done_before: dict = person["trainings"]
    key = f"action.staff_edit.{chosen}.{person['version']}"
    with st.container(border=True):  # held boxes, not st.form: see ui.i18n.HELD
        done = st.multiselect(
            _("Trainings done"),
            list(TRAININGS),
            default=list(done_before),
            format_func=lambda t: _(TRAININGS[t]),
            key=follows_language(f"{key}.trainings"),
            placeholder=_("Choose options"),
            on_change=HELD,
        )
        if st.button(_("Save trainings"), key=f"{key}.submit"):
            fieldwork_common.write(
                lambda s, user: set_trainings(
                    s,
                    chosen,
                    {t: done_before.get(t) for t in done},
                    expected_version=int(person["version"]),
                    user=user,
                ),
                flash_key=STAFF_FLASH,
                success=_("Saved the trainings of {name}.").format(
                    name=text.literal(names[chosen])
                ),
            )

"""The engagement log's panels: add an entry, the shared log, the continuum, partnerships."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from geo.db.engagement import (
    FIELD_LABELS,
    add_engagement,
    get_engagement,
    list_engagement,
    update_engagement,
)
from geo.fieldwork.engagement import (
    TEAMS,
    build_log_table,
    compute_continuum_trend,
    find_partnership_opportunities,
)
from geo.i18n import N_, format_date
from geo.vocab import ENTRY_TECHNIQUES, SERVICE_CATEGORIES
from ui import fieldwork_common, resources
from ui.engagement_form import branch_names, entry_form
from ui.i18n import _, current, follows_language, joined, n_

FLASH = "engagement.flash"
EDIT_FLASH = "engagement.edit_flash"  # shown in the 'Edit an entry' tab, where it was saved
PARTNER_COLUMNS = {
    "contact_on": N_("Date"),
    "organization": N_("Organization"),
    "matching_services": N_("Matching services"),
    "branch": N_("Branch"),
    "staff": N_("Staff"),
    "continuum": N_("Involvement"),
    "follow_up_on": N_("Follow up on"),
}


def log_frame() -> pd.DataFrame:
    """The shared log with branch names."""
    entries = fieldwork_common.read(list_engagement)
    entries["branch"] = entries["branch_id"].map(branch_names())
    return entries


def _plain(value: object) -> str:
    return value if isinstance(value, str) else ""  # None and NaN read as empty


def add_panel() -> None:
    """Form for one contact."""
    fieldwork_common.flash(FLASH)
    submitted = entry_form("engagement.add", "engagement", {}, _("Add to the log"))
    if submitted:
        fields, organization_ids, communities = submitted
        fieldwork_common.write(
            lambda s, user: add_engagement(
                s, fields, user=user, organization_ids=organization_ids, communities=communities
            ),
            flash_key=FLASH,
            success=_("Added to the shared log."),
            field_labels=FIELD_LABELS,
        )


def _entry_label(row) -> str:
    """'Nov 2, 2026 · Central · Amira · first words': the date in the reader's language."""
    day = format_date(row.contact_on, current()) if row.contact_on else "—"
    branch = _plain(row.branch) or _("system-wide")
    return f"{day} · {branch} · {_plain(row.staff) or '—'} · {_plain(row.summary)[:40]}"


def edit_panel(entries: pd.DataFrame) -> None:
    """Correct or complete an entry; a save on top of someone else's is refused."""
    fieldwork_common.flash(EDIT_FLASH)
    if entries.empty:
        st.info(_("No entries yet."))
        return
    labels = {r.id: _entry_label(r) for r in entries.itertuples()}
    chosen = st.selectbox(  # its labels hold a date and words in the reader's language
        _("Entry"),
        list(labels),
        format_func=labels.__getitem__,
        key=follows_language("engagement.pick"),
    )
    entry = fieldwork_common.read(lambda s: get_engagement(s, chosen))
    key = f"engagement.edit.{chosen}.{entry['version']}"
    submitted = entry_form(key, key, entry, _("Save changes"))
    if submitted:
        fields, organization_ids, communities = submitted
        fieldwork_common.write(
            lambda s, user: update_engagement(
                s,
                chosen,
                fields,
                expected_version=int(entry["version"]),
                user=user,
                organization_ids=organization_ids,
                communities=communities,
            ),
            flash_key=EDIT_FLASH,
            success=_("Saved the entry."),
            field_labels=FIELD_LABELS,
        )


def log_panel(entries: pd.DataFrame) -> None:
    """The log, visible to every branch, with simple filters."""
    c1, c2, c3 = st.columns(3)
    every = "*"  # the 'All' choice; never a branch name, team or technique
    branch = c1.selectbox(
        _("Branch"),
        [every, *sorted(entries["branch"].dropna().unique())],
        format_func=lambda b: _("All") if b == every else b,
        key=follows_language("engagement.filter_branch"),
    )
    team = c2.selectbox(
        _("Team"),
        [every, *TEAMS],
        format_func=lambda t: _("All") if t == every else _(t),
        key=follows_language("engagement.filter_team"),
    )
    technique = c3.selectbox(
        _("Technique"),
        [every, *ENTRY_TECHNIQUES],
        format_func=lambda t: _("All") if t == every else _(ENTRY_TECHNIQUES[t]),
        key=follows_language("engagement.filter_technique"),
    )
    shown = entries
    for column, chosen in (("branch", branch), ("team", team), ("technique", technique)):
        if chosen != every:
            shown = shown[shown[column] == chosen]
    st.caption(
        n_("{shown} of {total} entry.", "{shown} of {total} entries.", len(entries)).format(
            shown=len(shown), total=len(entries)
        )
    )
    techniques = {key: _(label) for key, label in ENTRY_TECHNIQUES.items()}
    st.dataframe(
        build_log_table(shown.assign(team=shown["team"].map(_team)), techniques, translate=_),
        hide_index=True,
        width="stretch",
        column_config={
            _("Date"): st.column_config.DateColumn(format="YYYY-MM-DD"),
            _("Follow up on"): st.column_config.DateColumn(format="YYYY-MM-DD"),
        },
    )


def continuum_panel(entries: pd.DataFrame) -> None:
    """Average continuum level per branch and quarter."""
    trend = compute_continuum_trend(entries, translate=_)
    if trend.empty:
        st.info(_("The chart appears once the log has entries."))
        return
    branch, quarter = _("Branch"), _("Quarter")
    chart = (
        alt.Chart(trend)
        .mark_line(point=True)
        .encode(
            x=alt.X("quarter:O", title=quarter, sort="ascending"),  # "2026 Q4" sorts
            y=alt.Y(
                "level:Q",
                title=_("Involvement (1 outreach … 5 community-led)"),
                scale=alt.Scale(domain=[1, 5]),
            ),
            color=alt.Color("branch:N", title=branch),
            tooltip=[
                alt.Tooltip("branch", title=branch),
                alt.Tooltip("quarter", title=quarter),
                alt.Tooltip("level", title=_("Average level"), format=".1f"),
                alt.Tooltip("contacts", title=_("Contacts")),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def partnership_panel(entries: pd.DataFrame) -> None:
    """Recent contacts with organizations whose services match a team's focus."""
    team = st.selectbox(
        _("Team"), list(TEAMS), format_func=_, key=follows_language("engagement.partner_team")
    )
    days = st.slider(_("Contacts in the last (days)"), 30, 730, 180, 30, key="engagement.days")
    found = find_partnership_opportunities(
        entries, resources.organizations(), team, today=date.today(), days=days
    )
    focus = joined(_(SERVICE_CATEGORIES.get(c, c)) for c in TEAMS[team])
    st.caption(
        n_(
            "Focus of {team}: {focus}. {count} recent contact.",
            "Focus of {team}: {focus}. {count} recent contacts.",
            len(found),
        ).format(team=_(team), focus=focus, count=len(found))
    )
    found["matching_services"] = found["matching_services"].map(_service_labels)
    found["continuum"] = found["continuum"].map(lambda c: _(c) if isinstance(c, str) else c)
    st.dataframe(
        found.drop(columns="entry_id")
        .rename(columns={k: _(v) for k, v in PARTNER_COLUMNS.items()})
        .fillna(""),
        hide_index=True,
        width="stretch",
    )


def _team(team: object) -> object:
    """A team's name in the reader's language (teams are a fixed list, marked in geo)."""
    return _(team) if isinstance(team, str) and team in TEAMS else team


def _service_labels(keys: str) -> str:
    """'english, legal' -> the categories' labels in the reader's language."""
    return joined(_(SERVICE_CATEGORIES.get(k, k)) for k in keys.split(", ") if k)

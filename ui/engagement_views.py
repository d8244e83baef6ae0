"""The engagement log's panels: add an entry, the shared log, the continuum, partnerships."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from geo.db.engagement import (
    add_engagement,
    get_engagement,
    list_engagement,
    update_engagement,
)
from geo.fieldwork.engagement import (
    CONTINUUM,
    HEARD_FIELDS,
    TEAMS,
    build_log_table,
    compute_continuum_trend,
    find_partnership_opportunities,
)
from geo.vocab import ENTRY_TECHNIQUES
from ui import fieldwork_common, resources

FLASH = "engagement.flash"
EDIT_FLASH = "engagement.edit_flash"  # shown in the 'Edit an entry' tab, where it was saved
PARTNER_COLUMNS = {
    "contact_on": "Date",
    "organization": "Organization",
    "matching_services": "Matching services",
    "branch": "Branch",
    "staff": "Staff",
    "continuum": "Involvement",
    "follow_up_on": "Follow up on",
}


def _branch_names() -> dict[str, str]:
    branches = resources.branches()
    return dict(zip(branches["branch_id"], branches["name"], strict=True))


def log_frame() -> pd.DataFrame:
    """The shared log with branch names."""
    entries = fieldwork_common.read(list_engagement)
    entries["branch"] = entries["branch_id"].map(_branch_names())
    return entries


def _entry_form(form_key: str, prefix: str, entry: dict, submit: str):
    """The fields of one entry, filled from ``entry``; (fields, orgs, communities) on submit."""
    organizations = resources.organizations()
    org_names = dict(zip(organizations["organization_id"], organizations["name"], strict=True))
    branches = _branch_names()
    with st.form(form_key, clear_on_submit=False):
        c1, c2, c3 = st.columns(3)
        fields = {
            "contact_on": c1.date_input(
                "Date of the contact", entry.get("contact_on") or date.today(), key=f"{prefix}.date"
            ),
            "staff": c2.text_input(
                "Staff who took part", entry.get("staff") or "", key=f"{prefix}.staff"
            ),
            "branch_id": c3.selectbox(
                "Branch",
                [None, *branches],
                index=[None, *branches].index(entry.get("branch_id"))
                if entry.get("branch_id") in branches
                else 0,
                key=f"{prefix}.branch",
                format_func=lambda b: "— (system-wide team)" if b is None else branches[b],
            ),
            "team": c1.selectbox(
                "Team",
                ["", *TEAMS],
                index=_index(["", *TEAMS], entry.get("team")),
                key=f"{prefix}.team",
            ),
            "technique": c2.selectbox(
                "Technique",
                list(ENTRY_TECHNIQUES),
                index=_index(list(ENTRY_TECHNIQUES), entry.get("technique")),
                key=f"{prefix}.technique",
                format_func=ENTRY_TECHNIQUES.__getitem__,
            ),
            "continuum": c3.select_slider(
                "Where on the involvement continuum",
                list(CONTINUUM),
                value=entry.get("continuum") or next(iter(CONTINUUM)),
                format_func=CONTINUUM.__getitem__,
                key=f"{prefix}.continuum",
            ),
        }
        organization_ids = st.multiselect(
            "Organizations involved",
            list(org_names),
            default=[o for o in entry.get("organization_ids", []) if o in org_names],
            format_func=org_names.__getitem__,
            key=f"{prefix}.orgs",
        )
        communities = st.text_input(
            "Communities involved (';'-separated)",
            "; ".join(entry.get("communities", [])),
            key=f"{prefix}.communities",
        )
        fields["summary"] = st.text_area(
            "What happened", entry.get("summary") or "", key=f"{prefix}.summary"
        )
        for field, label in HEARD_FIELDS.items():
            fields[field] = st.text_area(label, entry.get(field) or "", key=f"{prefix}.{field}")
        fields["follow_up_on"] = st.date_input(
            "Follow up on", entry.get("follow_up_on"), key=f"{prefix}.follow_up"
        )
        if st.form_submit_button(submit):
            return fields, organization_ids, [c for c in communities.split(";") if c.strip()]
    return None


def _plain(value: object) -> str:
    return value if isinstance(value, str) else ""  # None and NaN read as empty


def _index(options: list, value: object) -> int:
    return options.index(value) if value in options else 0


def add_panel() -> None:
    """Form for one contact."""
    fieldwork_common.flash(FLASH)
    submitted = _entry_form("engagement.add", "engagement", {}, "Add to the log")
    if submitted:
        fields, organization_ids, communities = submitted
        fieldwork_common.write(
            lambda s, user: add_engagement(
                s, fields, user=user, organization_ids=organization_ids, communities=communities
            ),
            flash_key=FLASH,
            success="Added to the shared log.",
        )


def edit_panel(entries: pd.DataFrame) -> None:
    """Correct or complete an entry; a save on top of someone else's is refused."""
    fieldwork_common.flash(EDIT_FLASH)
    if entries.empty:
        st.info("No entries yet.")
        return
    labels = {
        r.id: f"{r.contact_on} · {_plain(r.branch) or 'system-wide'} · {_plain(r.staff) or '—'}"
        f" · {_plain(r.summary)[:40]}"
        for r in entries.itertuples()
    }
    chosen = st.selectbox(
        "Entry", list(labels), format_func=labels.__getitem__, key="engagement.pick"
    )
    entry = fieldwork_common.read(lambda s: get_engagement(s, chosen))
    key = f"engagement.edit.{chosen}.{entry['version']}"
    submitted = _entry_form(key, key, entry, "Save changes")
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
            success="Saved the entry.",
        )


def log_panel(entries: pd.DataFrame) -> None:
    """The log, visible to every branch, with simple filters."""
    c1, c2, c3 = st.columns(3)
    branch = c1.selectbox(
        "Branch",
        ["All", *sorted(entries["branch"].dropna().unique())],
        key="engagement.filter_branch",
    )
    team = c2.selectbox("Team", ["All", *TEAMS], key="engagement.filter_team")
    technique = c3.selectbox(
        "Technique",
        ["All", *ENTRY_TECHNIQUES],
        format_func=lambda t: ENTRY_TECHNIQUES.get(t, t),
        key="engagement.filter_technique",
    )
    shown = entries
    if branch != "All":
        shown = shown[shown["branch"] == branch]
    if team != "All":
        shown = shown[shown["team"] == team]
    if technique != "All":
        shown = shown[shown["technique"] == technique]
    st.caption(f"{len(shown)} of {len(entries)} entries.")
    st.dataframe(
        build_log_table(shown, ENTRY_TECHNIQUES),
        hide_index=True,
        width="stretch",
        column_config={
            "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "Follow up on": st.column_config.DateColumn(format="YYYY-MM-DD"),
        },
    )


def continuum_panel(entries: pd.DataFrame) -> None:
    """Average continuum level per branch and quarter."""
    trend = compute_continuum_trend(entries)
    if trend.empty:
        st.info("The chart appears once the log has entries.")
        return
    chart = (
        alt.Chart(trend)
        .mark_line(point=True)
        .encode(
            x=alt.X("quarter:O", title="Quarter", sort="ascending"),  # "2026 Q4" sorts
            y=alt.Y(
                "level:Q",
                title="Involvement (1 outreach … 5 community-led)",
                scale=alt.Scale(domain=[1, 5]),
            ),
            color=alt.Color("branch:N", title="Branch"),
            tooltip=[
                alt.Tooltip("branch", title="Branch"),
                alt.Tooltip("quarter", title="Quarter"),
                alt.Tooltip("level", title="Average level", format=".1f"),
                alt.Tooltip("contacts", title="Contacts"),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def partnership_panel(entries: pd.DataFrame) -> None:
    """Recent contacts with organizations whose services match a team's focus."""
    team = st.selectbox("Team", list(TEAMS), key="engagement.partner_team")
    days = st.slider("Contacts in the last (days)", 30, 730, 180, 30, key="engagement.days")
    found = find_partnership_opportunities(
        entries, resources.organizations(), team, today=date.today(), days=days
    )
    st.caption(f"Focus of {team}: {', '.join(TEAMS[team])}. {len(found)} recent contact(s).")
    st.dataframe(
        found.drop(columns="entry_id").rename(columns=PARTNER_COLUMNS).fillna(""),
        hide_index=True,
        width="stretch",
    )

"""The engagement log's entry form (add and edit), whose boxes survive a language switch.

Not an ``st.form``: a form's unsent choices live in the browser alone, where a switch of
the interface language cannot reword them (they kept the old language's words, and a
choice no option matched any more fell back to the first). Held boxes (no rerun while
filling in) reach the server with the next run, the switch's included, and
``follows_language`` then shows them in the new words; typed text is kept as typed.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.fieldwork.engagement import CONTINUUM, HEARD_FIELDS, TEAMS
from geo.vocab import ENTRY_TECHNIQUES
from ui import fieldwork_common, resources
from ui.i18n import HELD, _, follows_language

SYSTEM_WIDE = ""  # the branch choice of a system-wide team (saved as no branch)


def branch_names() -> dict[str, str]:
    """Branch id -> name."""
    branches = resources.branches()
    return dict(zip(branches["branch_id"], branches["name"], strict=True))


def _contact_fields(prefix: str, entry: dict) -> dict:
    """Date, staff, branch, team, technique and continuum, in three columns."""
    branches = branch_names()
    c1, c2, c3 = st.columns(3)
    fields = {
        "contact_on": fieldwork_common.date_box(
            c1,
            _("Date of the contact"),
            entry.get("contact_on") or date.today(),
            follows_language(f"{prefix}.date"),
            on_change=HELD,
        ),
        "staff": c2.text_input(
            _("Staff who took part"),
            entry.get("staff") or "",
            key=f"{prefix}.staff",
            on_change=HELD,
        ),
        "branch_id": c3.selectbox(
            _("Branch"),
            [SYSTEM_WIDE, *branches],
            index=_index([SYSTEM_WIDE, *branches], entry.get("branch_id")),
            key=follows_language(f"{prefix}.branch"),
            format_func=lambda b: _("— (system-wide team)") if b == SYSTEM_WIDE else branches[b],
            on_change=HELD,
        )
        or None,
    }
    return fields | _how(prefix, entry, (c1, c2, c3))


def _how(prefix: str, entry: dict, columns: tuple) -> dict:
    """Team, technique and where on the continuum."""
    c1, c2, c3 = columns
    return {
        "team": c1.selectbox(
            _("Team"),
            ["", *TEAMS],
            index=_index(["", *TEAMS], entry.get("team")),
            key=follows_language(f"{prefix}.team"),
            format_func=fieldwork_common.team_name,
            on_change=HELD,
        ),
        "technique": c2.selectbox(
            _("Technique"),
            list(ENTRY_TECHNIQUES),
            index=_index(list(ENTRY_TECHNIQUES), entry.get("technique")),
            key=follows_language(f"{prefix}.technique"),
            format_func=lambda t: _(ENTRY_TECHNIQUES[t]),
            on_change=HELD,
        ),
        "continuum": c3.select_slider(
            _("Where on the involvement continuum"),
            list(CONTINUUM),
            value=entry.get("continuum") or next(iter(CONTINUUM)),
            format_func=lambda c: _(CONTINUUM[c]),
            key=follows_language(f"{prefix}.continuum"),
            on_change=HELD,
        ),
    }


def entry_form(form_key: str, prefix: str, entry: dict, submit: str):
    """The fields of one entry, filled from ``entry``; (fields, orgs, communities) on submit."""
    organizations = resources.organizations()
    org_names = dict(zip(organizations["organization_id"], organizations["name"], strict=True))
    with st.container(border=True):
        fields = _contact_fields(prefix, entry)
        organization_ids = st.multiselect(
            _("Organizations involved"),
            list(org_names),
            default=[o for o in entry.get("organization_ids", []) if o in org_names],
            format_func=org_names.__getitem__,
            key=f"{prefix}.orgs",
            placeholder=_("Choose options"),
            on_change=HELD,
        )
        communities = st.text_input(
            _("Communities involved (';'-separated)"),
            "; ".join(entry.get("communities", [])),
            key=f"{prefix}.communities",
            on_change=HELD,
        )
        fields["summary"] = st.text_area(
            _("What happened"), entry.get("summary") or "", key=f"{prefix}.summary", on_change=HELD
        )
        for field, label in HEARD_FIELDS.items():
            fields[field] = st.text_area(
                _(label), entry.get(field) or "", key=f"{prefix}.{field}", on_change=HELD
            )
        fields["follow_up_on"] = fieldwork_common.date_box(
            st,
            _("Follow up on"),
            entry.get("follow_up_on"),
            follows_language(f"{prefix}.follow_up"),
            on_change=HELD,
        )
        if st.button(submit, key=f"{form_key}.submit"):
            return fields, organization_ids, [c for c in communities.split(";") if c.strip()]
    return None


def _index(options: list, value: object) -> int:
    return options.index(value) if value in options else 0

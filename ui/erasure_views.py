"""Erasure on request (GDPR) and the retention review of contact persons, for admins."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo.db.erasure import contacts_due_for_review, erase_person
from geo.errors import GeoError
from ui import auth, errors, resources, text
from ui.i18n import _, joined, n_


def retention_review() -> None:
    """Contact persons kept longer than the retention period, to confirm or erase."""
    months = resources.settings().contact_retention_months
    with Session(resources.engine()) as session:
        due = contacts_due_for_review(session, months=months)
    st.caption(
        n_(
            "Contact persons whose details have not changed for {months} month "
            "({setting}): confirm them with the organization, or erase them.",
            "Contact persons whose details have not changed for {months} months "
            "({setting}): confirm them with the organization, or erase them.",
            months,
        ).format(months=months, setting="WELCOME_ATLAS_CONTACT_RETENTION_MONTHS")
    )
    if not due:
        st.info(_("No contact details are older than the retention period."))
        return
    headings = {
        "id": _("Id"),
        "organization": _("Organization"),
        "contact": _("Contact"),
        "last_changed": _("Last changed"),
    }
    table = pd.DataFrame(due)
    st.dataframe(table.rename(columns=headings), hide_index=True, width="stretch")


def erasure_panel() -> None:
    """Erase one person's data everywhere; the history keeps only that it happened."""
    st.caption(
        _(
            "Removes the person as a contact of every organization and blanks their name, "
            "phone and e-mail in the engagement log, walk findings and the change history. "
            "The history keeps that an erasure happened, by whom and when. Backups made "
            "before still hold the person: replace or delete them too."
        )
    )
    name = st.text_input(_("Full name of the person"), key="users.erase.name")
    sure = st.checkbox(_("Erase this person's data; this cannot be undone"), key="users.erase.sure")
    if not st.button(_("Erase"), key="users.erase.go", disabled=not (name.strip() and sure)):
        return
    try:
        user = auth.require("manage_users")
        with Session(resources.engine()) as session, session.begin():
            report = erase_person(session, name, user=user)
    except GeoError as err:
        errors.show_error(err)
        return
    st.success(_("Erased: {counts}.").format(counts=text.literal(_erased(report.as_counts()))))


def _erased(counts: dict[str, int]) -> str:
    """'2 contacts, 1 organization, ...' in the reader's language."""
    c = counts
    parts = [
        n_("{count} contact", "{count} contacts", c["contacts"]),
        n_("{count} organization", "{count} organizations", c["organizations"]),
        n_("{count} engagement entry", "{count} engagement entries", c["engagement_entries"]),
        n_("{count} walk", "{count} walks", c["walks"]),
        n_("{count} history entry", "{count} history entries", c["history_entries"]),
    ]
    keys = ["contacts", "organizations", "engagement_entries", "walks", "history_entries"]
    return joined(part.format(count=c[key]) for part, key in zip(parts, keys, strict=True))

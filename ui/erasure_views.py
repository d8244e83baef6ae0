"""Erasure on request (GDPR) and the retention review of contact persons, for admins."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo.db.erasure import contacts_due_for_review, erase_person
from geo.errors import GeoError
from ui import auth, errors, resources, text


def retention_review() -> None:
    """Contact persons kept longer than the retention period, to confirm or erase."""
    months = resources.settings().contact_retention_months
    with Session(resources.engine()) as session:
        due = contacts_due_for_review(session, months=months)
    st.caption(
        f"Contact persons whose details have not changed for {months} months "
        "(WELCOME_ATLAS_CONTACT_RETENTION_MONTHS): confirm them with the organization, "
        "or erase them."
    )
    if not due:
        st.info("No contact details are older than the retention period.")
        return
    st.dataframe(pd.DataFrame(due), hide_index=True, width="stretch")


def erasure_panel() -> None:
    """Erase one person's data everywhere; the history keeps only that it happened."""
    st.caption(
        "Removes the person as a contact of every organization and blanks their name, phone "
        "and e-mail in the engagement log, walk findings and the change history. The history "
        "keeps that an erasure happened, by whom and when. Backups made before still hold "
        "the person: replace or delete them too."
    )
    name = st.text_input("Full name of the person", key="users.erase.name")
    sure = st.checkbox("Erase this person's data; this cannot be undone", key="users.erase.sure")
    if not st.button("Erase", key="users.erase.go", disabled=not (name.strip() and sure)):
        return
    try:
        user = auth.require("manage_users")
        with Session(resources.engine()) as session, session.begin():
            report = erase_person(session, name, user=user)
    except GeoError as err:
        errors.show_error(err)
        return
    counts = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in report.as_counts().items())
    st.success(text.literal(f"Erased: {counts}."))

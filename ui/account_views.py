"""The "Users and roles" page's panels: accounts, create, change, sign-in log (admins)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo import accounts as domain
from geo.errors import GeoError
from ui import auth, errors, resources, text


def _admin_write(action, success: str) -> None:
    """Check the admin role on the server, then write as the signed-in admin."""
    try:
        by = auth.require("manage_users")
        with Session(resources.engine()) as session, session.begin():
            action(session, by)
    except GeoError as err:
        errors.show_error(err)
        return
    st.success(text.literal(success))


def accounts_table() -> list[domain.Account]:
    """Every account (never its password hash)."""
    with Session(resources.engine()) as session:
        accounts = domain.list_accounts(session)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "user name": a.username,
                    "name": a.display_name,
                    "role": a.role,
                    "e-mail": a.email or "",
                    "branch": a.branch or "",
                    "team": a.team or "",
                    "active": a.active,
                }
                for a in accounts
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    return accounts


def create_panel() -> None:
    """Create an account with a typed or generated initial password."""
    with st.form("users.create", clear_on_submit=True):
        c1, c2 = st.columns(2)
        username = c1.text_input("User name (for signing in)", key="users.new.username")
        name = c2.text_input("Name shown and recorded with changes", key="users.new.name")
        role = c1.selectbox(
            "Role", domain.ROLES, key="users.new.role", format_func=domain.ROLE_LABELS.__getitem__
        )
        email = c2.text_input("E-mail (for organization sign-in, optional)", key="users.new.email")
        branch = c1.text_input("Branch", key="users.new.branch")
        team = c2.text_input("Team", key="users.new.team")
        typed = st.text_input(
            "Initial password (leave empty to generate one)",
            type="password",
            key="users.new.password",
        )
        submitted = st.form_submit_button("Create account")
    if not submitted:
        return
    st.session_state.pop("users.new.password", None)  # keep no plaintext in the session
    password = typed or domain.generate_password()
    _admin_write(
        lambda s, by: domain.create_account(
            s,
            username,
            role=role,
            by=by,
            password=password,
            display_name=name,
            email=email or None,
            branch=branch,
            team=team,
        ),
        f"Created {domain.normalize_username(username)} ({role}).",
    )
    if not typed:
        st.info(
            "Initial password, shown once; give it to them in person and ask them to change it:"
        )
        st.code(password, language=None)


def change_panel(accounts: list[domain.Account]) -> None:
    """Change one account's role, deactivate or reactivate it, or reset its password."""
    if not accounts:
        return
    names = [a.username for a in accounts]
    chosen = st.selectbox("Account", names, key="users.pick")
    account = next(a for a in accounts if a.username == chosen)
    c1, c2, c3 = st.columns(3)
    new_role = c1.selectbox(
        "Role",
        domain.ROLES,
        index=domain.ROLES.index(account.role),
        key="users.role",
        format_func=domain.ROLE_LABELS.__getitem__,
    )
    if c1.button("Change role", key="users.set_role"):
        _admin_write(
            lambda s, by: domain.set_role(s, chosen, new_role, by=by),
            f"{chosen} is now {new_role}.",
        )
    label = "Deactivate" if account.active else "Reactivate"
    if c2.button(label, key="users.toggle"):
        _admin_write(
            lambda s, by: domain.set_active(s, chosen, not account.active, by=by),
            f"{chosen}: {label.lower()}d.",
        )
    if c3.button("Reset password", key="users.reset"):
        password = domain.generate_password()
        _admin_write(
            lambda s, by: domain.set_password(s, chosen, password, by=by),
            f"New password for {chosen}.",
        )
        st.code(password, language=None)


def sign_in_log() -> None:
    """The newest sign-ins and refusals (passwords are never recorded)."""
    with Session(resources.engine()) as session:
        rows = domain.list_sign_ins(session)
    st.dataframe(
        pd.DataFrame(rows, columns=["when", "who", "outcome", "method"]),
        hide_index=True,
        width="stretch",
        height=300,
    )

"""The "Users and roles" page's panels: accounts, create, change, sign-in log (admins)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo import accounts as domain
from geo.errors import GeoError
from ui import auth, errors, resources, text
from ui.i18n import HELD, _, follows_language


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


def _role_label(role: str) -> str:
    return _(domain.ROLE_LABELS[role])


def accounts_table() -> list[domain.Account]:
    """Every account (never its password hash)."""
    with Session(resources.engine()) as session:
        accounts = domain.list_accounts(session)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("User name"): a.username,
                    _("Name"): a.display_name,
                    _("Role"): _(a.role),
                    _("E-mail"): a.email or "",
                    _("Branch"): a.branch or "",
                    _("Team"): a.team or "",
                    _("Active"): a.active,
                }
                for a in accounts
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    return accounts


def _create_form() -> dict | None:
    """The new account's fields; None until the form is submitted."""
    # The role box is held outside the form (sent with the form's submit): inside, its unsent
    # choice kept the old words after a language switch and fell back to the first role.
    role = st.selectbox(
        _("Role"),
        domain.ROLES,
        key=follows_language("users.new.role"),
        format_func=_role_label,
        on_change=HELD,
    )
    with st.form("users.create", clear_on_submit=True):
        c1, c2 = st.columns(2)
        fields = {
            "username": c1.text_input(_("User name (for signing in)"), key="users.new.username"),
            "name": c2.text_input(_("Name shown and recorded with changes"), key="users.new.name"),
            "role": role,
            "email": c1.text_input(
                _("E-mail (for organization sign-in, optional)"), key="users.new.email"
            ),
            "branch": c2.text_input(_("Branch"), key="users.new.branch"),
            "team": c1.text_input(_("Team"), key="users.new.team"),
            "typed": st.text_input(
                _("Initial password (leave empty to generate one)"),
                type="password",
                key="users.new.password",
            ),
        }
        submitted = st.form_submit_button(_("Create account"))
    return fields if submitted else None


def create_panel() -> None:
    """Create an account with a typed or generated initial password."""
    fields = _create_form()
    if fields is None:
        return
    username, name, role, email = (fields[k] for k in ("username", "name", "role", "email"))
    branch, team, typed = fields["branch"], fields["team"], fields["typed"]
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
        _("Created {user} ({role}).").format(
            user=domain.normalize_username(username), role=_(role)
        ),
    )
    if not typed:
        st.info(
            _("Initial password, shown once; give it to them in person and ask them to change it:")
        )
        st.code(password, language=None)


def change_panel(accounts: list[domain.Account]) -> None:
    """Change one account's role, deactivate or reactivate it, or reset its password."""
    if not accounts:
        return
    names = [a.username for a in accounts]
    chosen = st.selectbox(_("Account"), names, key="users.pick")
    account = next(a for a in accounts if a.username == chosen)
    c1, c2, c3 = st.columns(3)
    new_role = c1.selectbox(
        _("Role"),
        domain.ROLES,
        index=domain.ROLES.index(account.role),
        key=follows_language("users.role"),
        format_func=_role_label,
    )
    if c1.button(_("Change role"), key="users.set_role"):
        _admin_write(
            lambda s, by: domain.set_role(s, chosen, new_role, by=by),
            _("{user} is now {role}.").format(user=chosen, role=_(new_role)),
        )
    label = _("Deactivate") if account.active else _("Reactivate")
    done = _("{user}: deactivated.") if account.active else _("{user}: reactivated.")
    if c2.button(label, key="users.toggle"):
        _admin_write(
            lambda s, by: domain.set_active(s, chosen, not account.active, by=by),
            done.format(user=chosen),
        )
    if c3.button(_("Reset password"), key="users.reset"):
        password = domain.generate_password()
        _admin_write(
            lambda s, by: domain.set_password(s, chosen, password, by=by),
            _("New password for {user}.").format(user=chosen),
        )
        st.code(password, language=None)


def sign_in_log() -> None:
    """The newest sign-ins and refusals (passwords are never recorded)."""
    with Session(resources.engine()) as session:
        rows = domain.list_sign_ins(session)
    headings = {"when": _("When"), "who": _("Who"), "outcome": _("Outcome"), "method": _("Method")}
    st.dataframe(
        pd.DataFrame(rows, columns=list(headings)).rename(columns=headings),
        hide_index=True,
        width="stretch",
        height=300,
    )

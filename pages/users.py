"""Users and roles (admins): accounts, roles, deactivation, and the sign-in log."""

import streamlit as st

from ui import account_views, erasure_views, frame
from ui.i18n import _

frame.ensure_app_frame(required="manage_users")

st.title(_("Users and roles"))
st.caption(
    _(
        "Viewers read staff data; editors (branch staff) also edit, import and do field "
        "work; admins also manage accounts and backups. Signed-out visitors see the "
        "public view only."
    )
)
accounts_tab, create_tab, log_tab, erase_tab = st.tabs(
    [_("Accounts"), _("Create an account"), _("Sign-in log"), _("Erasure and retention")]
)
with create_tab:  # first, so the accounts list drawn next already has a new account
    account_views.create_panel()
with accounts_tab:
    accounts = account_views.accounts_table()
    account_views.change_panel(accounts)
with log_tab:
    account_views.sign_in_log()
with erase_tab:
    erasure_views.retention_review()
    erasure_views.erasure_panel()

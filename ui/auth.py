"""The signed-in state of one browser session, the sign-in panel, and server-side checks.

Local accounts sign in with a password (argon2, throttled; :mod:`geo.accounts`). When
``.streamlit/secrets.toml`` has an ``[auth]`` section, Streamlit's ``st.login`` (OpenID
Connect) is used instead and the identity's e-mail is looked up among the accounts:
unknown or deactivated e-mails stay signed out (public view) with a message.

Every write handler calls :func:`require` right before it writes; hiding a button is
only a convenience. :func:`refresh` runs first in every script run (app.py), so a role
change or a deactivation takes effect at the next click.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, datetime, timedelta

import streamlit as st
from sqlalchemy.orm import Session

from geo import accounts as domain
from geo.accounts import SignedIn
from geo.errors import AccountNotFound, GeoError, SignInFailed
from ui import errors, resources, text
from ui.i18n import _

SESSION_KEY = "auth.signed_in"
NOTICE_KEY = "auth.notice"
log = logging.getLogger("welcome_atlas.auth")


def _now() -> datetime:
    return datetime.now(UTC)


def oidc_configured() -> bool:
    """True when secrets.toml has an ``[auth]`` section (Streamlit's OIDC sign-in)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all: local accounts
        return False


def current() -> SignedIn | None:
    """Who is signed in to this browser session (None = public view)."""
    return st.session_state.get(SESSION_KEY)


def role() -> str | None:
    """The signed-in role, or None for an anonymous visitor."""
    signed_in = current()
    return signed_in.role if signed_in else None


def can(action: str) -> bool:
    """May this browser session do ``action`` (see :data:`geo.accounts.ACTIONS`)?"""
    return domain.can(role(), action)


def require(action: str) -> str:
    """Refuse unless the signed-in role may do ``action``; return the name to record.

    Raises
    ------
    PermissionDenied
        A GeoError with a plain message; handlers show it and write nothing.
    """
    domain.require(role(), action)
    signed_in = current()
    return signed_in.signature if signed_in else ""


def _sign_out(reason: str, notice: str | None = None) -> None:
    signed_in = st.session_state.pop(SESSION_KEY, None)
    if signed_in is not None:
        with Session(resources.engine()) as session, session.begin():
            domain.record_attempt(
                session, signed_in.username, reason, now=_now(), method=signed_in.method
            )
        log.info("sign-out of %s (%s)", signed_in.username, reason)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def _leave_for_provider_logout() -> None:
    """st.logout, then end this run at once (never st.rerun after it).

    st.logout only queues a redirect to /auth/logout (which clears the identity cookie,
    then opens the provider's end-session page). A rerun started before that message
    left the server clears the session's outgoing queue, and the redirect is not among
    the messages Streamlit keeps: under load the browser never left, the cookie stayed,
    and the next visit was signed in again. st.stop ends the run normally, so the
    queue, redirect included, is sent.
    """
    st.logout()
    st.stop()


def refresh() -> None:
    """Expire idle sessions and re-read the account (role, active) from the database."""
    if oidc_configured():
        _adopt_oidc_identity()
    signed_in = current()
    if signed_in is None:
        return
    now = _now()
    minutes = resources.settings().session_minutes
    if domain.is_expired(signed_in, now=now, idle=timedelta(minutes=minutes)):
        _sign_out(
            "expired",
            _(
                "You were signed out after {minutes} minutes without activity. "
                "Sign in again to continue."
            ).format(minutes=minutes),
        )
        if signed_in.method == "oidc":
            _leave_for_provider_logout()
        return
    try:
        with Session(resources.engine()) as session:
            account = domain.get_account(session, signed_in.username)
    except AccountNotFound:
        account = None
    if account is None or not account.active:
        _sign_out("inactive", _("Your account was deactivated; you are signed out."))
        return
    st.session_state[SESSION_KEY] = dataclasses.replace(
        signed_in,
        role=account.role,
        display_name=account.display_name,
        signature=account.signature,
        last_seen_at=now,
    )


def _adopt_oidc_identity() -> None:
    """After st.login, map the identity provider's e-mail to an account (once)."""
    if current() is not None or not st.user.is_logged_in:
        return
    email = str(st.user.get("email") or "")
    if st.session_state.get("auth.oidc_refused") == email:
        return
    with Session(resources.engine()) as session, session.begin():
        account = domain.find_account_by_email(session, email) if email else None
        outcome = "unknown_user" if account is None else "ok" if account.active else "inactive"
        domain.record_attempt(
            session, account.username if account else email, outcome, now=_now(), method="oidc"
        )
    if account is None or outcome != "ok":
        st.session_state["auth.oidc_refused"] = email
        st.session_state[NOTICE_KEY] = (
            _(
                "You signed in as {email}, but no active staff account has that e-mail. "
                "You see the public view; ask an admin to add you."
            ).format(email=text.literal(email))
            if email
            else _(
                "You signed in with an identity without e-mail, so no staff account matches "
                "it. You see the public view; ask an admin to add you."
            )
        )
        return
    st.session_state[SESSION_KEY] = domain.start_session(account, method="oidc", now=_now())


def sign_in(username: str, password: str) -> bool:
    """Check a password sign-in; on success keep it in this browser session."""
    with Session(resources.engine()) as session:
        try:
            account = domain.authenticate(session, username, password, now=_now())
        except SignInFailed as err:
            session.commit()  # the failed attempt is the throttle's memory
            errors.show_error(err)
            return False
        session.commit()
    st.session_state[SESSION_KEY] = domain.start_session(account, method="password", now=_now())
    log.info("sign-in of %s", account.username)
    return True


def account_panel() -> None:
    """Sidebar: who is signed in with a sign-out button, or the sign-in form."""
    sb = st.sidebar
    if notice := st.session_state.pop(NOTICE_KEY, None):
        sb.info(notice, icon=":material/lock:")
    signed_in = current()
    if signed_in is not None:
        # A display name is typed by an admin: shown literally, never as Markdown.
        sb.caption(
            _("Signed in as {name} ({role})").format(
                name=text.literal(signed_in.display_name), role=_(signed_in.role)
            )
        )
        if sb.button(_("Sign out"), key="auth.sign_out"):
            _sign_out("sign_out")
            if signed_in.method == "oidc":
                _leave_for_provider_logout()
            st.rerun()
        return
    with sb.expander(_("Staff sign-in"), icon=":material/login:"):
        _sign_in_form()


def _sign_in_form() -> None:
    """The public view's note and the sign-in (organization account or password)."""
    st.caption(
        _(
            "Public view: the map and profiles, without staff notes or contact "
            "persons. Staff sign in to see and edit the shared directory."
        )
    )
    if oidc_configured():
        if st.button(_("Sign in with your organization account"), key="auth.oidc"):
            st.login()
        return
    with st.form("auth.form", clear_on_submit=True, border=False):
        username = st.text_input(_("User name"), key="auth.username")
        password = st.text_input(_("Password"), type="password", key="auth.password")
        # A key of its own: the label changes with the language.
        submitted = st.form_submit_button(_("Sign in"), key="auth.submit")
    if submitted:
        # Forget the typed password at once (clear_on_submit only clears the browser).
        st.session_state.pop("auth.password", None)
        try:
            ok = sign_in(username, password)
        except GeoError as err:
            errors.show_error(err)
            ok = False
        del password
        if ok:
            st.rerun()

"""The sidebar sign-in as staff use it: wrong password, sign in, menu grows, sign out, expiry."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sqlalchemy.orm import Session

from geo.accounts import create_account, list_sign_ins
from geo.config import DEMO_DIR
from geo.db import open_database
from ui.auth import SESSION_KEY

SECRET = "river-lantern-cedar"


def _account(tmp_path, role="editor") -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'assets.db'}", seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        create_account(
            session, "amira", role=role, by="test", password=SECRET, display_name="Amira"
        )
    engine.dispose()


def _sign_in(at, password):
    at.text_input(key="auth.username").set_value("Amira")
    at.text_input(key="auth.password").set_value(password)
    return at.button(key="auth.submit").click().run()


def _log(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session:
        return list_sign_ins(session)


def test_wrong_password_is_refused_and_logged(app, tmp_path):
    _account(tmp_path)
    at = _sign_in(app(), "not the password")
    assert any("user name or password is wrong" in e.value for e in at.error)
    assert SESSION_KEY not in at.session_state
    assert "auth.password" not in at.session_state  # the server forgets what was typed
    assert _log(tmp_path)[0]["outcome"] == "wrong_password"


def test_sign_in_offers_staff_pages_and_sign_out_removes_them(app, tmp_path):
    _account(tmp_path)
    at = _sign_in(app(), SECRET)
    assert not at.exception and at.session_state[SESSION_KEY].role == "editor"
    assert any("Signed in as Amira (editor)" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/assets.py").run()
    assert [t.value for t in at.title] == ["Asset directory"]
    at.button(key="auth.sign_out").click().run()
    assert SESSION_KEY not in at.session_state
    assert [t.value for t in at.title] == ["Asset map"]
    assert [r["outcome"] for r in _log(tmp_path)][:2] == ["sign_out", "ok"]


def test_idle_session_expires(app, tmp_path, monkeypatch):
    _account(tmp_path)
    at = _sign_in(app(), SECRET)
    signed_in = at.session_state[SESSION_KEY]
    at.session_state[SESSION_KEY] = dataclasses.replace(
        signed_in, last_seen_at=signed_in.last_seen_at - timedelta(minutes=481)
    )
    at.run()
    assert SESSION_KEY not in at.session_state
    assert any("signed out after 480 minutes" in i.value for i in at.sidebar.info)


def test_a_demoted_account_loses_its_pages_at_the_next_click(app, tmp_path):
    from geo.accounts import set_role

    _account(tmp_path)
    at = _sign_in(app(), SECRET)
    engine = open_database(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as session, session.begin():
        set_role(session, "amira", "viewer", by="admin")
    at.run()
    assert at.session_state[SESSION_KEY].role == "viewer"


def _oidc_app(app, tmp_path, email):
    engine = open_database(f"sqlite:///{tmp_path / 'assets.db'}", seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        create_account(
            session,
            "ben",
            role="editor",
            by="test",
            email="ben@library.example",
            display_name="Ben",
        )
    engine.dispose()
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)  # `app` set up the env
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "id",
        "client_secret": "s",
        "server_metadata_url": "https://idp.example/.well-known",
    }
    at.user = {"is_logged_in": True, "email": email}
    return at.run()


def test_identity_provider_email_of_an_account_signs_in_with_its_role(app, tmp_path):
    at = _oidc_app(app, tmp_path, "ben@library.example")
    assert not at.exception
    signed_in = at.session_state[SESSION_KEY]
    assert (signed_in.username, signed_in.role, signed_in.method) == ("ben", "editor", "oidc")


def test_unknown_identity_provider_email_stays_in_the_public_view(app, tmp_path):
    at = _oidc_app(app, tmp_path, "stranger@elsewhere.example")
    assert not at.exception
    assert SESSION_KEY not in at.session_state or at.session_state[SESSION_KEY] is None
    shown = [m.value.replace("\\", "") for m in (*at.sidebar.warning, *at.sidebar.info)]
    assert any("stranger@elsewhere.example" in m for m in shown)  # Markdown escapes removed


def test_the_chosen_language_stays_after_signing_in(app, tmp_path):
    _account(tmp_path)
    at = app()
    at.sidebar.selectbox(key="ui.language").set_value("es").run()
    assert at.title[0].value == "Mapa de recursos"
    at = _sign_in(at, SECRET)
    assert at.session_state[SESSION_KEY].role == "editor"
    assert at.sidebar.selectbox(key="ui.language").value == "es"
    assert at.title[0].value == "Mapa de recursos"

"""Identity-provider sign-in (st.login, OpenID Connect) against a local mock provider.

The provider is ``oidc-provider-mock`` (PyPI), run on 127.0.0.1 in a thread: its
authorization form takes any subject, and a subject that is an e-mail address becomes the
identity's ``email`` claim. Nothing leaves this machine.
"""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

import tests.browser.conftest as harness
from geo.accounts import create_account
from geo.config import DEMO_DIR
from geo.db import open_database

pytestmark = pytest.mark.browser
oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
pytest.importorskip("authlib")


@pytest.fixture(scope="module")
def provider():
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def server(provider, chromium_browser, tmp_path_factory):
    """The app with an [auth] section pointing at the mock provider."""
    folder = tmp_path_factory.mktemp("oidc")
    engine = open_database(f"sqlite:///{folder / 'assets.db'}", seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        create_account(
            session, "amira", role="editor", by="test", display_name="Amira",
            email="amira@example.org",
        )  # fmt: skip
    engine.dispose()
    port = harness._free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-of-enough-length"\n'
        'client_id = "welcome-atlas"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {
        "DATABASE_URL": f"sqlite:///{folder / 'assets.db'}",
        "STREAMLIT_SECRETS_FILES": str(secrets),
    }
    with mock.patch.object(harness, "_free_port", return_value=port):
        running = harness._Server(harness.PROJECT_ROOT / "app.py", env, folder / "streamlit.log")
    yield running
    running.stop()


@pytest.fixture
def page(request, chromium_browser, provider):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    leaked: list[str] = []

    def route(route) -> None:
        if harness._is_local(route.request.url):
            route.continue_()
            return
        if not route.request.frame.url.startswith(provider):  # the mock's own CSS is no leak
            leaked.append(route.request.url)
        route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    yield page
    report = getattr(request.node, "_report_call", None)
    if report is not None and report.failed:
        harness.ARTIFACTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(harness.ARTIFACTS_DIR / f"{request.node.name}.png"))
    context.close()
    assert not leaked, leaked


def _sign_in_with_provider(page, url: str, subject: str) -> None:
    page.goto(url)
    page.get_by_text("Staff sign-in").click(timeout=120_000)
    page.get_by_role("button", name="Sign in with your organization account").click()
    page.locator("input[name=sub]").fill(subject)  # the mock provider's form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=60_000)


def test_staff_sign_in_with_the_identity_provider_survives_a_reload(page, server):
    _sign_in_with_provider(page, server.url, "amira@example.org")
    page.get_by_text("Signed in as Amira (editor)").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Walkabout planner").is_visible()
    page.reload()
    page.get_by_text("Signed in as Amira (editor)").wait_for(timeout=60_000)
    harness.settle(page)
    harness.ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(harness.ARTIFACTS_DIR / "oidc_signed_in_after_reload.png"))
    page.get_by_role("button", name="Sign out").click()
    # st.logout ends the session at the provider too (RP-initiated logout); the mock asks.
    page.get_by_role("button", name="End session").click(timeout=60_000)
    page.wait_for_url(f"{server.url}/**", timeout=60_000)
    page.goto(server.url)
    page.get_by_text("Staff sign-in").wait_for(timeout=60_000)
    harness.settle(page)
    expect(page.get_by_text(re.compile(r"^Signed in as "))).to_have_count(0)


def test_an_identity_without_a_staff_account_stays_in_the_public_view(page, server):
    _sign_in_with_provider(page, server.url, "stranger@example.org")
    page.get_by_text("no active staff account has that e-mail", exact=False).wait_for(
        timeout=60_000
    )
    # The notice says "You signed in as ..."; the sidebar's account line starts with it.
    expect(page.get_by_text(re.compile(r"^Signed in as "))).to_have_count(0)
    assert not page.get_by_role("link", name="Walkabout planner").count()
    assert Path(server.log_path).exists()

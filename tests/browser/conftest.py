"""Playwright harness: `streamlit run` in a subprocess, Debian chromium, no internet.

Fixtures
--------
streamlit_server
    Session-scoped factory ``start(script, env=None) -> base_url``. One server per
    (script, env) pair, reused across modules, stopped at the end of the session.
app_script, app_env
    Module-scoped inputs of ``streamlit_url``; override them in a test module
    (default: ``app.py`` at the project root, no extra environment variables).
streamlit_url
    Base URL of the server running ``app_script`` with ``app_env``.
offline_page
    A Playwright page whose context aborts every request that is not to
    127.0.0.1/localhost. ``blocked_requests``, ``local_errors`` and
    ``console_errors`` list what went wrong, so tests can assert they are empty.
map_frame
    ``map_frame(page)`` returns the Frame of streamlit-folium's iframe once it
    holds ``.leaflet-container`` (waits up to 60 s).

A script's ``static/`` folder must sit next to it (Streamlit serves
``<script dir>/static`` at ``/app/static``); ``tests/browser/apps/static`` is a
symlink to the project's ``static/``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APPS_DIR = Path(__file__).resolve().parent / "apps"
ARTIFACTS_DIR = PROJECT_ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("WELCOME_ATLAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Second line of defence behind the request routing below: names other than
    # localhost never resolve, so nothing unrouted (prefetch, websockets) leaves.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SERVER_START_TIMEOUT_S = 60.0
MAP_TIMEOUT_S = 60.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _skip_or_fail(reason: str) -> None:
    """Skip, or fail if WELCOME_ATLAS_REQUIRE_BROWSER=1 (CI must not skip quietly)."""
    if os.environ.get("WELCOME_ATLAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (WELCOME_ATLAS_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    """One `streamlit run` subprocess and its log file."""

    def __init__(self, script: Path, env: dict[str, str], log_path: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        command = [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        full_env = {**os.environ, **env}
        # Scratch apps under tests/browser/apps/ import geo/ from the project root.
        full_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(PROJECT_ROOT), full_env.get("PYTHONPATH", "")) if p
        )
        self._log = log_path.open("wb")
        started = time.monotonic()
        self.process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=full_env, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self._wait_healthy()
        self.start_seconds = time.monotonic() - started

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"streamlit exited early:\n{self.log_tail()}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail(
            f"streamlit not healthy after {SERVER_START_TIMEOUT_S:.0f} s:\n{self.log_tail()}",
            pytrace=False,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def streamlit_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., str]]:
    """Factory ``start(script, env=None) -> base_url`` for `streamlit run` servers."""
    servers: dict[tuple[Path, tuple[tuple[str, str], ...]], _Server] = {}
    log_dir = tmp_path_factory.mktemp("streamlit-logs")

    def start(script: str | Path, env: dict[str, str] | None = None) -> str:
        path = (PROJECT_ROOT / script).resolve()
        if not path.is_file():
            pytest.skip(f"{path.relative_to(PROJECT_ROOT)} does not exist yet")
        if not (path.parent / "static" / "vendor").is_dir():
            _skip_or_fail(
                f"no static/vendor/ next to {path.name}: run `npm ci` and "
                "`python -m geo vendor` in the project root"
            )
        key = (path, tuple(sorted((env or {}).items())))
        if key not in servers:
            log_path = log_dir / f"{path.stem}-{len(servers)}.log"
            servers[key] = _Server(path, dict(env or {}), log_path)
        return servers[key].url

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="module")
def app_script() -> Path:
    """The Streamlit script under test; override in a module for scratch apps."""
    return PROJECT_ROOT / "app.py"


@pytest.fixture(scope="module")
def app_env() -> dict[str, str]:
    """Extra environment variables for the app (e.g. a temporary database URL)."""
    return {}


@pytest.fixture(scope="module")
def streamlit_url(
    streamlit_server: Callable[..., str], app_script: Path, app_env: dict[str, str]
) -> str:
    return streamlit_server(app_script, app_env)


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (Playwright cannot download its own)."""
    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} not found: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed in this environment")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def blocked_requests() -> list[str]:
    """URLs the offline page tried to fetch from outside this machine."""
    return []


@pytest.fixture
def local_errors() -> list[str]:
    """``"<status> <url>"`` for local responses with status 400 or more."""
    return []


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors and uncaught exceptions from every frame of the page."""
    return []


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("http", "https", "ws", "wss") or (parts.hostname in LOCAL_HOSTS)


@pytest.fixture
def offline_page(
    request: pytest.FixtureRequest,
    chromium_browser,
    blocked_requests: list[str],
    local_errors: list[str],
    console_errors: list[str],
):
    """A page that reaches only 127.0.0.1/localhost; screenshot kept on failure."""
    context = chromium_browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block"
    )

    def route(route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            blocked_requests.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    page.on(
        "response",
        lambda r: local_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "console",
        lambda m: console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    yield page
    report = getattr(request.node, "_report_call", None)
    if report is not None and report.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = request.node.nodeid.replace("/", "_").replace("::", "__")
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
    context.close()


def find_map_frame(page, timeout_s: float = MAP_TIMEOUT_S):
    """Return the Frame (streamlit-folium's iframe) that holds ``.leaflet-container``.

    Raises AssertionError, naming the frames seen, if none appears in time.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        for frame in page.frames:
            try:
                if frame.query_selector(".leaflet-container") is not None:
                    return frame
            except Exception:  # noqa: BLE001 - frames detach while Streamlit reruns
                continue
        if time.monotonic() > deadline:
            urls = [frame.url for frame in page.frames]
            raise AssertionError(
                f"No .leaflet-container in any frame after {timeout_s:.0f} s; frames: {urls}"
            )
        page.wait_for_timeout(250)


@pytest.fixture
def map_frame() -> Callable[..., object]:
    """The helper ``map_frame(page, timeout_s=60) -> Frame`` (see find_map_frame)."""
    return find_map_frame


def settle(page) -> None:
    """Wait until Streamlit has finished rerunning (its status widget is gone)."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=30_000)


def sign_in(page, url: str, username: str, password: str) -> None:
    """Open the app and sign in from the sidebar; then move with the menu, not page.goto.

    A full page load starts a new Streamlit session, which is signed out again.
    """
    page.goto(url)
    page.get_by_text("Staff sign-in").click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as", exact=False).wait_for(timeout=30_000)
    settle(page)


def create_accounts(db_path: Path, accounts: dict[str, str], password: str) -> None:
    """Create (before the server starts) accounts ``{username: role}`` on a demo database."""
    from sqlalchemy.orm import Session

    from geo.accounts import create_account
    from geo.config import DEMO_DIR
    from geo.db import open_database

    engine = open_database(f"sqlite:///{db_path}", seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        for username, role in accounts.items():
            create_account(
                session,
                username,
                role=role,
                by="test",
                password=password,
                display_name=username.capitalize(),
            )
    engine.dispose()

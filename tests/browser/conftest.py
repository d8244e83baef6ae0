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
db_path, app_env
    A module that sets ``ACCOUNTS = {username: role}`` (password ``PASSWORD``, or
    the module's own ``PASSWORD``) runs its server on a fresh demo database with
    those accounts; ``FRESH_DATABASE = True`` asks for one without accounts.

Helpers: ``sign_in`` (with the mouse, or ``keyboard=True``), ``create_accounts``,
``new_offline_page`` (a browser context that reaches only this machine), and the
keyboard's ``focused``, ``tab_walk`` and ``tab_to``, which move with Tab and
Shift+Tab alone and fail, naming every stop, when a control is never reached.

A script's ``static/`` folder must sit next to it (Streamlit serves
``<script dir>/static`` at ``/app/static``); ``tests/browser/apps/static`` is a
symlink to the project's ``static/``.
"""

from __future__ import annotations

import os
import re
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
PASSWORD = "a long enough password 7"  # of the accounts a module's ACCOUNTS creates
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
def db_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh demo database with the module's ``ACCOUNTS`` (none if it has none)."""
    name = request.module.__name__.rsplit(".", 1)[-1]
    path = tmp_path_factory.mktemp(name) / "assets.db"
    password = getattr(request.module, "PASSWORD", PASSWORD)
    create_accounts(path, getattr(request.module, "ACCOUNTS", {}), password)
    return path


@pytest.fixture(scope="module")
def app_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """Extra environment variables for the app: a fresh database when the module asks."""
    if hasattr(request.module, "ACCOUNTS") or getattr(request.module, "FRESH_DATABASE", False):
        return database_env(request.getfixturevalue("db_path"))
    return {}


def database_env(db_path: Path) -> dict[str, str]:
    """The app's environment for the database at ``db_path``."""
    return {"DATABASE_URL": f"sqlite:///{db_path}"}


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


def new_offline_page(
    browser,
    *,
    blocked: list[str] | None = None,
    locale: str | None = None,
    width: int = 1280,
    height: int = 900,
):
    """A page of a new browser context that reaches only this machine (``page.context``).

    Every other request is aborted and its URL appended to ``blocked``.
    """
    options: dict = {"viewport": {"width": width, "height": height}, "service_workers": "block"}
    if locale:
        options["locale"] = locale
    context = browser.new_context(**options)

    def route(route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            if blocked is not None:
                blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    return context.new_page()


@pytest.fixture
def offline_page(
    request: pytest.FixtureRequest,
    chromium_browser,
    blocked_requests: list[str],
    local_errors: list[str],
    console_errors: list[str],
):
    """A page that reaches only 127.0.0.1/localhost; screenshot kept on failure."""
    page = new_offline_page(chromium_browser, blocked=blocked_requests)
    context = page.context
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


# Evaluated in the home map's frame with a site's name (or part of it): zooms until the site's
# pin is out of its cluster and returns its point on the page, or null when no site matches.
SHOW_SITE = """name => new Promise(resolve => {
    // The sites layer is built in the browser (static/atlas/home_map.js): find the pin.
    const hit = window.AtlasMap && window.AtlasMap.findSite(name);
    if (!hit) { resolve(null); return; }
    const where = () => {
        const map = window.AtlasMap.map;
        const point = map.latLngToContainerPoint(hit.getLatLng());
        const box = map.getContainer().getBoundingClientRect();
        resolve({x: box.left + point.x, y: box.top + point.y});
    };
    // Circle markers have no icon, so markercluster may never call back: fall back.
    window.AtlasMap.cluster.zoomToShowLayer(hit, () => setTimeout(where, 800));
    setTimeout(where, 4000);
})"""


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


def sign_in(
    page,
    url: str | None,
    username: str,
    password: str,
    *,
    words: Callable[[str], str] = str,
    keyboard: bool = False,
) -> None:
    """Open the app (unless ``url`` is None) and sign in from the sidebar.

    Then move with the menu, not page.goto: a full page load starts a new Streamlit
    session, which is signed out again. ``words`` translates the sidebar's English words
    (``geo.i18n.translator(code).gettext``); ``keyboard=True`` signs in with Tab, Enter
    and typing only, and fails if the form cannot be reached so.
    """
    if url is not None:
        page.goto(url)
    page.get_by_text(words("Staff sign-in")).wait_for(timeout=120_000)
    settle(page)
    if keyboard:
        page.locator('[data-testid="stSidebar"]').get_by_role("button").first.focus()
        tab_to(page, words("Staff sign-in"))
        page.keyboard.press("Enter")
        box = page.get_by_label(words("User name"))
        box.wait_for(timeout=30_000)
        page.wait_for_function("box => !box.disabled", arg=box.element_handle(), timeout=60_000)
        settle(page)  # a box is skipped by Tab while the page still runs (disabled)
        tab_to(page, words("User name"), back=focused(page) == "")
        page.keyboard.type(username)
        page.keyboard.press("Tab")
        page.keyboard.type(password)
        page.keyboard.press("Enter")  # submits the form
    else:
        page.get_by_text(words("Staff sign-in")).click()
        page.get_by_label(words("User name")).fill(username)
        page.get_by_label(words("Password"), exact=True).fill(password)
        page.get_by_role("button", name=words("Sign in")).click()
    signed_in = words("Signed in as {name} ({role})").split("{")[0].strip()
    if keyboard:
        page.get_by_text(signed_in, exact=False).first.wait_for(timeout=90_000)
    else:
        press_again_if_lost(
            page.get_by_role("button", name=words("Sign in")),
            page.get_by_text(signed_in, exact=False).first,
        )
    settle(page)


def press_again_if_lost(button, shows, *, first_wait: int = 30_000) -> None:
    """Wait until ``shows`` is visible after ``button`` was clicked; click again (twice at
    most) when the button is still there after ``first_wait`` ms (under CI's load, a click
    that lands while Streamlit reruns can be lost: the same page shows again, untouched)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # installed: a page exists

    for _ in range(2):
        try:
            shows.wait_for(timeout=first_wait)
            return
        except PlaywrightTimeout:
            if button.is_visible():
                button.click()
    shows.wait_for(timeout=60_000)


# --- the keyboard ------------------------------------------------------------------------

_FOCUSED = r"""() => {
    let doc = document, el = doc.activeElement, frames = "";
    while (el && el.tagName === "IFRAME") {
        let inner = null;
        try { inner = el.contentDocument; } catch (e) { inner = null; }
        if (!inner || !inner.activeElement || inner.activeElement === inner.body) break;
        frames += "frame > "; doc = inner; el = inner.activeElement;
    }
    if (!el || el === doc.body) return frames;
    const tag = el.tagName.toLowerCase(), type = (el.getAttribute("type") || "").toLowerCase();
    let role = el.getAttribute("role");
    if (!role) {
        if (tag === "summary" || tag === "button") role = "button";
        else if (tag === "a") role = "link";
        else if (tag === "iframe") role = "iframe";
        else if (tag === "textarea") role = "textbox";
        else if (tag === "select") role = "combobox";
        else if (tag === "input") role = ({checkbox: "checkbox", radio: "radio", range: "slider",
            file: "file", button: "button", submit: "button"})[type] || "textbox";
        else role = tag;
    }
    const byId = (el.getAttribute("aria-labelledby") || "").split(/\s+/)
        .map(id => id && doc.getElementById(id)).filter(Boolean).map(n => n.innerText).join(" ");
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    let text = "";  // the words shown, without icon ligatures ("login") or hidden parts
    if (/^(button|link|tab|option|menuitem|checkbox|radio|switch)$/.test(role)) {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('[data-testid="stIconMaterial"], [aria-hidden="true"]')
            .forEach(n => n.remove());
        text = copy.textContent;
    }
    let name = el.getAttribute("aria-label") || byId || label || text
        || el.getAttribute("title") || el.getAttribute("placeholder") || "";
    name = name.replace(/\s+/g, " ").trim();
    return frames + role + ": " + name;
}"""


def focused(page) -> str:
    """What has the keyboard's focus, as ``"role: name"`` (``"frame > "`` per iframe).

    The role is the element's ``role`` or its tag's (``button``, ``link``, ``textbox``,
    ``checkbox``...); the name its aria-label, label, text, title or placeholder.
    """
    return page.evaluate(_FOCUSED)


def _matches(where: str, target: str | re.Pattern[str] | Callable[[str], bool]) -> bool:
    if callable(target) and not isinstance(target, str | re.Pattern):
        return target(where)
    if isinstance(target, re.Pattern):
        return target.search(where) is not None
    return where == target or where.endswith(f": {target}")


def tab_walk(page, steps: int, *, back: bool = False) -> list[str]:
    """Press Tab (Shift+Tab if ``back``) ``steps`` times; where the focus went each time."""
    reached = []
    for _ in range(steps):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        reached.append(focused(page))
    return reached


def tab_to(
    page,
    target: str | re.Pattern[str] | Callable[[str], bool],
    *,
    back: bool = False,
    max_steps: int = 150,
) -> list[str]:
    """Press Tab (or Shift+Tab) until the focus is on ``target``; the stops on the way.

    ``target`` is a control's name (``"Sign in"``), ``"role: name"``, a regular
    expression searched in ``focused()``, or a predicate of it. Fails, listing every
    stop, if the keyboard never gets there: the action is not reachable by keyboard.
    """
    reached: list[str] = []
    if _matches(focused(page), target):
        return reached
    for _ in range(max_steps):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        where = focused(page)
        reached.append(where)
        if _matches(where, target):
            return reached
    raise AssertionError(f"{target!r} not reached by {'Shift+' if back else ''}Tab: {reached}")


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

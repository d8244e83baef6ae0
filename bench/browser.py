"""Chromium figures: first map, filter clicks, 20 sessions at once, two servers.

Debian's ``/usr/bin/chromium`` driven by Playwright (async, so 20 pages run together),
against ``streamlit run app.py`` started here. Bytes are what the page received: websocket
frames plus HTTP response bodies (``encodedBodySize``, i.e. as sent, compressed or not).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
TRACTS_DRAWN = """n => { const m = window.AtlasMap && window.AtlasMap.map; if (!m) return false;
    let k = 0; m.eachLayer(l => { if (l.feature && l._path) k += 1; }); return k >= n; }"""
RESOURCE_BYTES = """() => performance.getEntriesByType('resource')
    .reduce((n, e) => n + (e.encodedBodySize || 0), 0)"""


class Server:
    """``streamlit run app.py`` on a free port with extra environment variables."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("wb")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.perf_counter() - started > 120:
                    raise
                time.sleep(0.3)
        self.start_s = time.perf_counter() - started

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


class Meter:
    """Bytes a page received over its websockets."""

    def __init__(self, page) -> None:  # noqa: ANN001 - playwright Page
        self.ws = 0
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:  # noqa: ANN001
        ws.on("framereceived", lambda data: setattr(self, "ws", self.ws + len(data)))


async def map_frame(page, timeout_s: float = 180):  # noqa: ANN001, ANN201
    """The frame holding ``AtlasMap`` (streamlit-folium's iframe)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for frame in page.frames:
            try:
                if await frame.evaluate("() => !!(window.AtlasMap && window.AtlasMap.map)"):
                    return frame
            except Exception:  # noqa: BLE001, S112 - frames come and go while Streamlit reruns
                continue
        await asyncio.sleep(0.1)
    raise TimeoutError("no map frame")


async def open_area(browser, url: str, label: str, tracts: int) -> dict:  # noqa: ANN001
    """Open the app, choose the study area; seconds and bytes until its tracts are drawn."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    meter = Meter(page)
    await page.goto(url)
    await page.get_by_role("heading", name="Asset map").wait_for(timeout=180_000)
    await map_frame(page)
    started = time.perf_counter()
    if label:
        await page.get_by_role("combobox", name="Study area").click()
        await page.get_by_role("option", name=label).click()
    frame = None
    while frame is None:
        frame = await map_frame(page)
        try:
            await frame.wait_for_function(TRACTS_DRAWN, arg=tracts, timeout=180_000, polling=100)
        except Exception:  # noqa: BLE001 - the old frame went away: find the new one
            frame = None
    seconds = time.perf_counter() - started
    http = await page.evaluate(RESOURCE_BYTES) + await frame.evaluate(RESOURCE_BYTES)
    return {"page": page, "context": context, "frame": frame, "meter": meter,
            "seconds": seconds, "bytes": meter.ws + http}  # fmt: skip


async def _select(page, label: str, option: str) -> None:  # noqa: ANN001
    """Choose ``option`` in a selectbox or multiselect: type its name, press Enter."""
    await page.get_by_role("combobox", name=label).click()
    await page.keyboard.type(option)
    await page.keyboard.press("Enter")
    await page.keyboard.press("Escape")


ACTIONS = [
    (
        "indicator",
        lambda p: _select(p, "Tract indicator", "Not a U.S. citizen (share of population)"),
    ),
    ("class breaks", lambda p: _select(p, "Class breaks", "Natural breaks (Fisher-Jenks)")),
    ("language", lambda p: _select(p, "Languages served", "Spanish (es)")),
    ("service", lambda p: _select(p, "Service categories", "Immigration legal help")),
    ("threshold", lambda p: _slider(p, "At least % non-citizens")),
    ("country", lambda p: _select(p, "Countries of origin", "Mexico")),
    ("indicator", lambda p: _select(p, "Tract indicator", "Foreign-born share of population")),
    ("class breaks", lambda p: _select(p, "Class breaks", "Quantiles")),
    ("language", lambda p: _select(p, "Languages served", "Chinese (zh)")),
    ("threshold", lambda p: _slider(p, "At least % non-citizens")),
]


async def _slider(page, label: str) -> None:  # noqa: ANN001
    await page.get_by_role("slider", name=label).focus()
    await page.keyboard.press("ArrowRight")


async def click_filters(opened: dict) -> dict:
    """Ten filter changes of six kinds: seconds until the map applied each, and bytes."""
    page, frame, meter = opened["page"], opened["frame"], opened["meter"]
    times, sizes, kinds = [], [], []
    for kind, action in ACTIONS:
        applied = await frame.evaluate("() => window.AtlasMap.applied")
        http0 = await frame.evaluate(RESOURCE_BYTES) + await page.evaluate(RESOURCE_BYTES)
        ws0 = meter.ws
        started = time.perf_counter()
        await action(page)
        await frame.wait_for_function(
            "n => window.AtlasMap.applied > n", arg=applied, timeout=120_000, polling="raf"
        )
        times.append(time.perf_counter() - started)
        await page.wait_for_timeout(700)  # let the rest of the rerun's messages arrive
        http1 = await frame.evaluate(RESOURCE_BYTES) + await page.evaluate(RESOURCE_BYTES)
        sizes.append(meter.ws - ws0 + http1 - http0)
        kinds.append(kind)
    return {"median_s": statistics.median(times), "times_s": times, "kinds": kinds,
            "median_bytes": int(statistics.median(sizes)), "max_bytes": max(sizes)}  # fmt: skip


async def crowd(
    browser, server: Server, label: str, tracts: int, sessions: int, seconds: float
) -> dict:  # noqa: ANN001, E501
    """``sessions`` browser contexts in one Chromium, each switching class breaks for a while.

    Reports the p95 time from a change to the map applying it, errors (timeouts, page
    errors), and the server's memory per extra session.
    """
    before_mb = server.rss_mb()
    opened = await asyncio.gather(
        *(open_area(browser, server.url, label, tracts) for _ in range(sessions))
    )
    after_open_mb = server.rss_mb()
    errors: list[str] = []
    for o in opened:
        o["page"].on("pageerror", lambda e: errors.append(str(e)))
    times: list[float] = []

    async def user(o: dict) -> None:
        options = ["Natural breaks (Fisher-Jenks)", "Quantiles"]
        deadline, i = time.perf_counter() + seconds, 0
        while time.perf_counter() < deadline:
            applied = await o["frame"].evaluate("() => window.AtlasMap.applied")
            started = time.perf_counter()
            try:
                await _select(o["page"], "Class breaks", options[i % 2])
                await o["frame"].wait_for_function(
                    "n => window.AtlasMap.applied > n", arg=applied, timeout=30_000, polling=100
                )
                times.append(time.perf_counter() - started)
            except Exception as err:  # noqa: BLE001 - counted as an error of the run
                errors.append(type(err).__name__)
            i += 1

    await asyncio.gather(*(user(o) for o in opened))
    for o in opened:
        await o["context"].close()
    times.sort()
    return {
        "sessions": sessions,
        "interactions": len(times),
        "p95_s": times[int(0.95 * (len(times) - 1))] if times else float("nan"),
        "median_s": statistics.median(times) if times else float("nan"),
        "errors": len(errors),
        "memory_per_extra_session_mb": (after_open_mb - before_mb) / max(sessions - 1, 1),
        "server_rss_mb": after_open_mb,
    }


async def two_servers(browser, a: Server, b: Server, add_organization) -> dict:  # noqa: ANN001
    """An organization saved through one writer shows on both servers' maps at next rerun."""
    pages = [await open_area(browser, s.url, "", 150) for s in (a, b)]
    name = add_organization()
    started = time.perf_counter()
    seen = []
    for o in pages:
        await _select(o["page"], "Class breaks", "Natural breaks (Fisher-Jenks)")
        await o["frame"].wait_for_function(
            "name => window.AtlasMap.findSite(name) !== null", arg=name, timeout=60_000
        )
        seen.append(time.perf_counter() - started)
    for o in pages:
        await o["context"].close()
    return {"both_servers_show_the_edit": True, "seconds_to_seen": seen}

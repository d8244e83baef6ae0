"""Chromium figures: first map, filter clicks, two servers (20 sessions: ``crowd.py``).

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
NOW = "() => performance.timeOrigin + performance.now()"  # ms, one clock for every frame
# When the map's tracts were painted (home_map.js marks it after the first paint), once the
# map holds at least n of them: the same clock as NOW.
TRACTS_PAINTED = """n => { const A = window.AtlasMap; if (!A || !A.tractCount || A.tractCount() < n)
    return null; const e = performance.getEntriesByName('atlas:tracts-painted');
    return e.length ? performance.timeOrigin + e[0].startTime : null; }"""
RESOURCE_BYTES = """() => performance.getEntriesByType('resource')
    .reduce((n, e) => n + (e.encodedBodySize || 0), 0)"""


class Server:
    """``streamlit run SCRIPT`` (app.py) on a free port with extra environment variables.

    A child of the bench process, so ``crowd.cpu_seconds`` counts its CPU time.
    """

    def __init__(self, env: dict[str, str], log: Path, script: str = "app.py") -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("wb")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
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


async def painted_frame(page, tracts: int, after_ms: float, timeout_s: float = 180):  # noqa: ANN001, ANN201
    """The map frame whose ``tracts`` were painted after ``after_ms``, and when (ms)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for frame in page.frames:
            try:
                at = await frame.evaluate(TRACTS_PAINTED, tracts)
            except Exception:  # noqa: BLE001, S112 - frames come and go while Streamlit reruns
                continue
            if at is not None and at >= after_ms:
                return frame, at
        await asyncio.sleep(0.1)
    raise TimeoutError(f"no map painted {tracts} tracts")


async def open_area(browser, url: str, label: str, tracts: int) -> dict:  # noqa: ANN001
    """Open the app, choose the study area; seconds and bytes until its tracts are painted.

    Timed in the browser's own clock: from just before the click on the study area's name
    in the open list to the paint after the map's code drew the tracts (a ``performance``
    mark).
    """
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    meter = Meter(page)
    await page.goto(url, timeout=180_000)
    await page.get_by_role("heading", name="Asset map").wait_for(timeout=180_000)
    await map_frame(page)
    if label:
        await page.get_by_role("combobox", name="Study area").click()
        option = page.get_by_role("option", name=label)
        await option.wait_for()
        started = await page.evaluate(NOW)  # the moment of choosing: the click on its name
        await option.click()
    else:
        started = 0
    frame, painted = await painted_frame(page, tracts, started)
    http = await page.evaluate(RESOURCE_BYTES) + await frame.evaluate(RESOURCE_BYTES)
    return {"page": page, "context": context, "frame": frame, "meter": meter,
            "seconds": (painted - started) / 1000, "bytes": meter.ws + http}  # fmt: skip


async def _select(page, label: str, option: str) -> float:  # noqa: ANN001
    """Choose ``option`` in a selectbox or multiselect: type its name, press Enter.

    Returns the time just before Enter (when a person's choice is made): typing the
    name key by key is the robot's cost, not the app's.
    """
    await page.get_by_role("combobox", name=label).click()
    await page.keyboard.type(option)
    started = time.perf_counter()
    await page.keyboard.press("Enter")
    await page.keyboard.press("Escape")
    return started


CHOSEN_SHARE = "Foreign-born from chosen countries (share of population)"
# Ten filter changes of six kinds, each one the map must show (a change with no effect on
# the map, e.g. a threshold whose table the study area lacks, sends nothing to apply). The
# real NYC import has ACS B05006 and population only, so no threshold has data there: the
# catchment radius stands in for a slider.
ACTIONS = [
    ("indicator", lambda p: _select(p, "Tract indicator", CHOSEN_SHARE)),
    ("class breaks", lambda p: _select(p, "Class breaks", "Natural breaks (Fisher-Jenks)")),
    ("language", lambda p: _select(p, "Languages served", "Spanish (es)")),
    ("service", lambda p: _select(p, "Service categories", "Immigration legal help")),
    ("radius", lambda p: _slider(p, "Catchment radius (m)")),
    ("country", lambda p: _select(p, "Countries of origin", "Mexico")),
    ("indicator", lambda p: _select(p, "Tract indicator", "Foreign-born share of population")),
    ("class breaks", lambda p: _select(p, "Class breaks", "Quantiles")),
    ("class breaks", lambda p: _select(p, "Class breaks", "Fewest tracts across a break")),
    ("radius", lambda p: _slider(p, "Catchment radius (m)")),
]


async def _slider(page, label: str) -> float:  # noqa: ANN001
    """One step right on a slider; the time just before the key press."""
    await page.get_by_role("slider", name=label).focus()
    started = time.perf_counter()
    await page.keyboard.press("ArrowRight")
    return started


async def click_filters(opened: dict) -> dict:
    """Ten filter changes of six kinds: seconds until the map applied each, and bytes.

    A change the map has not applied within 60 s is counted in ``missed`` (with its kind)
    and the next one goes on, so one lost click does not lose the stage's figures.
    """
    page, frame, meter = opened["page"], opened["frame"], opened["meter"]
    times, sizes, kinds, missed = [], [], [], []
    for kind, action in ACTIONS:
        await page.wait_for_timeout(700)  # the previous rerun's last messages
        applied = await frame.evaluate("() => window.AtlasMap.applied")
        http0 = await frame.evaluate(RESOURCE_BYTES) + await page.evaluate(RESOURCE_BYTES)
        ws0 = meter.ws
        started = await action(page)
        try:
            await frame.wait_for_function(
                "n => window.AtlasMap.applied > n", arg=applied, timeout=60_000, polling="raf"
            )
        except Exception:  # noqa: BLE001 - counted, reported beside the figures
            missed.append(kind)
            continue
        times.append(time.perf_counter() - started)
        await page.wait_for_timeout(700)  # let the rest of the rerun's messages arrive
        http1 = await frame.evaluate(RESOURCE_BYTES) + await page.evaluate(RESOURCE_BYTES)
        sizes.append(meter.ws - ws0 + http1 - http0)
        kinds.append(kind)
    return {"median_s": statistics.median(times), "times_s": times, "kinds": kinds,
            "median_bytes": int(statistics.median(sizes)), "max_bytes": max(sizes),
            "missed": missed}  # fmt: skip

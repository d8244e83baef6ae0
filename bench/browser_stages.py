"""The Chromium stages of ``bench/run.py``: first map, filter clicks, the crowd, two servers.

The crowd stage also runs the same crowd with each change applied by the map's own code in
the page (no Streamlit rerun: a lower bound for filters acting inside the map), then on
``bench/floor_app.py`` (Streamlit's own floor).

Each stage is chosen by name (``--only``); a stage that fails is recorded with its error
instead of losing the run, and each records the load average it started under.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid
from pathlib import Path

import browser
import crowd
import map_alone
import workload

BROWSER_STAGES = ("first-map", "filters", "crowd", "two-servers")


async def browser_figures(facts: dict, work: Path, args: argparse.Namespace) -> dict:
    """The Chromium stages of ``args.only``; each records the load average it ran under."""
    from playwright.async_api import async_playwright

    out: dict = {}
    async with async_playwright() as p:
        chromium = await p.chromium.launch(
            executable_path="/usr/bin/chromium", args=browser.CHROMIUM_ARGS
        )
        if {"first-map", "filters", "crowd"} & set(args.only):
            await _one_server_stages(chromium, facts, work, args, out)
        if "crowd" in args.only:  # right after ours, its server stopped: the same crowd
            out["crowd_floor_load"] = os.getloadavg()[0]
            out["crowd_floor"] = await _stage(_floor_crowd(chromium, work, args))
        if "two-servers" in args.only and "postgresql" in facts["databases"]:
            out["two_servers_load"] = os.getloadavg()[0]
            out["two_servers"] = await _stage(_two_servers(chromium, facts, work))
        await chromium.close()
    return out


async def _one_server_stages(chromium, facts: dict, work: Path, args, out: dict) -> None:  # noqa: ANN001
    """First map (cold, then warm), filter clicks and the crowds, on one SQLite server."""
    env = {
        "DATABASE_URL": facts["databases"]["sqlite"],
        "WELCOME_ATLAS_STUDY_AREAS_DIR": str(facts["areas"]),
    }
    srv = browser.Server(env, work / "server-sqlite.log")
    area, n = "New York City", facts["tracts"]
    try:
        if "first-map" in args.only:
            out["first_map_load"] = os.getloadavg()[0]
            cold = await browser.open_area(chromium, srv.url, area, n)
            await cold["context"].close()
            out["first_map_cold_s"] = cold["seconds"]
        warm: dict = {}
        warm_runs: list[float] = []
        for i in range(3 if "first-map" in args.only else 1):  # the first map, warm, thrice
            if i:
                await warm["context"].close()
            warm = await browser.open_area(chromium, srv.url, area, n)
            warm_runs.append(warm["seconds"])
        if "first-map" in args.only:
            out["first_map_warm_s"] = statistics.median(warm_runs)
            out["first_map_warm_runs_s"] = warm_runs
            out["first_load_bytes"] = warm["bytes"]
        if "filters" in args.only:
            out["filter_change_load"] = os.getloadavg()[0]
            out["filter_change"] = await _stage(browser.click_filters(warm))
        await warm["context"].close()
        if "crowd" in args.only:
            await _crowds(chromium, srv, area, n, args, out)
    finally:
        srv.stop()


async def _crowds(chromium, srv: browser.Server, area: str, n: int, args, out: dict) -> None:  # noqa: ANN001
    """Our crowd, then the same people with each change applied by the map alone."""
    for key, run in (("crowd", crowd.crowd), ("crowd_map_alone", map_alone.crowd)):
        out[f"{key}_load"] = os.getloadavg()[0]
        out[key] = await _stage(
            run(chromium, srv, area, n, args.sessions, args.crowd_seconds, args.think_seconds)
        )


async def _floor_crowd(chromium, work: Path, args: argparse.Namespace) -> dict:  # noqa: ANN001
    """The crowd on a one-list Streamlit page (``bench/floor_app.py``): Streamlit's floor."""
    srv = browser.Server({}, work / "server-floor.log", script="bench/floor_app.py")
    try:
        return await crowd.floor_crowd(
            chromium, srv, args.sessions, args.crowd_seconds, args.think_seconds
        )
    finally:
        srv.stop()


async def _stage(coro) -> dict:  # noqa: ANN001
    """Run one stage; a failure is recorded in the results instead of losing the run."""
    try:
        return await coro
    except Exception as err:  # noqa: BLE001 - reported in the table and the JSON
        return {"error": f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"}


async def _two_servers(chromium, facts: dict, work: Path) -> dict:  # noqa: ANN001
    env = {"DATABASE_URL": facts["databases"]["postgresql"],
           "WELCOME_ATLAS_STUDY_AREAS_DIR": str(facts["areas"])}  # fmt: skip
    a = browser.Server(env, work / "server-a.log")
    b = browser.Server(env, work / "server-b.log")

    def add_organization() -> str:
        name = f"Edited while both servers ran {uuid.uuid4().hex[:6]}"
        path = work / "one.csv"
        path.write_text(f"name,category,lat,lon\n{name},legal,41.0195,-44.9520\n", encoding="utf-8")
        workload.import_organizations(path, facts["databases"]["postgresql"])
        return name

    try:
        return await two_servers(chromium, a, b, add_organization)
    finally:
        a.stop()
        b.stop()


async def two_servers(chromium, a: browser.Server, b: browser.Server, add_organization) -> dict:  # noqa: ANN001
    """An organization saved through one writer shows on both servers' maps at next rerun.

    Both maps are open before the edit. After it, each page changes a filter once (its next
    rerun): the figure is the time from that click until the new organization is on that
    map, and how many map updates it took (1: seen at the next rerun).
    """
    pages = [await browser.open_area(chromium, s.url, "", 150) for s in (a, b)]
    name = add_organization()
    seen, updates = [], []
    for o in pages:
        applied = await o["frame"].evaluate("() => window.AtlasMap.applied")
        started = await browser._select(o["page"], "Class breaks", "Natural breaks (Fisher-Jenks)")
        await o["frame"].wait_for_function(
            "name => window.AtlasMap.findSite(name) !== null", arg=name, timeout=60_000
        )
        seen.append(time.perf_counter() - started)
        updates.append(await o["frame"].evaluate("() => window.AtlasMap.applied") - applied)
    for o in pages:
        await o["context"].close()
    return {"both_servers_show_the_edit": True, "seconds_to_seen": seen,
            "map_updates_until_seen": updates}  # fmt: skip

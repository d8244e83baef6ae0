"""Where a filter change's Chromium CPU goes (issue 16): one NYC session under CDP.

    .venv/bin/python bench/profile_change.py --work /tmp/nyc [--changes 16] [--out FILE]

``--work`` is a folder ``bench/run.py --work`` filled (NYC and 10,000 organizations). One
browser context opens New York City and makes the crowd's changes (``bench/crowd.py``: class
breaks, language, catchment radius, service) one after another, waiting for the map to
apply each and one second more. Twice: once under V8's sampling profiler (``Profiler``),
whose samples are split by the script they ran in (Streamlit's own bundle, the
streamlit-folium glue, Leaflet, leaflet.markercluster, ``static/atlas/home_map.js``, the
map's generated script, garbage collection, other), and once under ``Tracing``, whose
renderer main-thread tasks are split into script, style and layout, paint and the rest,
with the compositor and raster threads apart (software raster: no GPU here). Every figure
is per change, in CPU milliseconds, with the renderer processes' own CPU time from /proc
and the load average beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser  # noqa: E402
import crowd  # noqa: E402

BUCKETS = (  # (bucket, substring of the script's URL); first match wins
    ("home_map.js", "atlas/home_map.js"),
    ("markercluster", "markercluster"),
    ("leaflet", "leaflet"),
    ("streamlit-folium glue", "streamlit_folium"),
    ("streamlit bundle", "/static/js/"),
)
STYLE_LAYOUT = {
    "UpdateLayoutTree",
    "Layout",
    "RecalculateStyles",
    "ScheduleStyleRecalculation",
    "UpdateLayerTree",
    "IntersectionObserverController::computeIntersections",
}
PAINT = {"Paint", "PrePaint", "Layerize", "Commit", "PaintImage", "Decode Image",
         "CompositeLayers", "UpdateLayer", "RasterTask"}  # fmt: skip
SCRIPT = {"FunctionCall", "EvaluateScript", "TimerFire", "FireAnimationFrame", "EventDispatch",
          "RunMicrotasks", "v8.compile", "v8.compileModule", "V8.GCFinalizeMC", "MajorGC",
          "MinorGC", "v8.run", "XHRReadyStateChange", "ParseHTML", "v8.evaluateModule"}  # fmt: skip


def bucket_of(url: str) -> str:
    for name, part in BUCKETS:
        if part in url:
            return name
    return "map's generated script" if "component" in url or url.startswith("about:") else "other"


def split_profile(profile: dict) -> dict[str, float]:
    """Self time (ms) per bucket; a native function counts for the script that called it."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", ())}
    ms: dict[str, float] = defaultdict(float)
    deltas = profile.get("timeDeltas", [])
    for k, node_id in enumerate(profile.get("samples", [])):
        dt = deltas[k + 1] / 1000 if k + 1 < len(deltas) else 0.0  # the sample's length
        node, name = nodes[node_id], nodes[node_id]["callFrame"]["functionName"]
        if name in ("(idle)", "(program)", "(garbage collector)", "(root)"):
            ms[name] += dt
            continue
        while not node["callFrame"]["url"] and node["id"] in parent:
            node = nodes[parent[node["id"]]]
        ms[bucket_of(node["callFrame"]["url"])] += dt
    return dict(ms)


def split_trace(events: list[dict]) -> dict[str, dict[str, float]]:
    """Thread CPU (ms) of the renderers' threads, and of their main threads by kind of task."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}  # fmt: skip
    renderers = {e["pid"] for e in events if e.get("ph") == "M" and e.get("name") == "process_name"
                 and e["args"].get("name") == "Renderer"}  # fmt: skip
    threads: dict[str, float] = defaultdict(float)
    main: dict[str, float] = defaultdict(float)
    by_thread: dict[tuple, list[dict]] = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and e["pid"] in renderers and "tdur" in e:
            by_thread[(e["pid"], e["tid"])].append(e)
    for key, evs in by_thread.items():
        thread = names.get(key, "?")
        evs.sort(key=lambda e: (e["ts"], -e.get("dur", 0)))
        stack: list[dict] = []
        for e in evs:
            while stack and stack[-1]["ts"] + stack[-1].get("dur", 0) <= e["ts"]:
                stack.pop()
            if not stack:
                threads[thread] += e["tdur"] / 1000  # top-level tasks: the thread's CPU
            if thread == "CrRendererMain":
                self_ms = e["tdur"] / 1000
                if stack:  # the parent's own share shrinks by this child's
                    main[_kind_of(stack[-1]["name"])] -= self_ms
                main[_kind_of(e["name"])] += self_ms
            stack.append(e)
    return {"threads": dict(threads), "main_thread": {k: v for k, v in main.items() if v > 0.5}}


def _kind_of(name: str) -> str:
    if name in STYLE_LAYOUT:
        return "style and layout"
    if name in PAINT:
        return "paint and commit"
    if name in SCRIPT:
        return "script (incl. GC)"
    return "other tasks"


async def changes(o: dict, n: int, think_s: float, first_step: int = 0) -> list[tuple[str, float]]:
    """``n`` of the crowd's changes, each waited for; (kind, seconds) per change."""
    out, state = [], o.setdefault("state", {})  # the session's class breaks, kept across calls
    only = o.get("kind")
    steps = range(first_step, first_step + n)
    if only:  # the same kind n times: its steps of the cycle
        at = crowd.KINDS.index(only)
        steps = range(4 * first_step + at, 4 * (first_step + n) + at, len(crowd.KINDS))
    for step in steps:
        kind, act = crowd.action(step, state)
        applied = await o["frame"].evaluate("() => window.AtlasMap.applied")
        started = await act(o["page"])
        await o["frame"].wait_for_function(
            "n => window.AtlasMap.applied > n", arg=applied, timeout=60_000, polling=100
        )
        out.append((kind, time.perf_counter() - started))
        await asyncio.sleep(think_s)
    return out


def per_change(ms: dict[str, float], n: int) -> dict[str, float]:
    """Milliseconds per change, largest first."""
    return {k: round(v / n, 1) for k, v in sorted(ms.items(), key=lambda kv: -kv[1])}


def renderer_cpu(before: dict, after: dict) -> float:
    return sum(v for k, v in crowd.cpu_by_kind(before, after).items() if "renderer" in k)


async def profile(
    work: Path, n: int, think_s: float, raw: Path | None = None, kind: str | None = None
) -> dict:
    from playwright.async_api import async_playwright

    env = {"DATABASE_URL": f"sqlite:///{work / 'assets.db'}",
           "WELCOME_ATLAS_STUDY_AREAS_DIR": str(work / "areas")}  # fmt: skip
    srv = browser.Server(env, work / "server-profile.log")
    out: dict = {"load_at_start": os.getloadavg()[0], "changes": n, "kind": kind or "all four"}
    try:
        async with async_playwright() as p:
            chromium = await p.chromium.launch(
                executable_path="/usr/bin/chromium", args=browser.CHROMIUM_ARGS
            )
            o = await browser.open_area(chromium, srv.url, "New York City", 2324)
            o["kind"] = kind
            await changes(o, 4, think_s)  # warm
            # 1. V8 sampling profiler (the page's isolate: the map's iframe is same-origin)
            cdp = await o["context"].new_cdp_session(o["page"])
            await cdp.send("Profiler.enable")
            await cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            cpu0 = crowd.cpu_seconds(os.getpid())
            await cdp.send("Profiler.start")
            times = await changes(o, n, think_s, first_step=4)
            prof = (await cdp.send("Profiler.stop"))["profile"]
            if raw:
                (raw / "profile.cpuprofile").write_text(json.dumps(prof))
            out["renderer_cpu_ms_per_change_profiled"] = (
                1000 * renderer_cpu(cpu0, crowd.cpu_seconds(os.getpid())) / n
            )
            out["js_ms_per_change"] = per_change(split_profile(prof), n)
            out["times_s"] = times
            out.update(await _traced(chromium, o, n, think_s, raw))
            await chromium.close()
    finally:
        srv.stop()
    out["load_at_end"] = os.getloadavg()[0]
    return out


async def _traced(chromium, o: dict, n: int, think_s: float, raw: Path | None) -> dict:  # noqa: ANN001
    """Tracing: the renderers' threads, and their main threads by kind of task."""
    out: dict = {}
    bcdp = await chromium.new_browser_cdp_session()
    events: list[dict] = []
    done = asyncio.Event()
    bcdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    bcdp.on("Tracing.tracingComplete", lambda e: done.set())
    cpu0 = crowd.cpu_seconds(os.getpid())
    await bcdp.send("Tracing.start", {"traceConfig": {"includedCategories": [
        "toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
        "v8", "blink", "cc", "__metadata"]}, "transferMode": "ReportEvents"})  # fmt: skip
    await changes(o, n, think_s, first_step=4 + n)
    await bcdp.send("Tracing.end")
    await asyncio.wait_for(done.wait(), 120)
    out["renderer_cpu_ms_per_change_traced"] = (
        1000 * renderer_cpu(cpu0, crowd.cpu_seconds(os.getpid())) / n
    )
    if raw:
        (raw / "trace.json").write_text(json.dumps(events))
    split = split_trace(events)
    out["renderer_threads_ms_per_change"] = per_change(split["threads"], n)
    out["main_thread_ms_per_change"] = per_change(split["main_thread"], n)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--changes", type=int, default=16)
    parser.add_argument("--think-seconds", type=float, default=1.0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--raw", type=Path, help="folder for the raw profile and trace")
    parser.add_argument("--kind", choices=crowd.KINDS, help="only this kind of change")
    args = parser.parse_args()
    result = asyncio.run(profile(args.work, args.changes, args.think_seconds, args.raw, args.kind))
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()

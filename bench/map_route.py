"""The crowd with filters inside the map (issue 16 spike): a control in the map, a route, no rerun.

    python bench/map_route.py --work /tmp/nyc [--sessions 20] [--seconds 60] [--think-seconds 1]

The same people as ``crowd.crowd``, on ``bench/route_app.py`` (our app.py plus one HTTP route
answering the map's state). Each session's map gets one native ``<select>`` inside its frame;
a change is a choice in it (Playwright's ``select_option``), whose handler fetches
``/atlas/map-state`` with the new filters and hands the answer to ``AtlasMap.apply``. The
server computes each state with the page's own code; nothing reruns. The cycle per session is
that of the other crowds (class breaks, language, catchment radius, service, then undone), and
the time is from the choice to the map applying it, as ``crowd.until_applied`` waits for it.
Prints the same report as the other crowds, beside ``map_alone``'s lower bound in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser  # noqa: E402
import crowd  # noqa: E402

SCHEMES = ("quantiles", "natural_breaks", "fewest_spanning")
# One <select> in the map's frame; each option's value is the query of one state.
CONTROL = """queries => { const A = window.AtlasMap, c = A.map.getContainer();
    const s = document.createElement('select'); s.id = 'route-filters';
    s.setAttribute('aria-label', 'Map filters');
    s.style.cssText = 'position:absolute;top:8px;right:8px;z-index:1000';
    for (const q of queries) { const o = document.createElement('option');
        o.value = q; o.textContent = q; s.appendChild(o); }
    s.addEventListener('change', async () => {
        const r = await fetch('/atlas/map-state?' + s.value); A.apply(await r.json()); });
    c.appendChild(s); }"""


def cycle(first_step: int) -> list[tuple[str, str]]:
    """Eight (kind, query) states: four kinds from ``first_step``, then undone in reverse."""
    state = {"scheme": 0, "language": False, "radius": 1000, "service": False}
    kinds = [crowd.KINDS[(first_step + j) % len(crowd.KINDS)] for j in range(len(crowd.KINDS))]
    out = []
    for kind in kinds + kinds[::-1]:
        if kind == "class breaks":
            state["scheme"] = (state["scheme"] + 1) % 2  # there and back: 0 -> 1 -> 0
        elif kind == "radius":
            state["radius"] = 1250 if state["radius"] == 1000 else 1000
        else:
            state[kind] = not state[kind]
        out.append((kind, _query(state)))
    return out


def _query(state: dict) -> str:
    pairs = [("area", "nyc"), ("scheme", SCHEMES[state["scheme"]]), ("radius", state["radius"])]
    pairs += [("language", "es")] if state["language"] else []
    pairs += [("service", "legal")] if state["service"] else []
    return urlencode(pairs)


async def open_with_control(chromium, url: str, first: int) -> dict:  # noqa: ANN001
    """A session on NYC with the route's control in its map (its options: its own cycle)."""
    o = await browser.open_area(chromium, url, "New York City", 2324)
    steps = cycle(first)
    start = _query({"scheme": 0, "language": False, "radius": 1000, "service": False})
    await o["frame"].evaluate(CONTROL, [start] + [q for _, q in steps])
    o["cycle"] = steps
    return o


def route_change(step: int, state: dict):  # noqa: ANN201 - as crowd.map_change
    """The session's next state chosen in the map's own control, timed until applied."""
    first = state.setdefault("first", step)
    return "route", lambda o: _chosen(o, (step - first) % 8)


async def _chosen(o: dict, k: int) -> float:
    kind, query = o["cycle"][k]
    applied = await o["frame"].evaluate("() => window.AtlasMap.applied")
    started = time.perf_counter()
    await o["frame"].select_option("#route-filters", query)
    await o["frame"].wait_for_function(
        "n => window.AtlasMap.applied > n", arg=applied, timeout=30_000, polling=100
    )
    return started


async def main(args: argparse.Namespace) -> dict:
    from playwright.async_api import async_playwright

    env = {
        "DATABASE_URL": f"sqlite:///{args.work / 'assets.db'}",
        "WELCOME_ATLAS_STUDY_AREAS_DIR": str(args.work / "areas"),
    }
    srv = browser.Server(env, args.work / "server-route.log", script="bench/route_app.py")
    try:
        async with async_playwright() as p:
            chromium = await p.chromium.launch(
                executable_path="/usr/bin/chromium", args=browser.CHROMIUM_ARGS
            )
            out = await crowd.run_crowd(
                srv, args.sessions, lambda i: open_with_control(chromium, srv.url, i),
                route_change, args.seconds, args.think_seconds,
            )  # fmt: skip
            await chromium.close()
    finally:
        srv.stop()
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think-seconds", type=float, default=1)
    result = asyncio.run(main(parser.parse_args()))
    print(json.dumps({k: v for k, v in result.items() if k != "error_kinds"}, indent=1))

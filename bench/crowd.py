"""Many sessions on one server (issue 16): browser contexts in one Chromium changing filters.

Each session is one person: they change a filter the way a person does (open a list and
click a choice, click a chip's remove button, press an arrow key on a slider), wait until
the map shows it (``AtlasMap.applied``, counted after the map's code applied the new state),
read the map for ``think_s`` seconds, and change the next one. The sessions start at
different places in a cycle of four kinds (class breaks, language, catchment radius,
service), so at any moment the server serves a mix.

The CPU time every process spent during the minute is reported beside the times (the
Streamlit server, Chromium's renderers, its GPU process, its browser process, Playwright's
driver): divided by the interactions, it is what one filter change costs on the machine.

``floor_crowd`` runs the same people against ``bench/floor_app.py``, a page of one list and
one line: what a change costs in Streamlit itself, the floor no page can go under here.
``bench/map_alone.py`` runs them with no rerun. The crowds differ only in how a change is
made and awaited: ``change(step, state)``, given to the same ``person``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from pathlib import Path

from browser import Server, open_area

BREAKS = (
    "Natural breaks (Fisher-Jenks)",
    "Quantiles",
    "Fewest tracts across a break (margins of error)",
)
DEFAULT_SCHEME = "Quantiles"  # the first of geo.maps.layers.SCHEMES
KINDS = ("class breaks", "language", "radius", "service")
CLICK_TICKS = os.sysconf("SC_CLK_TCK")
# The floor page's line (bench/floor_app.py) reads exactly this text: "Shown: <breaks>".
FLOOR_LINE = """s => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .some(e => e.innerText.trim() === s)"""


async def choose(page, label: str, option: str, search: str = "") -> float:  # noqa: ANN001
    """Open the list ``label`` (typing ``search`` into it) and click ``option``.

    Returns the time just before the click.
    """
    box = page.get_by_role("combobox", name=label)
    if await box.get_attribute("aria-expanded") != "true":  # a chip's removal may open it
        await box.click()
    if search:  # a long list shows only its first options until one types
        await page.keyboard.type(search)
    target = page.get_by_role("option", name=option, exact=True)
    try:
        await target.wait_for(timeout=5_000)
    except Exception:  # noqa: BLE001 - the click closed a list that was open: open it again
        await box.click()
        await target.wait_for()
    started = time.perf_counter()
    await target.click()
    return started


async def toggle(page, label: str, option: str) -> float:  # noqa: ANN001
    """Add ``option`` to the multiselect ``label``, or remove it when it is there."""
    # The chip's remove button is left out of the accessibility tree (Streamlit 1.67).
    remove = page.locator(f'button[aria-label="Remove {option}"]').filter(visible=True)
    if await remove.count():
        started = time.perf_counter()
        await remove.first.click()
        return started
    started = await choose(page, label, option)  # near the top of its list: no typing
    await page.keyboard.press("Escape")  # close the list, as a person moves on
    return started


async def nudge(page, label: str, key: str) -> float:  # noqa: ANN001
    """One step of the slider ``label`` (``ArrowRight`` or ``ArrowLeft``)."""
    await page.get_by_role("slider", name=label).focus()
    started = time.perf_counter()
    await page.keyboard.press(key)
    return started


def next_scheme(shown: str) -> str:
    """The class breaks after ``shown`` (choosing the shown ones again changes nothing)."""
    return BREAKS[(BREAKS.index(shown) + 1) % len(BREAKS)]


def _next_breaks(state: dict) -> str:
    """The class breaks this session chooses next, remembered as the ones it shows."""
    state["scheme"] = scheme = next_scheme(state.get("scheme", DEFAULT_SCHEME))
    return scheme


def action(step: int, state: dict):  # noqa: ANN201 - (kind, coroutine function of the page)
    """The ``step``-th change of the cycle; each change differs from what the page shows.

    ``state`` is the session's own: the class breaks it shows now (the app's default,
    quantiles, at first). An earlier version took the breaks from the step number, so a
    session whose first class-breaks change named the default changed nothing, waited 30 s
    for a map update that never came and counted an error (8 of 20 sessions).
    """
    kind, turn = KINDS[step % len(KINDS)], step // len(KINDS)
    if kind == "class breaks":
        scheme = _next_breaks(state)
        return kind, lambda p: choose(p, "Class breaks", scheme)
    if kind == "language":
        return kind, lambda p: toggle(p, "Languages served", "Spanish (es)")
    if kind == "radius":
        arrow = "ArrowRight" if turn % 2 == 0 else "ArrowLeft"
        return kind, lambda p: nudge(p, "Catchment radius (m)", arrow)
    return kind, lambda p: toggle(p, "Service categories", "Immigration legal help")


def map_change(step: int, state: dict):  # noqa: ANN201 - (kind, coroutine function of a session)
    """The ``step``-th change on the asset map, timed until the map applied it."""
    kind, act = action(step, state)
    return kind, lambda o: until_applied(o, act)


async def until_applied(o: dict, act) -> float:  # noqa: ANN001
    applied = await o["frame"].evaluate("() => window.AtlasMap.applied")
    started = await act(o["page"])
    await o["frame"].wait_for_function(  # polled inside the page, not over the wire
        "n => window.AtlasMap.applied > n", arg=applied, timeout=30_000, polling=100
    )
    return started


def floor_change(step: int, state: dict):  # noqa: ANN201 - as map_change
    """The next class breaks on the one-list page, timed until its line names them."""
    scheme = _next_breaks(state)
    return "class breaks", lambda o: _until_shown(o, scheme)


async def _until_shown(o: dict, scheme: str) -> float:
    started = await choose(o["page"], "Class breaks", scheme)
    await _line_shown(o["page"], scheme, timeout_ms=30_000)
    return started


async def _line_shown(page, scheme: str, timeout_ms: float) -> None:  # noqa: ANN001
    """Until the floor page's line reads "Shown: ``scheme``" (polled inside the page)."""
    await page.wait_for_function(FLOOR_LINE, arg=f"Shown: {scheme}", timeout=timeout_ms,
                                 polling=100)  # fmt: skip


async def open_floor(browser, url: str) -> dict:  # noqa: ANN001
    """A new browser context on ``bench/floor_app.py``, its line showing the default."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    await page.goto(url, timeout=180_000)
    await _line_shown(page, DEFAULT_SCHEME, timeout_ms=180_000)
    return {"page": page, "context": context}


def cpu_seconds(root: int) -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) of ``root``'s descendants, with the kind of each process."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[str, list[str]]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        stats[int(entry.name)] = (command, fields)
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        command, fields = stats[pid]
        out[pid] = (_kind(command), (int(fields[11]) + int(fields[12])) / CLICK_TICKS)
    return out


def _kind(command: str) -> str:
    if "chromium" in command:
        return "chromium " + (command.split("--type=")[1].split()[0] if "--type=" in command
                              else "browser")  # fmt: skip
    if "streamlit" in command:
        return "streamlit server"
    return "playwright driver" if "node" in command or "playwright" in command else "other"


def cpu_by_kind(before: dict, after: dict) -> dict[str, float]:
    out: dict[str, float] = {}
    for pid, (kind, seconds) in after.items():
        out[kind] = out.get(kind, 0.0) + seconds - (before[pid][1] if pid in before else 0.0)
    return {k: round(v, 2) for k, v in sorted(out.items(), key=lambda kv: -kv[1]) if v > 0}


async def open_many(server: Server, n: int, open_one):  # noqa: ANN001, ANN201
    """``n`` sessions opened by ``open_one(i)`` (``i``: the session's place in the crowd);
    server memory after the first and the last."""
    opened = [await open_one(0)]
    before_mb = server.rss_mb()
    gate = asyncio.Semaphore(4)  # open the others four at a time: the machine has 2 cores

    async def one(i: int) -> dict:
        async with gate:
            return await open_one(i)

    opened += await asyncio.gather(*(one(i) for i in range(1, n)))
    return opened, before_mb, server.rss_mb()


async def person(
    o: dict, first_step: int, seconds: float, think_s: float, out: dict, change=map_change
) -> None:  # noqa: ANN001
    """One session changing filters until ``seconds`` are up; times and errors into ``out``.

    ``change(step, state)`` names the session's next change and gives the coroutine that
    makes it and waits until the page shows it (returning the time just before the change).
    """
    deadline, step, state = time.perf_counter() + seconds, first_step, {}
    while time.perf_counter() < deadline:
        kind, make = change(step, state)
        try:
            started = await make(o)
            out["times"].append((kind, time.perf_counter() - started))
        except Exception as err:  # noqa: BLE001 - counted as an error of the run
            out["errors"].append(f"{kind}: {type(err).__name__}")
        step += 1
        await asyncio.sleep(think_s)


async def crowd(
    browser, server: Server, label: str, tracts: int, sessions: int, seconds: float, think_s: float
) -> dict:  # noqa: ANN001
    """``sessions`` browser contexts in one Chromium, each changing filters for ``seconds``.

    Reports the p95 and median time from a change to the map applying it (and per kind),
    errors (timeouts, page errors), the CPU seconds each kind of process spent, and the
    server's memory per extra session: measured once one session has the study area open
    (the per-process caches are then full), and again with all of them.
    """
    return await run_crowd(server, sessions,
                           lambda _: open_area(browser, server.url, label, tracts),
                           map_change, seconds, think_s)  # fmt: skip


async def floor_crowd(
    browser, server: Server, sessions: int, seconds: float, think_s: float
) -> dict:  # noqa: ANN001
    """The same crowd on ``bench/floor_app.py`` (``server``): Streamlit's own floor here.

    Each session chooses the next class breaks in the page's one list and waits until its
    line names them; the report has the same fields as ``crowd``'s, so the two are read
    side by side.
    """
    return await run_crowd(server, sessions, lambda _: open_floor(browser, server.url),
                           floor_change, seconds, think_s)  # fmt: skip


async def run_crowd(
    server: Server, sessions: int, open_one, change, seconds: float, think_s: float
) -> dict:  # noqa: ANN001
    opened, before_mb, after_open_mb = await open_many(server, sessions, open_one)
    out: dict = {"times": [], "errors": []}
    for o in opened:
        o["page"].on("pageerror", lambda e: out["errors"].append(f"page: {e}"))
    load, cpu0, t0 = os.getloadavg()[0], cpu_seconds(os.getpid()), time.perf_counter()
    await asyncio.gather(
        *(person(o, i, seconds, think_s, out, change) for i, o in enumerate(opened))
    )
    elapsed, cpu = time.perf_counter() - t0, cpu_by_kind(cpu0, cpu_seconds(os.getpid()))
    for o in opened:
        await o["context"].close()
    return {
        "sessions": sessions, "seconds": seconds, "think_s": think_s, "elapsed_s": elapsed,
        "load_at_start": load, **_times(out), "cpu_s": cpu,
        "cpu_s_per_interaction": {k: round(v / max(len(out["times"]), 1), 3)
                                  for k, v in cpu.items()},
        "memory_per_extra_session_mb": (after_open_mb - before_mb) / max(sessions - 1, 1),
        "server_rss_mb": after_open_mb,
    }  # fmt: skip


def _times(out: dict) -> dict:
    """p95, median (overall and per kind) and errors of a crowd's ``out``."""
    times = sorted(t for _, t in out["times"])
    by_kind: dict[str, list[float]] = {}
    for kind, t in out["times"]:
        by_kind.setdefault(kind, []).append(t)
    n = len(times)
    return {
        "interactions": n,
        "p95_s": times[int(0.95 * (n - 1))] if n else float("nan"),
        "median_s": statistics.median(times) if n else float("nan"),
        "median_by_kind_s": {k: statistics.median(v) for k, v in by_kind.items()},
        "errors": len(out["errors"]), "error_kinds": out["errors"][:10],
    }  # fmt: skip

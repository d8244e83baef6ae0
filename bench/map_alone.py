"""The crowd with the map alone (issue 16): each change applied by the map's own code.

The same people as ``crowd.crowd`` on our server, but no change goes through Streamlit: each
session first records the states one cycle of its real changes brought the map (wrapping
``AtlasMap.apply``, which each rerun's script calls), then, for the timed minute, applies
them again itself in the page. What a design whose filters act inside the map in the browser
could reach at best: it leaves out the click on a control and the server computing the
state.
"""

from __future__ import annotations

import asyncio
import time

from browser import Server, open_area
from crowd import DEFAULT_SCHEME, KINDS, action, choose, run_crowd, until_applied


def undo(step: int, state: dict):  # noqa: ANN201 - as action
    """The change that takes back ``action(step, state)``'s (made just before on the page).

    The class breaks go back to the default; the others repeat their kind one turn later
    (a chip toggled again, the slider's arrow the other way).
    """
    if KINDS[step % len(KINDS)] != "class breaks":
        return action(step + len(KINDS), state)
    state["scheme"] = DEFAULT_SCHEME
    return "class breaks", lambda p: choose(p, "Class breaks", DEFAULT_SCHEME)


def there_and_back(first_step: int) -> list:
    """A session's cycle of eight real changes: four kinds from ``first_step``, then undone.

    The last leaves the page as it was before the first, so the cycle can be repeated.
    """
    state: dict = {}
    there = [action(first_step + j, state) for j in range(len(KINDS))]
    back = [undo(first_step + j, state) for j in reversed(range(len(KINDS)))]
    return there + back


RECORD = """() => { const A = window.AtlasMap; A.received = []; A.cycle = [];
    A.unrecorded = A.apply;
    A.apply = s => { A.received.push(JSON.parse(JSON.stringify(s))); return A.unrecorded(s); }; }"""
APPLIED = "() => window.AtlasMap.applied"
# The state the map shows now is the cycle's next one; the recording stops after the last.
KEEP = """stop => { const A = window.AtlasMap; A.cycle.push(A.received[A.received.length - 1]);
    if (stop) A.apply = A.unrecorded; return A.cycle.length; }"""
# The k-th recorded state applied by the map's own code; milliseconds until the paint after
# it (requestAnimationFrame then setTimeout 0, as home_map.js marks 'tracts-painted').
APPLY = """k => new Promise(done => { const A = window.AtlasMap, t0 = performance.now();
    A.apply(A.cycle[k]);
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0)); })"""


async def open_recorded(browser, url: str, label: str, tracts: int, first: int) -> dict:  # noqa: ANN001
    """``open_area``, then one cycle of real changes through Streamlit, their states kept.

    The session's changes (``there_and_back`` from ``first``, the session's first step in
    the crowd) are made as ``crowd.map_change`` makes them; the state each brought the map
    is kept in the map's frame (``AtlasMap.cycle``) for ``alone_change`` to apply again.
    """
    o = await open_area(browser, url, label, tracts)
    await o["frame"].evaluate(RECORD)
    cycle = there_and_back(first)
    for i, (kind, act) in enumerate(cycle):
        await _made(o, kind, act)
        await o["frame"].evaluate(KEEP, i == len(cycle) - 1)
        await asyncio.sleep(1)  # a person reads the map before the next change
    return o


async def _made(o: dict, kind: str, act, tries: int = 3) -> None:  # noqa: ANN001
    """``act`` made on the page until the map applied it; tried again when it was not.

    Under load a click can time out (the first full run lost the stage to one); a change
    the map applied late still counts, so a toggle is never made twice.
    """
    for _ in range(tries):
        applied = await o["frame"].evaluate(APPLIED)
        try:
            await until_applied(o, act)
            return
        except Exception:  # noqa: BLE001 - tried again below, unless the map has it
            await o["page"].keyboard.press("Escape")  # a list left open
            if await o["frame"].evaluate(APPLIED) > applied:
                return
    raise TimeoutError(f"recording a {kind} change: not applied after {tries} tries")


def alone_change(step: int, state: dict):  # noqa: ANN201 - as map_change
    """The session's next recorded state, applied in the page: no click, no Streamlit rerun.

    Timed in the browser's clock, from just before ``AtlasMap.apply`` to the paint after it
    (so without Playwright's round trip, which the other crowds' times include).
    """
    first = state.setdefault("first", step)
    kinds = state.setdefault("kinds", [kind for kind, _ in there_and_back(first)])
    k = (step - first) % len(kinds)
    return kinds[k], lambda o: _applied_alone(o, k)


async def _applied_alone(o: dict, k: int) -> float:
    ms = await o["frame"].evaluate(APPLY, k)
    return time.perf_counter() - ms / 1000  # as if started ms before now: the browser's time


async def crowd(
    browser, server: Server, label: str, tracts: int, sessions: int, seconds: float, think_s: float
) -> dict:  # noqa: ANN001
    """The same people on our map, each change applied by the map's own code: no rerun.

    Each session first records the states one cycle of its real changes brought the map
    (through Streamlit, as ``crowd.crowd`` makes them), then for ``seconds`` applies them
    again in the page (``alone_change``). The server only holds the idle sessions meanwhile;
    the report has ``crowd.crowd``'s fields. A bound for filters acting inside the map, not
    a design: it leaves out the click on a control and the server computing the state.
    """
    return await run_crowd(server, sessions,
                           lambda i: open_recorded(browser, server.url, label, tracts, i),
                           alone_change, seconds, think_s)  # fmt: skip

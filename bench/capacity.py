"""How many people one server on this machine holds: the crowd of ``crowd.py`` at several sizes.

    python bench/capacity.py --work /tmp/nyc [--sessions 5,10,15,20] [--think-seconds 1,5]

Issue 16 asks for 20 sessions at p95 <= 1 s with 1 s of reading between changes; this
sweep says at how many sessions (and at what reading time) the same server and Chromium on
the same machine still answer within a second: the figure a library system needs to know
when to add a second server (README, "Several servers"). Runs on a ``bench/run.py --work``
workload (SQLite); results go to ``--out`` under ``capacity``. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import browser  # noqa: E402
import crowd  # noqa: E402


async def sweep(work: Path, sizes: list[int], thinks: list[float], seconds: float) -> list[dict]:
    """One crowd per (sessions, reading time) on one server; each row its p95 and CPU."""
    from playwright.async_api import async_playwright

    env = {
        "DATABASE_URL": f"sqlite:///{work / 'assets.db'}",
        "WELCOME_ATLAS_STUDY_AREAS_DIR": str(work / "areas"),
    }
    rows = []
    srv = browser.Server(env, work / "server-capacity.log")
    try:
        async with async_playwright() as p:
            chromium = await p.chromium.launch(
                executable_path="/usr/bin/chromium", args=browser.CHROMIUM_ARGS
            )
            for think in thinks:
                for n in sizes:
                    load = os.getloadavg()[0]
                    r = await crowd.crowd(chromium, srv, "New York City", 2324, n, seconds, think)
                    row = {"sessions": n, "think_s": think, "load_at_start": load,
                           **{k: r[k] for k in ("p95_s", "median_s", "interactions", "errors")},
                           "cpu_s_per_change": round(sum(r["cpu_s"].values())
                                                     / max(r["interactions"], 1), 3)}  # fmt: skip
                    print(_line(row), flush=True)
                    rows.append(row)
            await chromium.close()
    finally:
        srv.stop()
    return rows


def _line(row: dict) -> str:
    return (
        f"| {row['sessions']} | {row['think_s']:g} s | {row['p95_s']:.2f} s | "
        f"{row['median_s']:.2f} s | {row['interactions']} | {row['errors']} | "
        f"{row['cpu_s_per_change']:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--sessions", default="5,10,15,20")
    parser.add_argument("--think-seconds", default="1")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()
    sizes = [int(x) for x in args.sessions.split(",")]
    thinks = [float(x) for x in args.think_seconds.split(",")]
    print("| sessions | reading | p95 | median | changes | errors | CPU-s per change |")
    print("|---|---|---|---|---|---|---|")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = asyncio.run(sweep(args.work, sizes, thinks, args.seconds))
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results["capacity"] = {
        "when": f"{started} to {time.strftime('%H:%M UTC', time.gmtime())}",
        "machine": f"{os.cpu_count()} cores, the server and every session's Chromium on it",
        "note": "one Streamlit server on SQLite, New York City with 10,000 organizations, "
        "the crowd of bench/crowd.py; load average at each row's start in the JSON",
        "rows": rows,
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

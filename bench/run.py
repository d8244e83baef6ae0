"""The whole comparison of issue 16 in one command: New York City with 10,000 organizations.

    python bench/run.py [--postgres-url URL] [--out bench/results.json]

Imports the real NYC study area and 10,000 synthesized organizations with the project's own
commands (SQLite, and PostgreSQL when a URL is given or ``ASSETS_TEST_POSTGRES_URL`` is set),
measures our home map against naive folium of the same content in the same run, then drives
Chromium. Prints one table (figure, ours, naive, ratio) and writes it as JSON. Not a test:
numbers vary with the machine and with what else runs on it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import server  # noqa: E402
import sqlalchemy as sa  # noqa: E402
import workload  # noqa: E402
from browser_stages import BROWSER_STAGES, browser_figures  # noqa: E402

from geo.census.store import StudyAreaStore  # noqa: E402
from geo.config import DEMO_DIR  # noqa: E402


def throwaway_database(url: str) -> tuple[str, sa.Engine]:
    """A fresh database on the PostgreSQL server of ``url`` (dropped at the end)."""
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"atlas_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return str(sa.make_url(url).set(database=name).render_as_string(hide_password=False)), admin


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()
    return (
        f"{platform.processor() or platform.machine()}, {cpus} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"load average {load[0]:.1f} at the start (the machine is shared: timings are noisy)"
    )


def prepare(work: Path, n_orgs: int, pg_url: str | None) -> dict:
    """NYC + organizations into SQLite (and PostgreSQL): the workload of every figure."""
    areas = work / "areas"
    if (work / "assets.db").exists() and not pg_url:  # --work: the workload is already there
        area = StudyAreaStore(areas, DEMO_DIR).load("nyc")
        sqlite = {"sqlite": f"sqlite:///{work / 'assets.db'}"}
        return dict(area=area, areas=areas, databases=sqlite, tracts=len(area.tracts),
                    branches=len(area.branches), organizations=n_orgs)  # fmt: skip
    work.mkdir(parents=True, exist_ok=True)
    (work / "assets.db").unlink(missing_ok=True)  # a fresh workload: never 10,000 on top of 10,000
    facts = {"nyc_import_s": workload.import_nyc(areas)}
    area = StudyAreaStore(areas, DEMO_DIR).load("nyc")
    orgs = workload.synthesize_organizations(area.tracts, n_orgs, work / "organizations.csv")
    databases = {"sqlite": f"sqlite:///{work / 'assets.db'}"}
    if pg_url:
        databases["postgresql"], facts["_pg_admin"] = throwaway_database(pg_url)
    for kind, url in databases.items():
        facts[f"{kind}_import_s"] = workload.import_organizations(orgs, url)
    facts.update(area=area, areas=areas, databases=databases, tracts=len(area.tracts),
                 branches=len(area.branches), organizations=n_orgs)  # fmt: skip
    return facts


def server_figures(facts: dict, work: Path) -> dict:
    out = {}
    for kind, url in facts["databases"].items():
        ours = server.measure_ours(facts["area"], url, work / "static", repeat=3)
        naive = server.measure_naive(facts["area"], url, repeat=2)
        out[kind] = {"ours": ours, "naive": naive}
    return out


STAGES = ("server", *BROWSER_STAGES, "pages")


def ratio(naive: float, ours: float) -> str:
    return f"{naive / ours:.1f}×" if ours else "—"


def _error_row(what: str, stage: dict) -> list[tuple[str, str, str, str]]:
    return [(f"{what}: FAILED", stage["error"][:60], "", "")] if "error" in stage else []


def table(results: dict) -> list[tuple[str, str, str, str]]:
    """Rows of (figure, ours, naive, ratio)."""
    rows = _server_rows(results.get("server", {}))
    rows += _browser_rows(results.get("browser", {}))
    cpu = results.get("pages_cpu", {})
    for page, seconds in results.get("pages", {}).items():
        spent = f" ({cpu[page]:.3f} s CPU)" if page in cpu else ""
        rows.append((f"demo city rerun: {page}", f"{seconds:.3f} s{spent}", "", ""))
    return rows


def _server_rows(server_results: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for kind, fig in server_results.items():
        o, n = fig["ours"], fig["naive"]
        first, rerun = "first_load_bytes", "per_rerun_bytes"
        rows += [
            (f"server: home-map rerun, NYC ({kind})", f"{o['rerun_s']:.3f} s",
             f"{n['rerun_s']:.2f} s", ratio(n["rerun_s"], o["rerun_s"])),
            (f"first-load bytes ({kind})", f"{o[first] / 1e6:.2f} MB",
             f"{n[first] / 1e6:.2f} MB", ratio(n[first], o[first])),
            (f"bytes per rerun ({kind})", f"{o[rerun] / 1e3:.0f} kB",
             f"{n[rerun] / 1e3:.0f} kB", ratio(n[rerun], o[rerun])),
        ]  # fmt: skip
    return rows


def _browser_rows(b: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    if "first_map_cold_s" in b:
        rows += [
            ("Chromium: first NYC map, cold server", f"{b['first_map_cold_s']:.1f} s", "", ""),
            ("Chromium: first NYC map, warm server (median of 3)",
             f"{b['first_map_warm_s']:.1f} s", "", ""),
            ("Chromium: bytes received, opening the app and choosing NYC (all of it, "
             "Streamlit's own files too)", f"{b['first_load_bytes'] / 1e6:.2f} MB", "", ""),
        ]  # fmt: skip
    f = b.get("filter_change")
    if f:
        first = b.get("first_load_bytes") or float("nan")
        rows += _error_row("filter changes", f) or [
            (f"Chromium: filter change → map updated (median of {len(f['times_s'])})",
             f"{f['median_s']:.2f} s" + (f", {len(f['missed'])} missed" if f.get("missed")
                                         else ""), "", ""),
            ("bytes per filter change / first load",
             f"{f['median_bytes'] / 1e3:.0f} kB ({100 * f['median_bytes'] / first:.1f} %)",
             "", ""),
        ]  # fmt: skip
    rows += _crowds_rows(b)
    t = b.get("two_servers")
    if t:
        rows += _error_row("two servers", t) or [
            ("two servers, one PostgreSQL: next rerun → edit on the map (slower of 2)",
             f"{max(t['seconds_to_seen']):.1f} s, after "
             f"{max(t.get('map_updates_until_seen', [0]))} update(s)", "", "")
        ]  # fmt: skip
    return rows


def _crowds_rows(b: dict) -> list[tuple[str, str, str, str]]:
    """Our crowd, then the same crowd with the map alone and on the one-list page."""
    rows: list[tuple[str, str, str, str]] = []
    c = b.get("crowd")
    if c:
        rows += _error_row("concurrent sessions", c) or _crowd_rows(c)
    alone = b.get("crowd_map_alone")
    if alone:
        rows += _error_row("the map alone", alone) or _other_crowd_rows(
            alone,
            ", the map's own work alone (states applied in the browser, no Streamlit "
            "rerun: a lower bound for filters acting inside the map)",
        )
    fl = b.get("crowd_floor")
    if fl:
        rows += _error_row("one-list Streamlit page", fl) or _other_crowd_rows(
            fl, " on a one-list Streamlit page (Streamlit's own floor here)"
        )
    return rows


def _crowd_rows(c: dict) -> list[tuple[str, str, str, str]]:
    return [
        (f"{c['sessions']} sessions changing filters for {c['seconds']:.0f} s, "
         f"{c.get('think_s', 1):g} s of reading between changes: p95, median, errors",
         _times(c), "", ""),
        ("filter changes in that time; CPU seconds per change (all processes; "
         "Chromium's renderers)", _changes(c), "", ""),
        ("memory per extra session", _memory(c["memory_per_extra_session_mb"]), "", ""),
    ]  # fmt: skip


def _other_crowd_rows(c: dict, what: str) -> list[tuple[str, str, str, str]]:
    """The same crowd another way (``what``): the map alone, or bench/floor_app.py."""
    return [
        (f"{c['sessions']} sessions{what}: p95, median, errors", _times(c), "", ""),
        ("its changes; CPU seconds per change (all processes; Chromium's renderers)",
         _changes(c), "", ""),
    ]  # fmt: skip


def _times(c: dict) -> str:
    return f"{c['p95_s']:.2f} s, {c['median_s']:.2f} s, {c['errors']}"


def _changes(c: dict) -> str:
    cpu = c.get("cpu_s_per_interaction", {})
    renderer = sum(v for k, v in cpu.items() if "renderer" in k)
    return f"{c['interactions']}; {sum(cpu.values()):.2f} s ({renderer:.2f} s)"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=os.environ.get("ASSETS_TEST_POSTGRES_URL"))
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--crowd-seconds", type=float, default=60.0)
    parser.add_argument(
        "--think-seconds", type=float, default=1.0,
        help="crowd: reading time between a map update and the session's next change",
    )  # fmt: skip
    parser.add_argument(
        "--only", default=",".join(STAGES),
        help=f"comma-separated stages to run (of {', '.join(STAGES)}); the others' figures "
        "are kept from --out when it exists",
    )  # fmt: skip
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium stages")
    parser.add_argument("--server-only", action="store_true", help="--only server")
    parser.add_argument(
        "--work", type=Path, help="keep the workload in this folder and reuse it if it is there"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results.json")
    args = parser.parse_args()
    args.only = [x.strip() for x in args.only.split(",") if x.strip()]
    if args.server_only:
        args.only = ["server"]
    if args.skip_browser:
        args.only = [x for x in args.only if x not in BROWSER_STAGES]
    unknown = set(args.only) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    return args


def measure(args: argparse.Namespace, results: dict) -> None:
    """Run the stages of ``args.only`` into ``results``."""
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        work = args.work or Path(tmp)
        pg_url = args.postgres_url if {"server", "two-servers"} & set(args.only) else None
        facts = prepare(work, args.organizations, pg_url)
        results["workload"] = {k: v for k, v in facts.items() if isinstance(v, (int, float))}
        if "server" in args.only:
            results["server_load"] = os.getloadavg()[0]
            results["server"] = {**results.get("server", {}), **server_figures(facts, work)}
        if set(BROWSER_STAGES) & set(args.only):
            measured = asyncio.run(browser_figures(facts, work, args))
            results["browser"] = {**results.get("browser", {}), **measured}
        if "pages" in args.only:
            import pages  # AppTest last: it changes process-wide Streamlit state

            results.pop("pages_error", None)
            try:
                results["pages_cpu"] = {}
                results["pages"] = pages.page_reruns(work, cpu=results["pages_cpu"])
            except Exception as err:  # noqa: BLE001 - reported, the rest of the run is kept
                results["pages_error"] = f"{type(err).__name__}: {err}"[:300]
        if "_pg_admin" in facts:
            name = sa.make_url(facts["databases"]["postgresql"]).database
            with facts["_pg_admin"].connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    keep = set(args.only) != set(STAGES) and args.out.exists()
    results: dict = json.loads(args.out.read_text(encoding="utf-8")) if keep else {}
    results.update(machine=machine(), when=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    results["stages_run"] = args.only
    measure(args, results)
    results["total_s"] = time.perf_counter() - started
    rows = table(results)
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'figure':<{width}}  {'ours':>24}  {'naive':>10}  {'ratio':>7}")
    for r in rows:
        print(f"{r[0]:<{width}}  {r[1]:>24}  {r[2]:>10}  {r[3]:>7}")
    print(results["machine"])
    args.out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"written to {args.out}")


def _memory(mb: float) -> str:
    """Memory per extra session; under 0.1 MB is below what the server's RSS can tell."""
    return f"{mb:.1f} MB" if mb >= 0.1 else "< 0.1 MB (read-only data held once)"


if __name__ == "__main__":
    main()

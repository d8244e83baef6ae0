"""Put the figures of a ``bench/run.py`` results file into README.md's speed section.

python bench/readme.py bench/results.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import table  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- speed-figures -->", "<!-- /speed-figures -->"
CAPACITY = "<!-- capacity-figures -->", "<!-- /capacity-figures -->"


def markdown(results: dict) -> str:
    """The run's table as Markdown, with the machine and the noise warning."""
    lines = ["| figure | ours | naive folium | ratio |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in table(results)]
    w = results.get("workload", {})
    lines += [
        "",
        f"Run of {results['when']}: {w.get('tracts', '?')} tracts, "
        f"{w.get('branches', '?')} branches, {w.get('organizations', '?')} organizations; "
        f"{results['machine']}. Seconds follow the load (each stage's is below); the "
        "ratios, measured in the same run, are the steadier figures.",
    ]
    loads = _stage_loads(results)
    if loads:
        lines += ["", f"Load average (1 min) when each stage started: {loads}."]
    if results.get("notes"):  # what the run showed, written by whoever ran it
        lines += ["", results["notes"]]
    return "\n".join(lines)


def capacity_markdown(results: dict) -> str:
    """``bench/capacity.py``'s sweep: p95 by number of sessions and reading time."""
    c = results["capacity"]
    lines = [
        "| sessions | reading between changes | p95 | median | changes in 60 s | errors "
        "| CPU-s per change |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in c["rows"]:
        lines.append(
            f"| {r['sessions']} | {r['think_s']:g} s | {r['p95_s']:.2f} s | {r['median_s']:.2f} s "
            f"| {r['interactions']} | {r['errors']} | {r['cpu_s_per_change']:.2f} |"
        )
    lines += ["", f"Run of {c.get('when', '?')} on {c['machine']} ({c.get('note', '')})."]
    return "\n".join(lines)


def _replace(text: str, marks: tuple[str, str], body: str) -> str:
    head, rest = text.split(marks[0], 1)
    _, tail = rest.split(marks[1], 1)
    return f"{head}{marks[0]}\n{body}\n{marks[1]}{tail}"


def _stage_loads(results: dict) -> str:
    b = results.get("browser", {})
    found = [
        ("server", results.get("server_load")),
        ("first map", b.get("first_map_load")),
        ("filter changes", b.get("filter_change_load")),
        ("20 sessions", b.get("crowd_load")),
        ("20 sessions, the map alone", b.get("crowd_map_alone_load")),
        ("20 sessions on the one-list page", b.get("crowd_floor_load")),
        ("two servers", b.get("two_servers_load")),
    ]
    return ", ".join(f"{name} {load:.1f}" for name, load in found if load is not None)


def main() -> None:
    results = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    text = _replace(README.read_text(encoding="utf-8"), (START, END), markdown(results))
    if "capacity" in results and CAPACITY[0] in text:
        text = _replace(text, CAPACITY, capacity_markdown(results))
    README.write_text(text, encoding="utf-8")
    print(f"README.md speed section updated from {sys.argv[1]}")


if __name__ == "__main__":
    main()

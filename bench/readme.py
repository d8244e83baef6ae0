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
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{markdown(results)}\n{END}{tail}", encoding="utf-8")
    print(f"README.md speed section updated from {sys.argv[1]}")


if __name__ == "__main__":
    main()

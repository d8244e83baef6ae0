"""Command line: ``python -m geo.demo [--out DIR]`` writes the demo city (default data/demo)."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.config import DEMO_DIR
from geo.demo.generate import generate_demo_city


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, generate the demo city and return the exit status (0)."""
    parser = argparse.ArgumentParser(
        prog="python -m geo.demo",
        description="Write the illustrative demo city Riverton (not a real place).",
    )
    parser.add_argument("--out", type=Path, default=DEMO_DIR, help=f"folder (default {DEMO_DIR})")
    args = parser.parse_args(argv)
    counts = generate_demo_city(args.out)
    print(f"Wrote Riverton to {args.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

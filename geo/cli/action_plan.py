"""``python -m geo action-plan export PATH``: the action plan as CSV or a calendar, scheduled."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from geo.config import load_settings

HELP = "export the action plan (CSV or .ics calendar) from the shared database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``export PATH [--format csv|ics]``."""
    sub = parser.add_subparsers(dest="plan_command", required=True)
    export = sub.add_parser("export", help=HELP)
    export.add_argument("path", type=Path, help="e.g. action-plan.ics")
    export.add_argument(
        "--format",
        choices=("csv", "ics"),
        default=None,
        help="default: from the file name's extension",
    )


def run(args: argparse.Namespace) -> int:
    """Write the current action plan (overdue steps marked) to ``args.path``."""
    from geo.db import open_database
    from geo.db.action_plan import list_steps
    from geo.fieldwork.action_plan import describe_undated, mark_overdue
    from geo.fieldwork.exports import to_csv_bytes
    from geo.fieldwork.ics import export_ics

    fmt = args.format or ("ics" if args.path.suffix.lower() == ".ics" else "csv")
    engine = open_database(load_settings().database_url)
    with Session(engine) as session:
        steps = mark_overdue(list_steps(session), today=date.today())
    data = export_ics(steps.to_dict("records")) if fmt == "ics" else to_csv_bytes(steps)
    args.path.parent.mkdir(parents=True, exist_ok=True)
    args.path.write_bytes(data)
    print(f"wrote {len(steps)} steps to {args.path}")
    if fmt == "ics" and (undated := describe_undated(steps)):
        print(undated, file=sys.stderr)
    return 0

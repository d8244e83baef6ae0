"""``python -m geo action-plan export|pdf``: the action plan as CSV, a calendar or a PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session

from geo.config import load_settings

HELP = "export the action plan (CSV or .ics calendar) from the shared database"
PDF_HELP = "print the action plan as a PDF for a team meeting (filters as on the page)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``export PATH [--format csv|ics]`` and ``pdf --out PATH [filters]``."""
    sub = parser.add_subparsers(dest="plan_command", required=True)
    export = sub.add_parser("export", help=HELP)
    export.add_argument("path", type=Path, help="e.g. action-plan.ics")
    export.add_argument(
        "--format",
        choices=("csv", "ics"),
        default=None,
        help="default: from the file name's extension",
    )
    pdf = sub.add_parser("pdf", help=PDF_HELP, description=PDF_HELP)
    pdf.add_argument("--out", type=Path, required=True, help="e.g. action-plan.pdf")
    pdf.add_argument(
        "--status", action="append", default=[], help="open, in_progress, done, dropped (repeat)"
    )
    pdf.add_argument("--branch", default=None, help="only the steps of this branch id")
    pdf.add_argument("--who", default=None, help="only the steps of this person (whole name)")
    pdf.add_argument("--group-by", choices=("due", "status"), default="due")
    pdf.add_argument("--language", default="en", help="the sheet's own words: en, es, fr, ar, zh")
    pdf.add_argument("--include-archived", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Write the current action plan (overdue steps marked) to ``args.path``."""
    if args.plan_command == "pdf":
        return _run_pdf(args)
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


def _read_plan(include_archived: bool) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """Steps with branch names, branch names by id, and names of linked organizations."""
    from geo.db import list_assets, list_branches
    from geo.db.action_plan import list_steps
    from geo.demo_fieldwork import open_as_the_app

    settings = load_settings()
    engine = open_as_the_app(settings)  # as the app
    with Session(engine) as session:
        steps = list_steps(session, include_archived=include_archived)
        branches, organizations = list_branches(session), list_assets(session)
    names = dict(zip(branches["branch_id"], branches["name"], strict=True))
    steps["branch"] = steps["branch_id"].map(names)
    links = zip(organizations["organization_id"], organizations["name"], strict=True)
    return steps, names, {f"asset:{i}": name for i, name in links}


def _run_pdf(args: argparse.Namespace) -> int:
    """Write the filtered plan as a PDF; one line says how many steps it holds."""
    from geo.errors import ValidationError
    from geo.fieldwork.action_plan import StepFilter, filter_steps
    from geo.i18n import INTERFACE_LANGUAGES, N_, is_rtl, translator
    from geo.pdf.action_plan import PlanSheet, build_action_plan_pdf

    if args.language not in INTERFACE_LANGUAGES:
        known = ", ".join(INTERFACE_LANGUAGES)
        raise ValidationError(f"No interface language '{args.language}'; use one of {known}.")
    chosen = StepFilter(statuses=tuple(args.status), branch_id=args.branch, who=args.who)
    steps, branches, link_names = _read_plan(args.include_archived)
    if args.branch and args.branch not in branches:
        known = ", ".join(list(branches)[:10])
        raise ValidationError(f"No branch '{args.branch}'. Known branches: {known}.")
    branch = branches.get(args.branch or "", "")
    tr = translator(args.language)
    sheet = PlanSheet(
        scope=branch or tr.gettext(N_("all branches")),
        today=date.today(),
        group_by=args.group_by,
        chosen=chosen,
        branch_name=branch,
        link_names=link_names,
        rtl=is_rtl(args.language),
        language=args.language,
    )
    shown = filter_steps(steps, chosen)
    pdf = build_action_plan_pdf(shown, sheet, translate=tr.gettext, n_=tr.ngettext)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    print(f"wrote {len(shown)} of {len(steps)} steps to {args.out}")
    return 0

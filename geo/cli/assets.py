"""``python -m geo assets import|export``: the command-line face of :mod:`geo.io`.

Register in geo/__main__.py as ``"assets": (HELP, add_arguments, run)``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from geo.errors import GeoError, ValidationError
from geo.io.exporters import EXPORT_FORMATS, export_assets
from geo.io.geocoding import PROVIDERS, make_geocoder
from geo.io.importer import DUPLICATE_CHOICES, ImportPlan, prepare_import, run_import
from geo.io.report import report_to_csv
from geo.io.sync_cli import add_sync_arguments, run_sync_command

HELP = "import organizations from a file, sync with a feed, or export them"
_SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "geojson": ".geojson", "gpkg": ".gpkg", "hsds": ".zip"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``import`` and ``export`` sub-commands to the ``assets`` parser."""
    sub = parser.add_subparsers(dest="assets_command", required=True)
    imp = sub.add_parser("import", help="import CSV, .xlsx, GeoJSON, GeoPackage or HSDS")
    imp.add_argument("path", type=Path, help="file, HSDS datapackage folder or zip")
    imp.add_argument("--user", default=None, help="name for the change log (default: login)")
    imp.add_argument(
        "--only-valid",
        action="store_true",
        help="import the valid rows even if others are rejected",
    )
    imp.add_argument(
        "--duplicates",
        choices=DUPLICATE_CHOICES,
        default="ask",
        help="possible duplicates: ask (stop, default), skip, import anyway",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="override the column mapping, e.g. --map name='Agency Name'",
    )
    imp.add_argument(
        "--geocode",
        choices=("none", *PROVIDERS),
        default="none",
        help="place rows without coordinates from their address (needs internet)",
    )
    imp.add_argument("--report", type=Path, default=None, help="write the validation report CSV")
    imp.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    add_sync_arguments(sub)
    exp = sub.add_parser("export", help="export organizations")
    exp.add_argument("path", type=Path, help="output file")
    exp.add_argument(
        "--format", choices=EXPORT_FORMATS, default=None, help="default: from the file extension"
    )
    exp.add_argument("--include-archived", action="store_true", help="also export archived ones")


def _open_engine() -> Engine:
    from geo.config import load_settings
    from geo.db.session import open_database

    return open_database(load_settings().database_url)


def _mapping(plan_columns: list[str], overrides: list[str]) -> dict[str, str | None] | None:
    if not overrides:
        return None
    from geo.io.mapping import propose_mapping

    mapping: dict[str, str | None] = dict(propose_mapping(plan_columns))
    for item in overrides:
        field, sep, column = item.partition("=")
        if not sep:
            raise GeoError(f"--map needs FIELD=COLUMN, got '{item}'.")
        mapping[field.strip()] = column.strip() or None
    return mapping


def _write_report(plan: ImportPlan, path: Path | None) -> None:
    if path is not None:
        path.write_bytes(report_to_csv(plan.report))
        print(f"report: {path}")


def run_import_command(args: argparse.Namespace) -> int:
    """Import one file into the configured database; 0 on success."""
    from geo.io.sources import read_source

    table = read_source(args.path)
    engine = _open_engine()
    with Session(engine) as session:
        plan = prepare_import(
            table, mapping=_mapping(list(table.frame.columns), args.map), session=session
        )
    print(plan.report.summary())
    _write_report(plan, args.report)
    if args.dry_run:
        return 1 if plan.report.rejected_rows else 0
    geocoder = None if args.geocode == "none" else make_geocoder(args.geocode)

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    user = args.user or getpass.getuser()
    try:
        with Session(engine) as session, session.begin():
            result = run_import(
                session,
                plan,
                user=user,
                import_only_valid=args.only_valid,
                duplicates=args.duplicates,
                geocoder=geocoder,
                progress=progress,
            )
    except ValidationError:
        print(file=sys.stderr)
        raise
    print(
        f"\nimported {result.imported}; skipped {len(result.skipped_rows)}; "
        f"needs location {len(result.needs_location)}"
    )
    return 0


def run_export_command(args: argparse.Namespace) -> int:
    """Export organizations to a file; 0 on success."""
    fmt = args.format or {v: k for k, v in _SUFFIX.items()}.get(args.path.suffix.lower())
    if fmt is None:
        raise GeoError(
            f"Cannot tell the format from '{args.path.name}'. Add --format "
            f"({', '.join(EXPORT_FORMATS)})."
        )
    with Session(_open_engine()) as session:
        path = export_assets(session, args.path, fmt, include_archived=args.include_archived)
    print(f"wrote {path}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Dispatch ``assets import`` / ``assets export``."""
    if args.assets_command == "import":
        return run_import_command(args)
    if args.assets_command == "sync":
        return run_sync_command(args)
    return run_export_command(args)

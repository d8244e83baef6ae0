"""``python -m geo db ...``: migrate, back up and restore the shared database from a scheduler."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from geo.config import load_settings

HELP = "migrate, back up or restore the shared asset database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands ``upgrade``, ``backup PATH`` and ``restore PATH --yes``."""
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser("upgrade", help="create or migrate the tables (and seed the demo if empty)")
    backup = sub.add_parser("backup", help="write the whole database to one file")
    backup.add_argument("path", type=Path, help="e.g. backups/atlas-2026-11-26.jsonl.gz")
    restore = sub.add_parser("restore", help="replace the whole database with a backup file")
    restore.add_argument("path", type=Path)
    restore.add_argument(
        "--yes",
        action="store_true",
        help="confirm that everything in the database will be replaced",
    )


def run(args: argparse.Namespace) -> int:
    """Run one ``db`` sub-command against the configured ``DATABASE_URL``."""
    from geo.db import backup_database, open_database, restore_database

    settings = load_settings()
    engine = open_database(settings.database_url, seed_demo_from=settings.demo_dir)
    if args.db_command == "upgrade":
        print("database is at the newest schema")
        return 0
    if args.db_command == "backup":
        args.path.parent.mkdir(parents=True, exist_ok=True)
        with Session(engine) as session:
            counts = backup_database(session, args.path)
        print(f"wrote {args.path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
        return 0
    if not args.yes:
        print("restore replaces everything in the database; add --yes to confirm")
        return 2
    with Session(engine) as session, session.begin():
        counts = restore_database(session, args.path)
    print(f"restored {args.path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0

"""``python -m geo db ...``: migrate, back up and restore the shared database from a scheduler."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from geo.config import load_settings

HELP = "migrate, back up or restore the shared asset database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands ``upgrade``, ``backup PATH`` and ``restore PATH --yes``."""
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser("upgrade", help="create or migrate the tables (and seed the demo if empty)")
    backup = sub.add_parser(
        "backup",
        help="write the whole database to one file, or into a folder keeping the newest N",
    )
    backup.add_argument(
        "path",
        type=Path,
        help="a file (e.g. atlas.jsonl.gz), or a folder (e.g. backups/) for nightly backups",
    )
    backup.add_argument(
        "--keep",
        type=int,
        default=None,
        help="backups kept in a folder (default: WELCOME_ATLAS_BACKUP_KEEP)",
    )
    restore = sub.add_parser("restore", help="replace the whole database with a backup file")
    restore.add_argument("path", type=Path)
    restore.add_argument(
        "--yes",
        action="store_true",
        help="confirm that everything in the database will be replaced",
    )
    _add_erasure_arguments(sub)


def _add_erasure_arguments(sub: argparse._SubParsersAction) -> None:
    erase = sub.add_parser(
        "erase-person", help="erase a person's data on request (contacts, notes, history)"
    )
    erase.add_argument("name", help="the person's full name, as stored")
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    erase.add_argument("--user", default=None, help="who carries out the request")
    due = sub.add_parser(
        "contacts-due",
        help="list contact persons older than WELCOME_ATLAS_CONTACT_RETENTION_MONTHS",
    )
    due.add_argument("--months", type=int, default=None)


def run(args: argparse.Namespace) -> int:
    """Run one ``db`` sub-command against the configured ``DATABASE_URL``."""
    from geo.db import restore_database
    from geo.demo_fieldwork import open_as_the_app

    settings = load_settings()
    engine = open_as_the_app(settings)
    if args.db_command == "upgrade":
        print("database is at the newest schema")
        return 0
    if args.db_command == "backup":
        return _backup(engine, args, settings.backup_keep)
    if args.db_command in ("erase-person", "contacts-due"):
        return _erasure(engine, args, settings.contact_retention_months)
    if not args.yes:
        print("restore replaces everything in the database; add --yes to confirm")
        return 2
    with Session(engine) as session, session.begin():
        counts = restore_database(session, args.path, user=f"{getpass.getuser()} (command line)")
    print(f"restored {args.path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def _backup(engine: Engine, args: argparse.Namespace, keep: int) -> int:
    """A file name writes that file; a folder gets a time-stamped file and is pruned."""
    from geo.db.backup import backup_database, backup_to_folder

    path: Path = args.path
    with Session(engine) as session:
        if path.is_dir() or not path.suffix:
            path, counts = backup_to_folder(session, path, keep=args.keep or keep)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            counts = backup_database(session, path)
    print(f"wrote {path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def _erasure(engine: Engine, args: argparse.Namespace, months: int) -> int:
    from geo.db.erasure import contacts_due_for_review, erase_person

    if args.db_command == "contacts-due":
        months = months if args.months is None else args.months
        with Session(engine) as session:
            due = contacts_due_for_review(session, months=months)
        for row in due:
            print(
                f"{row['last_changed']:%Y-%m-%d}\t{row['id']}\t{row['organization']}\t{row['contact']}"
            )
        print(f"{len(due)} contact persons not changed for {months} months")
        return 0
    if not args.yes:
        print("erasure cannot be undone (backups still hold the person); add --yes to confirm")
        return 2
    user = args.user or f"{getpass.getuser()} (command line)"
    with Session(engine) as session, session.begin():
        report = erase_person(session, args.name, user=user)
    print(
        "erased: " + ", ".join(f"{n} {w.replace('_', ' ')}" for w, n in report.as_counts().items())
    )
    return 0

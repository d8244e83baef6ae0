"""``python -m geo assets sync PATH --source NAME``: the nightly feed sync from a scheduler."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from sqlalchemy.orm import Session


def add_sync_arguments(sub: argparse._SubParsersAction) -> None:
    """The ``sync`` sub-command of ``assets``."""
    sync = sub.add_parser(
        "sync",
        help="sync with a feed (HSDS datapackage or file with ids): add, update, archive",
    )
    sync.add_argument("path", type=Path, help="the feed: HSDS folder or zip, or a file with ids")
    sync.add_argument(
        "--source",
        default=None,
        help="the feed's stable name, e.g. open211-miami (default: the file or folder name)",
    )
    sync.add_argument("--user", default=None, help="who runs it (default: login)")
    sync.add_argument("--dry-run", action="store_true", help="print the report; write nothing")
    sync.add_argument(
        "--max-archive-share",
        type=float,
        default=None,
        help="refuse if more than this share would be archived "
        "(default: WELCOME_ATLAS_SYNC_MAX_ARCHIVE_SHARE)",
    )


def run_sync_command(args: argparse.Namespace) -> int:
    """Run one sync; the report goes to standard output."""
    from geo.config import load_settings
    from geo.db import open_database
    from geo.io.sync import sync_feed

    settings = load_settings()
    engine = open_database(settings.database_url, seed_demo_from=settings.demo_dir)
    share = settings.sync_max_archive_share
    with Session(engine) as session:
        report = sync_feed(
            session,
            args.path,
            source=args.source or args.path.stem,
            user=args.user or f"{getpass.getuser()} (command line)",
            max_archive_share=share if args.max_archive_share is None else args.max_archive_share,
            dry_run=args.dry_run,
        )
        if args.dry_run:
            session.rollback()
        else:
            session.commit()
    for line in report.lines():
        print(line)
    return 0

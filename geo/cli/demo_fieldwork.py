"""``python -m geo demo-fieldwork``: add the demo's illustrative field work to a database.

A database created before the setting existed (or with it off) holds the demo city but an
empty engagement log, action plan and presenter; this adds the same records a fresh demo
database gets, once: a database with any field work or story is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sqlalchemy.orm import Session

from geo.config import load_settings

HELP = (
    "add the demo city's illustrative field work (log, action plan, staff, a walk) and "
    "presenter story to a database that holds the demo city and no field work yet"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the database is ``DATABASE_URL``."""
    parser.description = HELP


def run(args: argparse.Namespace) -> int:
    """Add the records, or say in one line why nothing was added (status 1: not the demo)."""
    from geo.db import open_database
    from geo.db.demo_fieldwork import missing_references
    from geo.demo_fieldwork import seed_demo_fieldwork

    engine = open_database(load_settings().database_url)
    with Session(engine) as session, session.begin():
        missing = missing_references(session)
        if missing:
            print(
                f"error: this database does not hold the demo city ({len(missing)} of its "
                f"organizations and branches are missing, e.g. {missing[0]}); nothing was added.",
                file=sys.stderr,
            )
            return 1
        added = seed_demo_fieldwork(session, today=date.today())
    engine.dispose()
    if not added.slides:
        print("The database already has field work or a story; nothing was added.")
        return 0
    work = added.fieldwork
    print(
        f"Added {work.entries} engagement log entries, {work.steps} action steps, "
        f"{work.staff} staff, {work.walks} walk and a story of {added.slides} slides "
        "(illustrative)."
    )
    return 0

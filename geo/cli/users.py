"""``python -m geo users add|list|set-role|deactivate|activate|set-password``.

Whoever can run this on the server can already read the database file, so the command
line needs no sign-in; its changes are recorded as ``<login> (command line)``. Passwords
are read with getpass (typed twice) or from standard input, never from an argument.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.orm import Session

from geo.accounts.accounts import (
    create_account,
    list_accounts,
    set_active,
    set_password,
    set_role,
)
from geo.accounts.roles import ROLES
from geo.config import load_settings
from geo.db.session import open_database
from geo.errors import ValidationError

HELP = "create staff accounts and change their roles (first admin: users add NAME --role admin)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``users`` sub-commands."""
    sub = parser.add_subparsers(dest="users_command", required=True)
    add = sub.add_parser("add", help="create an account (asks for the password twice)")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument("--display-name", default=None)
    add.add_argument("--email", default=None, help="for sign-in through an identity provider")
    add.add_argument("--branch", default=None)
    add.add_argument("--team", default=None)
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (one line)",
    )
    add.add_argument(
        "--no-password", action="store_true", help="identity-provider sign-in only (needs --email)"
    )
    sub.add_parser("list", help="list accounts")
    role = sub.add_parser("set-role", help="change an account's role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    for name, text in (
        ("deactivate", "stop an account from signing in"),
        ("activate", "let a deactivated account sign in again"),
    ):
        sub.add_parser(name, help=text).add_argument("username")
    pw = sub.add_parser("set-password", help="set a new password (asks twice)")
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise ValidationError("The two passwords differ; nothing was saved. Try again.")
    return first


def run(args: argparse.Namespace) -> int:
    """Run one ``users`` sub-command against DATABASE_URL."""
    engine = open_database(load_settings().database_url)
    by = f"{getpass.getuser()} (command line)"
    command = args.users_command
    with Session(engine) as session, session.begin():
        if command == "add":
            password = None if args.no_password else _read_password(args.password_stdin)
            if password is None and not args.email:
                raise ValidationError("An account without a password needs --email.")
            account = create_account(
                session,
                args.username,
                role=args.role,
                by=by,
                password=password,
                display_name=args.display_name,
                email=args.email,
                branch=args.branch,
                team=args.team,
            )
            print(f"Created {account.username} ({account.role}).")
        elif command == "list":
            for a in list_accounts(session):
                state = "" if a.active else "  [deactivated]"
                print(f"{a.username:24} {a.role:8} {a.display_name}{state}")
        elif command == "set-role":
            print(
                f"{set_role(session, args.username, args.role, by=by).username} is now {args.role}."
            )
        elif command in ("deactivate", "activate"):
            set_active(session, args.username, command == "activate", by=by)
            print(f"{args.username}: {command}d.")
        elif command == "set-password":
            set_password(session, args.username, _read_password(args.password_stdin), by=by)
            print(f"New password saved for {args.username}.")
    engine.dispose()
    return 0

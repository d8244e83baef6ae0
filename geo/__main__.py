"""Command line: ``python -m geo <command>`` for what a system would schedule.

Commands register themselves in :data:`COMMANDS` as (help, add_arguments, run).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from geo.errors import GeoError

Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _vendor_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--node-modules", default=None, help="default: ./node_modules")
    parser.add_argument("--static-dir", default=None, help="default: ./static")


def _vendor_run(args: argparse.Namespace) -> int:
    from geo import vendor

    argv = []
    if args.node_modules:
        argv += ["--node-modules", args.node_modules]
    if args.static_dir:
        argv += ["--static-dir", args.static_dir]
    return vendor.main(argv)


def _demo_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=None, help="default: data/demo")


def _demo_run(args: argparse.Namespace) -> int:
    from geo.demo.__main__ import main as demo_main

    return demo_main(["--out", args.out] if args.out else [])


def _assets_args(parser: argparse.ArgumentParser) -> None:
    from geo.io import cli

    cli.add_arguments(parser)


def _assets_run(args: argparse.Namespace) -> int:
    from geo.io import cli

    return cli.run(args)


def _users_args(parser: argparse.ArgumentParser) -> None:
    from geo.auth import cli

    cli.add_arguments(parser)


def _users_run(args: argparse.Namespace) -> int:
    from geo.auth import cli

    return cli.run(args)


def _study_area_args(parser: argparse.ArgumentParser) -> None:
    from geo.census import cli

    cli.add_study_area_arguments(parser)


def _study_area_run(args: argparse.Namespace) -> int:
    from geo.census import cli

    return cli.run_study_area(args)


def _profile_args(parser: argparse.ArgumentParser) -> None:
    from geo.census import cli

    cli.add_profile_arguments(parser)


def _profile_run(args: argparse.Namespace) -> int:
    from geo.census import cli

    return cli.run_profile(args)


def _module(name: str):  # noqa: ANN202 - a command module with add_arguments/run
    """Import a command's module only when that command is used (keeps --help fast)."""
    import importlib

    return importlib.import_module(name)


COMMANDS: dict[str, Command] = {
    "assets": ("import or export organizations of the shared database", _assets_args,
               _assets_run),
    "db": ("migrate, back up or restore the shared asset database",
           lambda parser: _module("geo.db.cli").add_arguments(parser),
           lambda args: _module("geo.db.cli").run(args)),
    "action-plan": ("export the action plan (CSV or .ics calendar)",
                    lambda parser: _module("geo.fieldwork.cli").add_arguments(parser),
                    lambda args: _module("geo.fieldwork.cli").run(args)),
    "vendor": ("install the offline map files (Leaflet and plugins) from node_modules",
               _vendor_args, _vendor_run),
    "demo": ("regenerate the illustrative demo city", _demo_args, _demo_run),
    "users": ("create staff accounts and change roles (first admin: "
              "users add NAME --role admin)", _users_args, _users_run),
    "study-area": ("import, list or delete study areas (census tracts and tables)",
                   _study_area_args, _study_area_run),
    "profile": ("print the community profile of an area as JSON", _profile_args, _profile_run),
}


def build_parser() -> argparse.ArgumentParser:
    """The parser with one sub-command per entry of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_arguments, run) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(child)
        child.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; domain errors print as one clear line and exit with status 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except GeoError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

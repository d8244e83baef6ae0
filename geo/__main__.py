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
    from pathlib import Path

    from geo.maps import vendor
    from geo.pdf import fonts

    argv = []
    if args.node_modules:
        argv += ["--node-modules", args.node_modules]
    if args.static_dir:
        argv += ["--static-dir", args.static_dir]
    status = vendor.main(argv)
    if status:
        return status
    # After the map files: installing them replaces static/vendor/ as a whole.
    node_modules = Path(args.node_modules or "node_modules")
    font_dir = Path(args.static_dir or "static") / "vendor" / "fonts"
    print(f"Made {len(fonts.FONTS)} PDF fonts in {fonts.install_fonts(node_modules, font_dir)}.")
    return 0


def _demo_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=None, help="default: data/demo")


def _demo_run(args: argparse.Namespace) -> int:
    from geo.demo.__main__ import main as demo_main

    return demo_main(["--out", args.out] if args.out else [])


def _lazy(module: str, function: str) -> Callable:
    """A command's function, imported only when that command runs (keeps --help fast)."""

    def call(arg):  # noqa: ANN001, ANN202 - a parser or parsed arguments
        import importlib

        return getattr(importlib.import_module(module), function)(arg)

    return call


def _command(help_text: str, module: str, add: str = "add_arguments", run: str = "run") -> Command:
    return (help_text, _lazy(module, add), _lazy(module, run))


COMMANDS: dict[str, Command] = {
    "assets": _command("import or export organizations of the shared database", "geo.cli.assets"),
    "db": _command("migrate, back up or restore the shared asset database", "geo.cli.database"),
    "action-plan": _command(
        "export or print the action plan (CSV, .ics calendar or PDF)", "geo.cli.action_plan"
    ),
    "vendor": (
        "install the offline map files (Leaflet and plugins) and PDF fonts from node_modules",
        _vendor_args,
        _vendor_run,
    ),
    "demo": ("regenerate the illustrative demo city", _demo_args, _demo_run),
    "demo-fieldwork": _command(
        "add the demo city's illustrative field work and presenter story to the database",
        "geo.cli.demo_fieldwork",
    ),
    "users": _command(
        "create staff accounts and change roles (first admin: users add NAME --role admin)",
        "geo.cli.users",
    ),
    "study-area": _command(
        "import, list or delete study areas (census tracts and tables)",
        "geo.cli.study_areas",
        "add_study_area_arguments",
        "run_study_area",
    ),
    "handout": _command(
        "write a branch's one-page 'where to get help' handout per language (PDF)",
        "geo.cli.handout",
    ),
    "i18n": _command("update the interface catalogs or start a new language", "geo.catalogs"),
    "gaps": _command(
        "rank tracts by language need against the organizations that serve it",
        "geo.cli.gaps",
    ),
    "profile": _command(
        "print the community profile of an area as JSON",
        "geo.cli.study_areas",
        "add_profile_arguments",
        "run_profile",
    ),
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

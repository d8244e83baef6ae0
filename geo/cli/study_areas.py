"""``python -m geo study-area …`` and ``python -m geo profile …`` (schedulable refreshes).

Registered in geo/__main__.py as two (help, add_arguments, run) entries.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.analysis.catchments import RULES, describe_selection
from geo.census.community import build_community_profile
from geo.census.imports import (
    ImportReport,
    import_census_api,
    import_census_download,
    import_generic,
)
from geo.census.profile_export import profile_json
from geo.census.store import StudyAreaStore
from geo.config import load_settings

STUDY_AREA_HELP = "import, list or delete study areas (census tracts and tables)"
PROFILE_HELP = "print the community profile of an area as JSON"


def _store() -> StudyAreaStore:
    settings = load_settings()
    return StudyAreaStore(settings.study_areas_dir, settings.demo_dir)


def _counties(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def _progress(done: int, total: int) -> None:
    print(f"  step {done}/{total}", file=sys.stderr)


def add_study_area_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands: import-download, fetch-api, import-generic, list, delete."""
    sub = parser.add_subparsers(dest="study_area_command", required=True)
    _download_arguments(
        sub.add_parser("import-download", help="data.census.gov downloads + tract file")
    )
    _api_arguments(sub.add_parser("fetch-api", help="Census Data API (cached) + tract boundaries"))
    _generic_arguments(sub.add_parser("import-generic", help="any polygon layer + CSV of counts"))
    sub.add_parser("list", help="list study areas")
    zone = sub.add_parser("set-time-zone", help="the time zone in which 'open now' is told")
    zone.add_argument("name")
    zone.add_argument("time_zone", help="an IANA name, e.g. America/Chicago")
    delete = sub.add_parser("delete", help="delete an imported study area")
    delete.add_argument("name")


def _named(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", required=True)
    parser.add_argument("--label", default=None)


def _download_arguments(down: argparse.ArgumentParser) -> None:
    _named(down)
    down.add_argument(
        "--tracts",
        type=Path,
        required=True,
        help="tract boundaries: zipped shapefile, .shp, GeoJSON or GeoPackage",
    )
    down.add_argument(
        "--acs",
        type=Path,
        nargs="+",
        required=True,
        help="-Data.csv and -Column-Metadata.csv files",
    )
    down.add_argument("--vintage", default=None, help="default: from the file names")
    down.add_argument("--counties", default=None, help="e.g. 36005,36047 (default: the data's)")
    down.add_argument("--branches-imls", type=Path, default=None, help="IMLS PLS outlet CSV")


def _api_arguments(api: argparse.ArgumentParser) -> None:
    _named(api)
    api.add_argument("--year", type=int, required=True, help="e.g. 2023 = ACS 2019-2023")
    api.add_argument("--state", required=True, help="two-digit FIPS, e.g. 36")
    api.add_argument("--counties", required=True, help="three-digit FIPS, e.g. 005,047")
    api.add_argument("--tables", required=True, help="e.g. B05006,B01003,C16001")
    api.add_argument("--key", default=None, help="default: $CENSUS_API_KEY")
    api.add_argument(
        "--tracts",
        type=Path,
        default=None,
        help="tract file (default: download the Census cartographic boundaries)",
    )
    api.add_argument("--branches-imls", type=Path, default=None)


def _generic_arguments(gen: argparse.ArgumentParser) -> None:
    _named(gen)
    gen.add_argument("--polygons", type=Path, required=True)
    gen.add_argument("--id-column", required=True)
    gen.add_argument("--name-column", default=None)
    gen.add_argument("--counts", type=Path, required=True)
    gen.add_argument("--key-column", required=True)
    gen.add_argument("--universe-column", default=None, help="e.g. total population")
    gen.add_argument("--source", required=True, help="source and year, printed on figures")


def run_study_area(args: argparse.Namespace) -> int:
    """Run a ``study-area`` sub-command."""
    store = _store()
    cmd = args.study_area_command
    if cmd == "list":
        for info in store.list():
            kind = "built-in, illustrative" if info.built_in else f"imported {info.created}"
            print(f"{info.name}\t{info.label}\t{info.vintage}\t{kind}")
        return 0
    if cmd == "set-time-zone":
        store.set_time_zone(args.name, args.time_zone)
        _record("time_zone", args.name, {})
        print(f"Study area {args.name}: opening hours are read in {args.time_zone}.")
        return 0
    if cmd == "delete":
        store.delete(args.name)
        _record("delete", args.name, {})
        print(f"Deleted study area {args.name}.")
        return 0
    report = _IMPORTS[cmd](store, args)
    _record("import", report.name, report.counts())
    for line in report.messages():
        print(line)
    return 0


def _import_download(store: StudyAreaStore, args: argparse.Namespace) -> ImportReport:
    return import_census_download(
        store,
        args.name,
        tracts_path=args.tracts,
        acs_paths=args.acs,
        label=args.label,
        vintage=args.vintage,
        counties=_counties(args.counties),
        branches_imls=args.branches_imls,
        progress=_progress,
    )


def _import_api(store: StudyAreaStore, args: argparse.Namespace) -> ImportReport:
    settings = load_settings()
    return import_census_api(
        store,
        args.name,
        year=args.year,
        state=args.state,
        counties=_counties(args.counties),
        tables=_counties(args.tables),
        key=args.key or settings.census_api_key or None,
        tracts_path=args.tracts,
        cache_dir=settings.study_areas_dir / ".cache",
        label=args.label,
        branches_imls=args.branches_imls,
        progress=_progress,
    )


def _import_generic(store: StudyAreaStore, args: argparse.Namespace) -> ImportReport:
    return import_generic(
        store,
        args.name,
        polygons_path=args.polygons,
        id_column=args.id_column,
        name_column=args.name_column,
        counts_path=args.counts,
        key_column=args.key_column,
        universe_column=args.universe_column,
        vintage=args.source,
        label=args.label,
        progress=_progress,
    )


_IMPORTS = {
    "import-download": _import_download,
    "fetch-api": _import_api,
    "import-generic": _import_generic,
}


def _record(action: str, name: str, counts: dict[str, int]) -> None:
    """Study areas live in files; the shared change log still says who imported or deleted one."""
    import getpass

    from sqlalchemy.orm import Session

    from geo.db.unit_of_work import record_event
    from geo.demo_fieldwork import open_as_the_app

    settings = load_settings()
    engine = open_as_the_app(settings)
    with Session(engine) as session, session.begin():
        user = f"{getpass.getuser()} (command line)"
        record_event(session, user, "study_area", name, action, counts)


def add_profile_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m geo profile``."""
    parser.add_argument("--study-area", required=True, help="name from `study-area list`")
    parser.add_argument("--lat", type=float)
    parser.add_argument("--lon", type=float)
    parser.add_argument("--branch", default=None, help="branch id")
    parser.add_argument("--radius-m", type=float)
    parser.add_argument("--tracts", default=None, help="comma-separated GEOIDs")
    parser.add_argument("--country", default=None, help="a country of origin (B05006 label)")
    parser.add_argument(
        "--countries",
        default=None,
        help="countries whose combined total follows the foreign-born total, e.g. Mexico,Ecuador",
    )
    parser.add_argument("--rule", choices=list(RULES), default="centroid")


def run_profile(args: argparse.Namespace) -> int:
    """Print the profile as JSON on stdout."""
    area = _store().load(args.study_area)
    geoids, title, rule = describe_selection(
        area.tracts,
        area.branches,
        rule=args.rule,
        lat=args.lat,
        lon=args.lon,
        radius_m=args.radius_m,
        branch_id=args.branch,
        geoids=_counties(args.tracts) or None,
    )
    profile = build_community_profile(
        area,
        geoids,
        title=title,
        rule=rule,
        country=args.country,
        countries=tuple(_counties(args.countries)),
    )
    json.dump(profile_json(profile), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0

"""``python -m geo gaps …``: the gap ranking of a study area, for scripts and nightly reports."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.orm import Session

from geo.analysis.gap_export import ranking_csv, ranking_json
from geo.analysis.gaps import GapQuestion, compute_gaps
from geo.analysis.languages import C16001_GROUPS
from geo.analysis.need import NEED_MEASURES, unavailable_measures
from geo.census.store import DEMO_NAME, StudyAreaStore
from geo.config import load_settings
from geo.db import list_branches
from geo.db.sites import list_sites
from geo.demo_fieldwork import open_as_the_app
from geo.errors import DataNotAvailable
from geo.vocab import SERVICE_CATEGORIES

HELP = "rank tracts by language need against the organizations that serve it (JSON or CSV)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options mirror the Gaps page."""
    parser.add_argument("--study-area", required=True, help="e.g. demo, nyc")
    parser.add_argument(
        "--language-group",
        required=True,
        choices=C16001_GROUPS,
        metavar="GROUP",
        help="one of the 12 C16001 groups, e.g. 'Spanish' or 'Other Indo-European languages'",
    )
    parser.add_argument(
        "--measure",
        choices=list(NEED_MEASURES),
        default=None,
        help="need measure (default: origin when --countries is given, else limited_english)",
    )
    parser.add_argument("--countries", nargs="+", default=[], help="B05006 country names")
    parser.add_argument(
        "--services", nargs="+", default=[], choices=list(SERVICE_CATEGORIES), metavar="SERVICE"
    )
    parser.add_argument("--walk-m", type=float, default=800.0, help="reach in metres (800)")
    parser.add_argument("--catchment-m", type=float, default=1000.0, help="branch radius (1000)")
    parser.add_argument(
        "--mix-unreliable",
        action="store_true",
        help="rank unreliable need figures among reliable ones (default: after them)",
    )
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def run(args: argparse.Namespace) -> int:
    """Print the ranking; a measure the study area lacks exits 2 with the reason."""
    settings = load_settings()
    area = StudyAreaStore(settings.study_areas_dir, settings.demo_dir).load(args.study_area)
    measure = args.measure or ("origin" if args.countries else "limited_english")
    if measure in unavailable_measures(area.tables):
        other = [k for k in NEED_MEASURES if k not in unavailable_measures(area.tables)]
        raise DataNotAvailable(
            f"{unavailable_measures(area.tables)[measure]} Use --measure "
            f"{' or '.join(other) or '(none available)'} with --countries instead."
        )
    engine = open_as_the_app(settings)
    with Session(engine) as session:
        organizations = list_sites(session)
        if args.study_area == DEMO_NAME:
            area.branches = list_branches(session)
    question = GapQuestion(
        measure=measure,
        language_group=args.language_group,
        countries=tuple(args.countries),
        services=tuple(args.services),
        reach_m=args.walk_m,
        catchment_m=args.catchment_m,
        unreliable_last=not args.mix_unreliable,
    )
    result = compute_gaps(area, organizations, question, street_graph=settings.street_graph or None)
    if args.format == "csv":
        sys.stdout.write(ranking_csv(result).decode("utf-8"))
    else:
        print(
            ranking_json(
                result,
                study_area=area.label,
                vintage=area.vintage,
                illustrative=area.illustrative,
            )
        )
    return 0

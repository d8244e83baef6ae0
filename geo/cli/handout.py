"""``python -m geo handout``: the per-language help handouts of a branch, as PDF files."""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import pandas as pd
from sqlalchemy.orm import Session

from geo.config import load_settings
from geo.errors import ValidationError
from geo.vocab import LANGUAGES, split_list


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--branch ID --language CODE|all [--radius-m M] --out PATH``."""
    parser.add_argument("--branch", required=True, help="branch id, e.g. BR-01")
    parser.add_argument(
        "--language",
        required=True,
        help="language code (ar, es, zh, ...), or 'all' for one handout per language served",
    )
    parser.add_argument("--radius-m", type=float, default=3000.0)
    parser.add_argument(
        "--out", type=Path, required=True, help="a .pdf file, or a folder with --language all"
    )


def handout_info(
    branches: pd.DataFrame, branch_id: str, language: str, radius_m: float, *, illustrative: bool
):
    """The :class:`HandoutInfo` of one branch; a clear error for an unknown id or language."""
    from geo.pdf.handout import HandoutInfo

    match = branches[branches["branch_id"] == branch_id]
    if match.empty:
        known = ", ".join(branches["branch_id"].head(10))
        raise ValidationError(f"No branch '{branch_id}'. Known branches: {known}.")
    if language not in LANGUAGES:
        raise ValidationError(
            f"Unknown language '{language}'. Use a code such as {', '.join(list(LANGUAGES)[:8])}."
        )
    b = match.iloc[0]
    return HandoutInfo(
        branch_name=b["name"],
        branch_address=b["address"] or "",
        branch_lat=b["lat"],
        branch_lon=b["lon"],
        language=language,
        radius_m=radius_m,
        illustrative=illustrative,
    )


def run(args: argparse.Namespace) -> int:
    """Write the handout(s); print one line per file."""
    from geo.db import list_branches
    from geo.db.sites import list_sites
    from geo.demo_fieldwork import open_as_the_app
    from geo.i18n import translator
    from geo.pdf.handout import build_handout, find_help

    settings = load_settings()
    engine = open_as_the_app(settings)  # as the app
    with Session(engine) as session:
        branches, organizations = list_branches(session), list_sites(session)
    demo = settings.demo_dir / "branches.csv"
    illustrative = demo.is_file() and args.branch in pd.read_csv(demo)["branch_id"].values
    basemap = settings.demo_dir / "basemap.geojson"  # the demo city's own roads and parks
    context = gpd.read_file(basemap) if illustrative and basemap.is_file() else None
    codes = [args.language]
    if args.language == "all":
        served = {c for v in organizations["languages"] for c in split_list(v)}
        codes = sorted(served & set(LANGUAGES))
        args.out.mkdir(parents=True, exist_ok=True)
    for code in codes:
        info = handout_info(branches, args.branch, code, args.radius_m, illustrative=illustrative)
        found = find_help(organizations, info)
        if found.empty and args.language == "all":
            continue  # a handout saying "nobody" helps no one; a single language still gets one
        path = args.out / f"help-{args.branch}-{code}.pdf" if args.language == "all" else args.out
        pdf = build_handout(info, found, translate=translator(code).gettext, context=context)
        path.write_bytes(pdf)
        print(f"wrote {path}: {len(found)} organizations in {LANGUAGES[code]}")
    return 0

"""The gap ranking as CSV (spreadsheets) and JSON (scripts), the same rows the page shows."""

from __future__ import annotations

import io
import json

import pandas as pd

from geo.analysis.gaps import GapResult
from geo.cells import neutralize_cell


def ranking_csv(result: GapResult) -> bytes:
    """The ranking as UTF-8 CSV; text cells that a spreadsheet would run are neutralized."""
    frame = result.ranking.copy()
    for column in ("tract", "organization_names", "branches"):
        frame[column] = frame[column].map(neutralize_cell)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, float_format="%.4g")
    return buffer.getvalue().encode("utf-8")


def ranking_json(result: GapResult, *, study_area: str, vintage: str, illustrative: bool) -> str:
    """The ranking with the rules and notes stated beside it, as JSON."""
    q = result.question
    rows = json.loads(result.ranking.to_json(orient="records"))
    payload = {
        "study_area": study_area,
        "vintage": vintage,
        "illustrative": illustrative,
        "need": result.need_label,
        "measure": q.measure,
        "language_group": q.language_group,
        "countries": list(q.countries),
        "services": list(q.services),
        "reach_m": q.reach_m,
        "catchment_m": q.catchment_m,
        "reach_rule": result.reach_rule,
        "catchment_rule": result.catchment_rule,
        "notes": result.notes,
        "unmapped_languages": result.unmapped_languages,
        "matching_organizations": int(result.sites["organization_id"].nunique()),
        "tracts": rows,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, default=_plain)


def _plain(value: object) -> object:
    return None if pd.isna(value) else str(value)

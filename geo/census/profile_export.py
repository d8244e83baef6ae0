"""A community profile as CSV rows and JSON (the PDF is :mod:`geo.census.profile_pdf`).

Every exported figure carries its MOE, CV, reliability and the vintage stamp.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from geo.census.community import RULES, TABLE_NAMES, CommunityProfile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.profile_pdf import export_pdf

COLUMNS = (
    "section",
    "table",
    "universe",
    "item",
    "estimate",
    "moe",
    "share",
    "share_moe",
    "share_of",
    "cv_pct",
    "reliability",
    "study_area_estimate",
    "study_area_moe",
    "study_area_share",
    "study_area_share_moe",
    "study_area_reliability",
)


def profile_table(profile: CommunityProfile) -> pd.DataFrame:
    """One row per figure, with MOE, CV, reliability, the comparison and the vintage."""
    frames = []
    for s in profile.sections:
        r = s.rows
        frames.append(
            pd.DataFrame(
                {
                    "section": s.title,
                    "table": s.table_id,
                    "universe": s.universe,
                    "item": r["item"],
                    "estimate": r["estimate"],
                    "moe": r["moe"],
                    "share": r["share"],
                    "share_moe": r["share_moe"],
                    "share_of": r.get("share_of", pd.Series("", index=r.index)),
                    "cv_pct": r["cv"],
                    "reliability": r["reliability"].map(RELIABILITY_LABELS),
                    "study_area_estimate": r.get("area_estimate"),
                    "study_area_moe": r.get("area_moe"),
                    "study_area_share": r.get("area_share"),
                    "study_area_share_moe": r.get("area_share_moe"),
                    "study_area_reliability": r.get(
                        "area_reliability", pd.Series(dtype=object)
                    ).map(RELIABILITY_LABELS),
                }
            )
        )
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    table["area"] = profile.title
    table["vintage"] = profile.stamp
    return table


def export_csv(profile: CommunityProfile) -> bytes:
    """The profile table as UTF-8 CSV, the rule and reliability classes in header lines."""
    header = (
        f"# {profile.title}\n# {profile.stamp}\n# {profile.rule}\n"
        f"# 90% margins of error. {RELIABILITY_RULE}\n"
    )
    return (header + profile_table(profile).to_csv(index=False)).encode("utf-8")


def profile_json(profile: CommunityProfile) -> dict[str, Any]:
    """A JSON-ready dict (``python -m geo profile`` prints this)."""

    def clean(value: Any) -> Any:
        return None if isinstance(value, float) and math.isnan(value) else value

    sections = []
    for s in profile.sections:
        rows = [{k: clean(v) for k, v in row.items()} for row in s.rows.to_dict("records")]
        sections.append(
            {"title": s.title, "table": s.table_id, "universe": s.universe, "rows": rows}
        )
    return {
        "area": profile.title,
        "study_area": profile.study_area,
        "vintage": profile.vintage,
        "illustrative": profile.illustrative,
        "rule": profile.rule,
        "tracts": list(profile.geoids),
        "group": profile.group,
        "reliability_rule": RELIABILITY_RULE,
        "moe_confidence": "90%",
        "sections": sections,
        "notes": profile.notes,
        "not_available": [f"{t} ({TABLE_NAMES.get(t, '')})" for t in profile.missing],
    }


__all__ = ["RULES", "export_csv", "export_pdf", "profile_json", "profile_table"]

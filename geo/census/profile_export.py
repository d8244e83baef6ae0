"""A community profile as CSV rows, JSON and a printable PDF (fpdf2, no browser needed).

Every exported figure carries its MOE, CV, reliability and the vintage stamp.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from fpdf import FPDF

from geo.analysis.catchments import RULES
from geo.census.community import TABLE_NAMES, CommunityProfile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE

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
_LATIN1 = {
    "≤": "<=",
    "≥": ">=",
    "—": "-",
    "–": "-",
    "“": '"',
    "”": '"',
    "’": "'",
    "‘": "'",
    "…": "...",
}


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


def _txt(text: object) -> str:
    out = str(text)
    for a, b in _LATIN1.items():
        out = out.replace(a, b)
    return out.encode("latin-1", "replace").decode("latin-1")


def _para(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _fmt(value: float, share: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value * 100:.1f}%" if share else f"{value:,.0f}"


def export_pdf(profile: CommunityProfile) -> bytes:
    """A printable PDF: header with stamp and rules, then a table and bar chart per section."""
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    _para(pdf, 8, _txt(f"Community profile: {profile.title}"))
    pdf.set_font("Helvetica", "", 9)
    if profile.illustrative:
        pdf.set_text_color(170, 0, 0)
        _para(pdf, 5, "Illustrative data, not a real place.")
        pdf.set_text_color(0, 0, 0)
    for line in (
        profile.stamp,
        f"Aggregation rule: {profile.rule} ({len(profile.geoids)} tracts)",
        f"90% margins of error. {RELIABILITY_RULE}",
        *profile.notes,
    ):
        _para(pdf, 4.5, _txt(line))
    for section in profile.sections:
        _pdf_section(pdf, section)
    if profile.missing:
        pdf.ln(3)
        _para(
            pdf,
            4.5,
            _txt(
                "Not available for this study area (table not loaded): "
                + ", ".join(f"{t} {TABLE_NAMES.get(t, '')}" for t in profile.missing)
            ),
        )
    return bytes(pdf.output())


def _pdf_section(pdf: FPDF, section) -> None:
    rows = section.rows
    if pdf.get_y() > 220:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    _para(
        pdf, 6, _txt(f"{section.title} ({section.table_id}; universe: {section.universe or 'n/a'})")
    )
    widths = (62, 30, 30, 28, 32)
    pdf.set_font("Helvetica", "B", 8)
    for w, head in zip(
        widths,
        ("", "Estimate ± MOE", "Share ± MOE", "Reliability", "Whole study area"),
        strict=True,
    ):
        pdf.cell(w, 5, _txt(head), border="B")
    pdf.ln()
    pdf.set_font("Helvetica", "", 8)
    for _, r in rows.iterrows():
        faded = r["reliability"] == "unreliable"
        pdf.set_text_color(*((120, 120, 120) if faded else (0, 0, 0)))
        cells = (
            str(r["item"])[:40],
            f"{_fmt(r['estimate'])} ± {_fmt(r['moe'])}",
            f"{_fmt(r['share'], True)} ± {_fmt(r['share_moe'], True)}",
            RELIABILITY_LABELS.get(r["reliability"], ""),
            _fmt(r.get("area_share", float("nan")), True),
        )
        for w, text in zip(widths, cells, strict=True):
            pdf.cell(w, 4.5, _txt(text))
        pdf.ln()
    pdf.set_text_color(0, 0, 0)
    _pdf_bars(pdf, rows)


def _pdf_bars(pdf: FPDF, rows: pd.DataFrame) -> None:
    """Horizontal bars of the shares with their MOE as error whiskers."""
    shown = rows.dropna(subset=["share"]).head(10)
    if len(shown) < 2:
        return
    top = float((shown["share"] + shown["share_moe"].fillna(0)).max()) or 1.0
    x0, width, bar_h = 75.0, 110.0, 3.5
    pdf.ln(1)
    for _, r in shown.iterrows():
        if pdf.get_y() > 260:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font("Helvetica", "", 7)
        pdf.set_xy(10, y)
        pdf.cell(63, bar_h, _txt(str(r["item"])[:45]), align="R")
        grey = r["reliability"] == "unreliable"
        pdf.set_fill_color(*((200, 200, 200) if grey else (44, 127, 184)))
        pdf.rect(x0, y, width * r["share"] / top, bar_h, style="F")
        if pd.notna(r["share_moe"]):
            lo = max(r["share"] - r["share_moe"], 0) / top * width
            hi = min(r["share"] + r["share_moe"], top) / top * width
            pdf.line(x0 + lo, y + bar_h / 2, x0 + hi, y + bar_h / 2)
            pdf.line(x0 + lo, y + 0.5, x0 + lo, y + bar_h - 0.5)
            pdf.line(x0 + hi, y + 0.5, x0 + hi, y + bar_h - 0.5)
        pdf.set_y(y + bar_h + 1)


__all__ = ["RULES", "export_csv", "export_pdf", "profile_json", "profile_table"]

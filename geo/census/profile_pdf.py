"""The community profile as a printable PDF (fpdf2): the page's tables and its charts.

Text is set in the Noto fonts of :mod:`geo.pdf.fonts` ("≤", "±", "–" and place names in
every script, Arabic shaped right to left). Charts are the page's own Altair charts
rendered to PNG offline (:mod:`geo.census.profile_charts`). Every page carries the survey
and vintage in its footer.
"""

from __future__ import annotations

import io
import math
import struct

from fpdf import FPDF

from geo.census.community import TABLE_NAMES, CommunityProfile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.profile_charts import build_section_chart, render_chart_png
from geo.census.profiles import ProfileSection
from geo.pdf.fonts import use_fonts

_WIDTHS = (64, 34, 36, 28, 34)  # item, estimate, share, reliability, whole area (mm)
CHART_WIDTH_MM = 150.0


class _ProfilePdf(FPDF):
    """Letter pages in the Noto fonts, with a vintage footer."""

    def __init__(self, stamp: str) -> None:
        super().__init__(format="Letter")
        self.stamp = stamp
        self.set_auto_page_break(True, margin=16)
        self.family = use_fonts(self)

    def clean(self, text: object) -> str:
        """Text as printed (every script has a font)."""
        return str(text)

    def say(self, text: object, *, size: float = 9, bold: bool = False, h: float = 4.5) -> None:
        """A paragraph across the page."""
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, h, self.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def fit(self, text: str, width_mm: float) -> str:
        """``text`` shortened with an ellipsis to fit a table cell of ``width_mm``."""
        text, room, dots = self.clean(text), width_mm - 1.5, self.clean("…")
        if self.get_string_width(text) <= room:
            return text
        while text and self.get_string_width(text + dots) > room:
            text = text[:-1]
        return text.rstrip() + dots

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 7)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.clean(f"{self.stamp} · page {self.page_no()}"), align="C")
        self.set_text_color(0, 0, 0)


def _fmt(value: object, share: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    number = float(value)  # type: ignore[arg-type]
    return f"{number * 100:.1f}%" if share else f"{number:,.0f}"


def _pm(value: object, moe: object, share: bool = False) -> str:
    if _fmt(value) == "n/a":
        return "n/a"
    if _fmt(moe) == "n/a":
        return f"{_fmt(value, share)} (no MOE supplied)"
    return f"{_fmt(value, share)} ± {_fmt(moe, share)}"


def export_pdf(profile: CommunityProfile) -> bytes:
    """A printable PDF: header with stamp and rules, then a table and chart per section."""
    pdf = _ProfilePdf(profile.stamp)
    pdf.add_page()
    pdf.say(f"Community profile: {profile.title}", size=15, bold=True, h=8)
    if profile.illustrative:
        pdf.set_text_color(170, 0, 0)
        pdf.say("Illustrative data, not a real place.")
        pdf.set_text_color(0, 0, 0)
    for text in (
        profile.stamp,
        f"Aggregation rule: {profile.rule} ({len(profile.geoids)} tracts)",
        f"90% margins of error. {RELIABILITY_RULE}",
        *profile.notes,
    ):
        pdf.say(text)
    for section in profile.sections:
        _section(pdf, section, profile.vintage)
    if profile.missing:
        pdf.ln(3)
        pdf.say(
            "Not available for this study area (table not loaded): "
            + ", ".join(f"{t} {TABLE_NAMES.get(t, '')}" for t in profile.missing)
        )
    return bytes(pdf.output())


def _section(pdf: _ProfilePdf, section: ProfileSection, vintage: str) -> None:
    if pdf.get_y() > 225:
        pdf.add_page()
    pdf.ln(3)
    universe = section.universe or "n/a"
    heading = f"{section.title} ({section.table_id}; universe: {universe}; {vintage})"
    pdf.say(heading, size=11, bold=True, h=6)
    pdf.set_font(pdf.family, "B", 8)
    heads = ("", "Estimate ± MOE", "Share ± MOE", "Reliability", "Whole study area")
    for w, head in zip(_WIDTHS, heads, strict=True):
        pdf.cell(w, 5, pdf.clean(head), border="B")
    pdf.ln()
    pdf.set_font(pdf.family, "", 8)
    other_universe = []
    for _, r in section.rows.iterrows():
        pdf.set_text_color(*((120, 120, 120) if r["reliability"] == "unreliable" else (0, 0, 0)))
        share = _pm(r["share"], r["share_moe"], share=True)
        share_of = r.get("share_of") or ""
        if share_of and share_of != section.universe and share != "n/a":
            share += "*"
            other_universe.append(f"* {r['item']}: share of {share_of}")
        cells = (
            str(r["item"]),
            _pm(r["estimate"], r["moe"]),
            share,
            RELIABILITY_LABELS.get(r["reliability"], ""),
            _fmt(r.get("area_share", float("nan")), True),
        )
        for w, text in zip(_WIDTHS, cells, strict=True):
            pdf.cell(w, 4.5, pdf.fit(text, w))
        pdf.ln()
    pdf.set_text_color(0, 0, 0)
    for note in other_universe:
        pdf.say(note, size=7, h=3.5)
    _chart(pdf, section, vintage)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    return width, height


def _chart(pdf: _ProfilePdf, section: ProfileSection, vintage: str) -> None:
    chart = build_section_chart(section, vintage)
    if chart is None:
        return
    png = render_chart_png(chart)
    width_px, height_px = _png_size(png)
    width_mm = min(CHART_WIDTH_MM, pdf.epw)
    height_mm = width_mm * height_px / width_px
    if pdf.get_y() + height_mm > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(1)
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width_mm, h=height_mm)

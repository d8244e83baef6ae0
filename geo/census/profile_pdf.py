"""The community profile as a printable PDF (fpdf2): the page's tables and its charts.

Text is set in the Noto fonts of :mod:`geo.pdf.fonts` ("≤", "±", "–" and place names in
every script, Arabic shaped right to left). Charts are the page's own Altair charts
rendered to PNG offline (:mod:`geo.census.profile_charts`). Every page carries the survey
and vintage in its footer. The sheet's own words (titles, column heads, the rules,
reliability, "not available") come from the ``translate`` and ``n_`` callables and its
numbers are written as ``language`` writes them, so the sheet reads in the language of
whoever prints it; an Arabic sheet runs right to left, its table mirrored. Names of
places, countries and the census's own row labels are data and print as recorded.
"""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import TextDirection

from geo.census.area_words import say_vintage
from geo.census.community import TABLE_NAMES, CommunityProfile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.origins import item_label
from geo.census.profile_charts import build_section_chart, render_chart_png
from geo.census.profiles import ProfileSection
from geo.i18n import DEFAULT, N_, english_n, format_number, format_share, is_rtl
from geo.messages import say
from geo.pdf.fonts import printable, use_fonts

__all__ = ["export_pdf"]

Translate = Callable[[str], str]
Plural = Callable[[str, str, int], str]

_WIDTHS = (56, 30, 32, 36, 40)  # item, estimate, share, reliability, whole area (mm)
CHART_WIDTH_MM = 150.0
_GROUP_TITLE = "Group: born in {country}"  # as geo.census.community titles a group's section
# ... and names its rows (English in the section's string column)
_GROUP_ROWS = (
    N_("Born in {country}: share of the foreign-born"),
    N_("Born in {country}: share of all residents"),
)


class _ProfilePdf(FPDF):
    """Letter pages in the Noto fonts, in the reader's direction, with a vintage footer."""

    def __init__(self, stamp: str, tr: Translate, language: str) -> None:
        super().__init__(format="Letter")
        self.stamp = stamp
        self.tr = tr
        self.language = language
        self.rtl = is_rtl(language)
        self.align = "R" if self.rtl else "L"
        self.set_auto_page_break(True, margin=16)
        self.family = use_fonts(self)
        # Every line in the sheet's direction: its words read from the right in Arabic.
        self.set_text_shaping(True, direction="rtl" if self.rtl else "ltr")
        self.page_words = tr(N_("{stamp} · page {page}"))

    def clean(self, text: object) -> str:
        """Text as printed (a character no font has prints as '?')."""
        return printable(self, text)[0]

    @contextmanager
    def direction(self, direction: str | None) -> Iterator[None]:
        """Text set meanwhile runs ``ltr``/``rtl``, or (None) from its first letter."""
        shaping = self.text_shaping or {}
        sheet = shaping.get("direction")
        shaping["direction"] = TextDirection.coerce(direction) if direction else None
        try:
            yield
        finally:
            shaping["direction"] = sheet

    def font(self, size: float, bold: bool = False) -> None:
        """Select the Noto family for the next text (after Chinese or Arabic text too:
        :func:`geo.pdf.fonts.use_fonts` works around fpdf2 2.8.9 for every PDF)."""
        self.set_font(self.family, "B" if bold else "", size)

    def say(self, text: object, *, size: float = 9, bold: bool = False, h: float = 4.5) -> None:
        """A paragraph across the page, on the reader's side."""
        self.font(size, bold)
        self.multi_cell(0, h, self.clean(text), align=self.align, new_x="LMARGIN", new_y="NEXT")

    def fit(self, text: str, width_mm: float) -> str:
        """``text`` shortened with an ellipsis to fit a table cell of ``width_mm``."""
        text, room, dots = self.clean(text), width_mm - 1.5, self.clean("…")
        if self.get_string_width(text) <= room:
            return text
        while text and self.get_string_width(text + dots) > room:
            text = text[:-1]
        return text.rstrip() + dots

    def row(self, cells: list[tuple[str, str | None]], h: float, *, bold: bool = False) -> None:
        """One table row of (text, direction) cells, mirrored for a right-to-left reader."""
        widths = list(_WIDTHS)
        if self.rtl:
            cells, widths = cells[::-1], widths[::-1]
        border = "B" if bold else ""
        for w, (text, direction) in zip(widths, cells, strict=True):
            self.font(8, bold)
            with self.direction(direction):
                self.cell(w, h, self.fit(text, w), border=border, align=self.align)
        self.ln()

    def footer(self) -> None:
        self.set_y(-12)
        self.font(7)
        self.set_text_color(90, 90, 90)
        page = format_number(self.page_no(), self.language)
        self.cell(0, 5, self.clean(self.page_words.format(stamp=self.stamp, page=page)), align="C")
        self.set_text_color(0, 0, 0)


def _fmt(value: object, language: str, share: bool = False) -> str | None:
    """A number as ``language`` writes it; None when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    number = float(value)  # type: ignore[arg-type]
    return format_share(number, language) if share else format_number(number, language)


def _pm(pdf: _ProfilePdf, value: object, moe: object, share: bool = False) -> str:
    """``1,234 ± 56`` in the reader's numbers; says so when a figure or its MOE is missing."""
    shown = _fmt(value, pdf.language, share)
    if shown is None:
        return pdf.tr(N_("not available"))
    margin = _fmt(moe, pdf.language, share)
    if margin is None:
        return pdf.tr(N_("{value} (no MOE supplied)")).format(value=shown)
    return f"{shown} ± {margin}"


def _group_notes(profile: CommunityProfile, tr: Translate) -> list[str]:
    """The notes of a one-country profile (as :mod:`geo.census.community` writes them in
    English): which tables count everyone, not only the people born there."""
    if not profile.group:
        return list(profile.notes)
    note = tr(
        N_(
            "{table} ({name}) is not broken down by country of birth: its figures are "
            "for everyone in the area."
        )
    )
    return [
        note.format(table=s.table_id, name=tr(TABLE_NAMES.get(s.table_id, N_("table"))))
        for s in profile.sections
        if s.table_id != "B05006"
    ]


def export_pdf(
    profile: CommunityProfile,
    *,
    translate: Translate = str,
    n_: Plural = english_n,
    language: str = DEFAULT,
) -> bytes:
    """A printable PDF: header with stamp and rules, then a table and chart per section.

    Parameters
    ----------
    profile : CommunityProfile
        The profile shown on the page.
    translate, n_ : callable, optional
        The reader's gettext and ngettext for the sheet's own words; English by default.
    language : str, optional
        The reader's language: how numbers are written, and right to left for Arabic.

    Returns
    -------
    bytes
        A Letter-size PDF.

    Raises
    ------
    VendorAssetsMissing
        If the Noto fonts are not installed (``python -m geo vendor`` makes them).
    """
    tr = translate
    # the demo city's label, the ACS vintage and the illustrative note in the reader's words
    pdf = _ProfilePdf(profile.stamp_in(tr), tr, language)
    title = tr(N_("Community profile: {area}")).format(area=profile.title)
    pdf.set_title(pdf.clean(title))
    pdf.add_page()
    pdf.say(title, size=15, bold=True, h=8)
    if profile.illustrative:
        pdf.set_text_color(170, 0, 0)
        pdf.say(tr(N_("Illustrative data, not a real place")))
        pdf.set_text_color(0, 0, 0)
    count = len(profile.geoids)
    rule = n_(
        "Aggregation rule: {rule} ({count} tract)",
        "Aggregation rule: {rule} ({count} tracts)",
        count,
    ).format(rule=tr(profile.rule), count=format_number(count, language))
    reliability = f"{tr(N_('90% margins of error.'))} {tr(RELIABILITY_RULE)}"
    for text in (pdf.stamp, rule, reliability, *_group_notes(profile, tr)):
        pdf.say(text)
    for section in profile.sections:
        _section(pdf, section, profile)
    if profile.missing:
        pdf.ln(3)
        tables = "; ".join(f"{t} ({tr(TABLE_NAMES.get(t, ''))})" for t in profile.missing)
        pdf.say(tr(N_("Not available for this study area (table not loaded): {tables}")).format(
            tables=tables
        ))  # fmt: skip
    return bytes(pdf.output())


def _heading(pdf: _ProfilePdf, section: ProfileSection, profile: CommunityProfile) -> str:
    tr = pdf.tr
    title = tr(section.title)
    if profile.group and section.title == _GROUP_TITLE.format(country=profile.group):
        title = tr(N_("Group: born in {country}")).format(country=profile.group)
    return tr(N_("{title} ({table}; universe: {universe}; {vintage})")).format(
        title=title,
        table=section.table_id,
        universe=tr(section.universe) if section.universe else tr(N_("not available")),
        vintage=say_vintage(profile.vintage, tr),
    )


def _item(pdf: _ProfilePdf, item: object, profile: CommunityProfile) -> str:
    """A row's name: the census's labels as recorded, the profile's own rows in the reader's
    words ('Foreign-born total', the chosen countries combined, a group's two rows)."""
    for pattern in _GROUP_ROWS:
        if profile.group and item == pattern.format(country=profile.group):
            return pdf.tr(pattern).format(country=profile.group)
    return str(say(item_label(str(item), profile.countries), pdf.language))


def _section(pdf: _ProfilePdf, section: ProfileSection, profile: CommunityProfile) -> None:
    tr = pdf.tr
    if pdf.get_y() > 225:
        pdf.add_page()
    pdf.ln(3)
    pdf.say(_heading(pdf, section, profile), size=11, bold=True, h=6)
    heads = ("", N_("Estimate ± MOE"), N_("Share ± MOE"), N_("Reliability"))
    pdf.row([(tr(h) if h else "", None) for h in (*heads, N_("Whole study area"))], 5, bold=True)
    other_universe = []
    for _, r in section.rows.iterrows():
        pdf.set_text_color(*((120, 120, 120) if r["reliability"] == "unreliable" else (0, 0, 0)))
        share = _pm(pdf, r["share"], r["share_moe"], share=True)
        share_of = r.get("share_of") or ""
        if share_of and share_of != section.universe and _fmt(r["share"], pdf.language) is not None:
            share += "*"
            line = tr(N_("* {item}: share of {universe}"))
            other_universe.append(
                line.format(item=_item(pdf, r["item"], profile), universe=tr(share_of))
            )
        label = RELIABILITY_LABELS.get(r["reliability"])
        cells = [
            (_item(pdf, r["item"], profile), None),  # a census label as recorded, ours said
            (_pm(pdf, r["estimate"], r["moe"]), "ltr"),  # "600 ± 72", never "72 ± 600"
            (share, "ltr"),
            (tr(label) if label else "", None),
            (_pm(pdf, r.get("area_share"), r.get("area_share_moe"), share=True), "ltr"),
        ]
        pdf.row(cells, 4.5)
    pdf.set_text_color(0, 0, 0)
    for note in other_universe:
        pdf.say(note, size=7, h=3.5)
    _chart(pdf, section, profile.vintage, profile.countries)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    return width, height


def _chart(
    pdf: _ProfilePdf, section: ProfileSection, vintage: str, countries: tuple[str, ...]
) -> None:
    chart = build_section_chart(
        section, vintage, translate=pdf.tr, language=pdf.language, countries=countries
    )
    if chart is None:
        return
    png = render_chart_png(chart)
    width_px, height_px = _png_size(png)
    width_mm = min(CHART_WIDTH_MM, pdf.epw)
    height_mm = width_mm * height_px / width_px
    if pdf.get_y() + height_mm > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(1)
    x = pdf.w - pdf.r_margin - width_mm if pdf.rtl else pdf.l_margin
    pdf.image(io.BytesIO(png), x=x, w=width_mm, h=height_mm)

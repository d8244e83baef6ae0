"""The action plan as a printable PDF (fpdf2), for a team meeting.

Steps are grouped by due date (overdue first) or by status and numbered, each with who,
due date, status, branch, what it is linked to and its notes. Overdue steps say so in
words ("OVERDUE: 5 days late"), not only in red. Steps, names and notes are data, typed in
any script: they are set in the Noto fonts of :mod:`geo.pdf.fonts` with HarfBuzz shaping
(Arabic joined, right to left) and printed as typed. The sheet's own words come from the
``translate`` and ``n_`` callables, in the language of whoever prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from fpdf import FPDF

from geo.fieldwork.action_plan import (
    CLOSED_STATUSES,
    LINK_KINDS,
    STEP_STATUSES,
    StepFilter,
    mark_overdue,
)
from geo.i18n import N_, english_n, format_list
from geo.pdf.fonts import printable, use_fonts
from geo.pdf.typed import Typed, as_recorded, clean, iso_day, reads_rtl

__all__ = ["GROUPINGS", "PlanSheet", "build_action_plan_pdf", "describe_links", "group_steps"]

Translate = Callable[[str], str]
Plural = Callable[[str, str, int], str]
GROUPINGS: dict[str, str] = {"due": N_("due date"), "status": N_("status")}
SOON_DAYS = 7  # "due within a week": what a weekly team meeting looks ahead to
MAX_NOTE_CHARS = 3000  # a pasted essay must not run to a hundred pages
_RED = (165, 15, 21)  # ColorBrewer Reds, 9-class darkest but one: contrast 8.7 on white
_GREY = (90, 90, 90)


@dataclass(frozen=True, kw_only=True)
class PlanSheet:
    """What the sheet says besides the steps: whose plan, which day, which steps, how grouped."""

    scope: str  # the branch or study area the plan is printed for
    today: date
    group_by: str = "due"  # a key of GROUPINGS
    chosen: StepFilter = field(default_factory=StepFilter)
    branch_name: str = ""  # the name of ``chosen.branch_id``, if any
    link_names: Mapping[str, str] = field(default_factory=dict)  # "asset:ID" -> its name
    rtl: bool = False
    language: str | None = None  # lists the chosen statuses as it does (", " without one)


def describe_links(
    links: object,
    names: Mapping[str, str],
    translate: Translate = str,
    as_typed: Callable[[str], str] = str,
) -> str:
    """``asset:ID; community:Nepali`` -> ``Organization: Centro Hispano; Community: Nepali``.

    ``as_typed`` wraps each name (the PDF keeps it in its own direction in an Arabic line).
    """
    parts = []
    for item in clean(links).split("; "):
        kind, _, ref = item.partition(":")
        if ref:
            name = as_typed(names.get(item, ref))
            parts.append(f"{translate(LINK_KINDS.get(kind, kind))}: {name}")
    return "; ".join(parts)


def group_steps(
    steps: pd.DataFrame, group_by: str, today: date
) -> Iterator[tuple[str, pd.DataFrame]]:
    """(heading, steps) in reading order, empty groups left out; every step in one group.

    By ``due``: overdue, due within :data:`SOON_DAYS` days, later, no due date, then done
    or dropped. By ``status``: the order of ``STEP_STATUSES``. Headings are English
    (``N_``), translated when printed.
    """
    marked = mark_overdue(steps, today=today)
    if group_by == "status":
        groups = [(label, marked["status"] == key) for key, label in STEP_STATUSES.items()]
    else:
        closed = marked["status"].isin(CLOSED_STATUSES)
        dated = marked["due_on"].notna()
        horizon = today + timedelta(days=SOON_DAYS - 1)
        soon = pd.Series([bool(d) and d <= horizon for d in marked["due_on"].where(dated, None)])
        soon.index = marked.index
        groups = [
            (N_("Overdue"), marked["overdue"]),
            (N_("Due within a week"), ~closed & ~marked["overdue"] & soon),
            (N_("Due later"), ~closed & dated & ~soon),
            (N_("No due date"), ~closed & ~dated),
            (N_("Done or dropped"), closed),
        ]
    for heading, mask in groups:
        if mask.any():
            yield heading, marked[mask.to_numpy(dtype=bool)]


class _Plan(FPDF):
    """Letter pages in the Noto fonts; right-aligned for a right-to-left reader."""

    def __init__(self, sheet: PlanSheet, tr: Translate) -> None:
        super().__init__(format="Letter")
        self.family = use_fonts(self)
        self.align = "R" if sheet.rtl else "L"
        # Every line in the sheet's direction: "2. دعوة ..." keeps its number on the left of
        # an English sheet, "1. Visit ..." on the right of an Arabic one.
        self.set_text_shaping(True, direction="rtl" if sheet.rtl else "ltr")
        self.missing: set[str] = set()
        self.set_auto_page_break(True, margin=16)
        self.set_margins(14, 14, 14)
        self.str_alias_nb_pages = ""  # no page-count alias: a typed "{nb}" stays as typed
        self.stamp = tr(N_("Action plan: {scope} · printed {date} · page {page} of {pages}"))
        self.sheet = sheet

    def safe(self, text: object) -> str:
        """Text with characters no font can draw replaced by '?' (and remembered)."""
        out, missing = printable(self, text)
        self.missing |= missing
        return out

    def say(self, text: object, size: float = 9, *, bold: bool = False, h: float = 4.5) -> None:
        """A paragraph across the text column, on the reader's side, in the sheet's direction."""
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, h, self.safe(text), align=self.align, new_x="LMARGIN", new_y="NEXT")

    def say_typed(self, text: str, size: float = 9) -> None:
        """A typed paragraph in its own direction (an English note in an Arabic sheet)."""
        sheet_direction = self.text_shaping["direction"]  # type: ignore[index]
        self.text_shaping["direction"] = None  # type: ignore[index]  # from its first letter
        self.say(text, size)
        self.text_shaping["direction"] = sheet_direction  # type: ignore[index]

    def rule(self) -> None:
        """A thin line across the page under what was just written."""
        self.set_draw_color(190, 190, 190)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(2.5)

    def number_pages(self) -> None:
        """The footer of every page, written last so it can say how many pages there are.

        (fpdf2's page-count alias is measured before it is replaced, which leaves a gap
        in a right-aligned or shaped line.)
        """
        self.set_auto_page_break(False)
        day = iso_day(self.sheet.today, self.sheet.rtl)
        scope, pages = clean(self.sheet.scope), self.pages_count
        self.set_text_color(*_GREY)
        for page in range(1, pages + 1):
            self.page = page
            self.set_y(-12)
            self.say(self.stamp.format(scope=scope, date=day, page=page, pages=pages), 7.5, h=4)
        self.set_text_color(0, 0, 0)


def _status(key: object, tr: Translate) -> str:
    return tr(STEP_STATUSES[key]) if key in STEP_STATUSES else clean(key)


def _heading(pdf: _Plan, steps: pd.DataFrame, sheet: PlanSheet, tr: Translate, n_: Plural) -> None:
    """Title, day, counts, the filters applied and the grouping."""
    pdf.say(tr(N_("Action plan: {scope}")).format(scope=clean(sheet.scope)), 16, bold=True, h=8)
    late = int(mark_overdue(steps, today=sheet.today)["overdue"].sum())
    counts = n_("{count} step", "{count} steps", len(steps)).format(count=len(steps))
    if late:
        counts += " · " + n_("{count} overdue", "{count} overdue", late).format(count=late)
    printed = tr(N_("Printed on {date}")).format(date=iso_day(sheet.today, sheet.rtl))
    pdf.say(f"{printed} · {counts}", 10, h=5.5)
    chosen, shown = sheet.chosen, []
    if chosen.statuses:
        statuses = format_list((_status(s, tr) for s in chosen.statuses), sheet.language)
        shown.append(tr(N_("status: {statuses}")).format(statuses=statuses))
    if chosen.branch_id:
        branch = clean(sheet.branch_name or chosen.branch_id)
        shown.append(tr(N_("branch: {branch}")).format(branch=branch))
    if chosen.who and chosen.who.strip():
        shown.append(tr(N_("who: {who}")).format(who=clean(chosen.who)))
    which = " · ".join(shown) if shown else tr(N_("all steps"))
    grouped = tr(GROUPINGS.get(sheet.group_by, GROUPINGS["due"]))
    line = tr(N_("Showing {which}, grouped by {grouping}.")).format(which=which, grouping=grouped)
    pdf.say(line, 9, h=5)
    pdf.ln(2)


def _details(row: Mapping, sheet: PlanSheet, tr: Translate) -> list[str]:
    """The lines under a step's title: who, due, status, branch; links; notes."""
    due = row.get("due_on")
    facts = [
        f"{tr(N_('Who'))}: {as_recorded(row.get('who')) or '—'}",
        f"{tr(N_('Due'))}: {iso_day(due, sheet.rtl) if pd.notna(due) and due else '—'}",
        f"{tr(N_('Status'))}: {_status(row.get('status'), tr)}",
    ]
    if branch := as_recorded(row.get("branch")):
        facts.append(f"{tr(N_('Branch'))}: {branch}")
    if row.get("archived"):
        facts.append(tr(N_("archived")))
    lines = [" · ".join(facts)]
    if links := describe_links(row.get("links"), sheet.link_names, tr, as_recorded):
        lines.append(f"{tr(N_('Linked to'))}: {links}")
    if notes := clean(row.get("notes")):
        if len(notes) > MAX_NOTE_CHARS:
            cut = tr(N_("(shortened here; the CSV download has the whole note)"))
            notes = f"{notes[:MAX_NOTE_CHARS]}… {cut}"
        lines.append(f"{tr(N_('Notes'))}: {notes}")
        if reads_rtl(notes) != sheet.rtl:  # the note gets a paragraph in its own direction
            lines[-1:] = [f"{tr(N_('Notes'))}:", Typed(notes)]
    return lines


def _step(pdf: _Plan, number: int, row: Mapping, sheet: PlanSheet, tr: Translate, n_: Plural):
    """One numbered step; an overdue one says how late in words (and in red)."""
    if pdf.get_y() > pdf.page_break_trigger - 22:
        pdf.add_page()
    pdf.say(f"{number}. {as_recorded(row.get('title'))}", 11, bold=True, h=5.5)
    if row.get("overdue"):
        days = int(row.get("days_late") or 0)
        pdf.set_text_color(*_RED)
        late = n_("OVERDUE: {days} day late", "OVERDUE: {days} days late", days)
        pdf.say(late.format(days=days), 9.5, bold=True)
        pdf.set_text_color(0, 0, 0)
    left, right = pdf.l_margin, pdf.r_margin
    pdf.set_right_margin(right + 6) if sheet.rtl else pdf.set_left_margin(left + 6)
    pdf.set_x(pdf.l_margin)
    for line in _details(row, sheet, tr):
        pdf.say_typed(line) if isinstance(line, Typed) else pdf.say(line)
    pdf.set_left_margin(left)
    pdf.set_right_margin(right)
    pdf.rule()


def build_action_plan_pdf(
    steps: pd.DataFrame,
    sheet: PlanSheet,
    *,
    translate: Translate = str,
    n_: Plural = english_n,
) -> bytes:
    """The steps as a printable PDF, grouped and numbered, with page numbers.

    Parameters
    ----------
    steps : pandas.DataFrame
        As :func:`geo.db.action_plan.list_steps` returns them, already filtered
        (:func:`geo.fieldwork.action_plan.filter_steps`), optionally with a ``branch``
        column of branch names.
    sheet : PlanSheet
        Whose plan, today's date (for "overdue"), the filter applied (printed on the
        sheet), the grouping, the names of linked records, and the reading direction.
    translate, n_ : callable, optional
        The reader's gettext and ngettext for the sheet's own words; English by default.
        Titles, names and notes are printed as typed.

    Returns
    -------
    bytes
        A Letter-size PDF.

    Raises
    ------
    VendorAssetsMissing
        If the Noto fonts are not installed (``python -m geo vendor`` makes them).
    """
    pdf = _Plan(sheet, translate)
    pdf.set_title(pdf.safe(translate(N_("Action plan: {scope}")).format(scope=sheet.scope)))
    pdf.add_page()
    _heading(pdf, steps, sheet, translate, n_)
    if steps.empty:
        pdf.say(translate(N_("No steps match.")), 11)
    number = 0
    for heading, group in group_steps(steps, sheet.group_by, sheet.today):
        if pdf.get_y() > pdf.page_break_trigger - 40:
            pdf.add_page()  # a heading never ends a page alone
        pdf.say(f"{translate(heading)} ({len(group)})", 12.5, bold=True, h=7)
        pdf.rule()
        for row in group.to_dict("records"):
            number += 1
            _step(pdf, number, row, sheet, translate, n_)
    _missing_note(pdf, translate)
    pdf.number_pages()
    return bytes(pdf.output())


def _missing_note(pdf: _Plan, tr: Translate) -> None:
    if pdf.missing:
        note = tr(
            N_(
                "Note: characters that have no font here show as '?' ({n}). "
                "The CSV download has every step exactly."
            )
        )
        pdf.say(note.format(n=len(pdf.missing)), 8)

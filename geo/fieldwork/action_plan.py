"""Action plan rules: step statuses, due dates, overdue detection, staff training."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

import pandas as pd

from geo.errors import ValidationError
from geo.i18n import format_list
from geo.messages import N_, Message, choices, enumeration, n_

STEP_STATUSES: dict[str, str] = {
    "open": N_("Open"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}
CLOSED_STATUSES = ("done", "dropped")
LINK_KINDS: dict[str, str] = {
    "asset": N_("Organization"),
    "community": N_("Community"),
    "tract": N_("Tract"),
    "engagement": N_("Log entry"),
    "walkabout": N_("Walkabout"),
}
# The seeds' "shared staff commitment": training each person involved has done.
TRAININGS: dict[str, str] = {
    "cultural_competence": N_("Cultural competence"),
    "relationship_building": N_("Relationship-building"),
    "listening": N_("Listening skills"),
}


def check_due_date(due_on: date | None, *, today: date) -> None:
    """Refuse a due date in the past for a new or re-dated step.

    Raises
    ------
    ValidationError
        If ``due_on`` is before ``today``.
    """
    if due_on is not None and due_on < today:
        raise ValidationError(
            Message(
                N_(
                    "The due date {due} is in the past (today is {today}). Choose today or a "
                    "later day."
                ),
                due=f"{due_on:%Y-%m-%d}",
                today=f"{today:%Y-%m-%d}",
            ),
            [{"field": "due_on", "message": Message(N_("in the past"))}],
        )


def refuse_unknown(field: str, given: list[str], known: dict[str, str]) -> NoReturn:
    """Refuse keys that are not in ``known`` (a status, link kind or training).

    The keys are listed as the command line and the files write them (``in_progress``),
    each with its label in the reader's language.

    Raises
    ------
    ValidationError
        Always, naming ``given`` and every known key.
    """
    values: dict[str, object] = {
        "given": enumeration(f"'{g}'" for g in given),
        "known": choices(known),
    }
    problems = [{"field": field, "value": g, "message": Message(N_("unknown"))} for g in given]
    raise ValidationError(_unknown_said(field, len(given), values), problems)


def _unknown_said(field: str, count: int, values: dict[str, object]) -> Message:
    """The refusal's sentence for a status, link kind or training (its own plural forms)."""
    if field == "links":
        return n_(
            "Unknown link kind {given}; use one of: {known}.",
            "Unknown link kinds {given}; use one of: {known}.",
            count,
            **values,
        )
    if field == "trainings":
        return n_(
            "Unknown training {given}; use one of: {known}.",
            "Unknown trainings {given}; use one of: {known}.",
            count,
            **values,
        )
    return n_(
        "Unknown status {given}; use one of: {known}.",
        "Unknown statuses {given}; use one of: {known}.",
        count,
        **values,
    )


def is_overdue(due_on: date | None, status: str, *, today: date) -> bool:
    """True when a step that is still open or in progress passed its due date."""
    return due_on is not None and status not in CLOSED_STATUSES and due_on < today


def mark_overdue(steps: pd.DataFrame, *, today: date) -> pd.DataFrame:
    """Add ``overdue`` (bool) and ``days_late`` columns to a steps table.

    Parameters
    ----------
    steps : pandas.DataFrame
        Columns ``due_on`` (date or None) and ``status``.
    today : datetime.date
        Reference day (injected so tests are stable).
    """
    out = steps.copy()
    out["overdue"] = [
        is_overdue(d, s, today=today) for d, s in zip(out["due_on"], out["status"], strict=True)
    ]
    out["days_late"] = [
        (today - d).days if late else 0
        for d, late in zip(out["due_on"], out["overdue"], strict=True)
    ]
    return out


def _english_n(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def describe_undated(
    steps: pd.DataFrame,
    n_: Callable[[str, str, int], str] = _english_n,
    locale: str | None = None,
) -> str:
    """Say which steps a calendar leaves out for want of a due date ('' when none).

    A calendar event needs a day, so :func:`geo.fieldwork.ics.export_ics` skips undated
    steps; this names them so nobody believes the calendar is the whole plan. ``n_``
    picks the sentence for the count in the reader's language (the ``ui`` passes its
    ``n_``), ``locale`` lists the steps as that language does; English by default.

    Examples
    --------
    >>> frame = pd.DataFrame({"title": ["Call Ana", "Print flyers"], "due_on": [None, None]})
    >>> print(describe_undated(frame))  # doctest: +NORMALIZE_WHITESPACE
    The calendar leaves out 2 steps without a due date: 'Call Ana', 'Print flyers'.
    Give them a due date to include them.
    """
    undated = steps[steps["due_on"].isna()] if len(steps) else steps
    if undated.empty:
        return ""
    names = format_list((f"'{t}'" for t in undated["title"]), locale)
    return n_(
        "The calendar leaves out {count} step without a due date: {names}. "
        "Give it a due date to include it.",
        "The calendar leaves out {count} steps without a due date: {names}. "
        "Give them a due date to include them.",
        len(undated),
    ).format(count=len(undated), names=names)


def summarize_capacity(staff: pd.DataFrame, translate: Callable[[str], str] = str) -> pd.DataFrame:
    """One row per person with a tick per training (for 'shared staff commitment').

    The training columns are named by their label, in the reader's language when the
    ``ui`` passes its ``_`` as ``translate``.
    """
    # Empty cells stay empty (a missing branch or team is not the word "None").
    columns = ["name", "branch", "team"]
    out = staff[columns].astype(object).where(staff[columns].notna(), "")
    for key, label in TRAININGS.items():
        out[translate(label)] = staff["trainings"].map(lambda t, k=key: "✓" if k in t else "")
    return out


@dataclass(frozen=True, kw_only=True)
class StepFilter:
    """Which steps a reader asked for: statuses (all when empty), one branch, one person."""

    statuses: tuple[str, ...] = ()
    branch_id: str | None = None
    who: str | None = None

    def __post_init__(self) -> None:
        unknown = [s for s in self.statuses if s not in STEP_STATUSES]
        if unknown:
            refuse_unknown("status", unknown, STEP_STATUSES)


def filter_steps(steps: pd.DataFrame, chosen: StepFilter) -> pd.DataFrame:
    """The steps of ``chosen`` (``who`` matched whole, ignoring case and outer spaces)."""
    keep = pd.Series(True, index=steps.index)
    if chosen.statuses:
        keep &= steps["status"].isin(chosen.statuses)
    if chosen.branch_id:
        keep &= steps["branch_id"] == chosen.branch_id
    if chosen.who and chosen.who.strip():
        wanted = chosen.who.strip().casefold()
        keep &= steps["who"].map(lambda w: str(w or "").strip().casefold() == wanted)
    return steps[keep]

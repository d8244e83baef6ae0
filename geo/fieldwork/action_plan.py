"""Action plan rules: step statuses, due dates, overdue detection, staff training."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.errors import ValidationError

STEP_STATUSES: dict[str, str] = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
CLOSED_STATUSES = ("done", "dropped")
LINK_KINDS: dict[str, str] = {
    "asset": "Organization",
    "community": "Community",
    "tract": "Tract",
    "engagement": "Log entry",
    "walkabout": "Walkabout",
}
# The seeds' "shared staff commitment": training each person involved has done.
TRAININGS: dict[str, str] = {
    "cultural_competence": "Cultural competence",
    "relationship_building": "Relationship-building",
    "listening": "Listening skills",
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
            f"The due date {due_on:%Y-%m-%d} is in the past (today is {today:%Y-%m-%d}). "
            "Choose today or a later day.",
            [{"field": "due_on", "message": "in the past"}],
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


def describe_undated(steps: pd.DataFrame) -> str:
    """Say which steps a calendar leaves out for want of a due date ('' when none).

    A calendar event needs a day, so :func:`geo.fieldwork.ics.export_ics` skips undated
    steps; this names them so nobody believes the calendar is the whole plan.

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
    names = ", ".join(f"'{t}'" for t in undated["title"])
    count = "1 step" if len(undated) == 1 else f"{len(undated)} steps"
    return (
        f"The calendar leaves out {count} without a due date: {names}. "
        "Give them a due date to include them."
    )


def summarize_capacity(staff: pd.DataFrame) -> pd.DataFrame:
    """One row per person with a tick per training (for 'shared staff commitment')."""
    # Empty cells stay empty (a missing branch or team is not the word "None").
    columns = ["name", "branch", "team"]
    out = staff[columns].astype(object).where(staff[columns].notna(), "")
    for key, label in TRAININGS.items():
        out[label] = staff["trainings"].map(lambda t, k=key: "✓" if k in t else "")
    return out

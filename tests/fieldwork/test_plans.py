"""Action-plan rules and engagement views with an injected today."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.errors import ValidationError
from geo.fieldwork.action_plan import check_due_date, is_overdue, mark_overdue
from geo.fieldwork.engagement import compute_continuum_trend, find_partnership_opportunities

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    "due, status, overdue",
    [
        (date(2026, 2, 28), "open", True),
        (date(2026, 2, 28), "in_progress", True),
        (date(2026, 2, 28), "done", False),
        (date(2026, 2, 28), "dropped", False),
        (TODAY, "open", False),
        (None, "open", False),
    ],
)
def test_overdue(due, status, overdue):
    assert is_overdue(due, status, today=TODAY) is overdue


def test_mark_overdue_counts_days_late():
    steps = pd.DataFrame({"due_on": [date(2026, 2, 20), None], "status": ["open", "open"]})
    marked = mark_overdue(steps, today=TODAY)
    assert list(marked["overdue"]) == [True, False] and list(marked["days_late"]) == [9, 0]


def test_due_date_in_the_past_is_refused():
    with pytest.raises(ValidationError, match="in the past"):
        check_due_date(date(2026, 2, 28), today=TODAY)
    check_due_date(TODAY, today=TODAY)
    check_due_date(None, today=TODAY)


def _entries():
    return pd.DataFrame(
        {
            "id": ["e1", "e2", "e3"],
            "contact_on": [date(2026, 2, 1), date(2025, 1, 5), date(2026, 1, 10)],
            "branch": ["Central", "Central", "Eastside"],
            "staff": ["A", "B", "C"],
            "organization_ids": [["O1"], ["O1"], ["O2"]],
            "continuum": ["collaborate", "outreach", "consult"],
            "follow_up_on": [None] * 3,
        }
    )


def test_partnership_opportunities_match_team_focus_and_recency():
    orgs = pd.DataFrame(
        {
            "org_id": ["O1", "O2"],
            "name": ["Youth Club", "Clinic"],
            "category": ["youth;cultural", "health"],
        }
    )
    youth = find_partnership_opportunities(_entries(), orgs, "Youth", today=TODAY)
    assert list(youth["entry_id"]) == ["e1"]  # e2 is too old, O2 is not a youth service
    assert youth.loc[0, "matching_services"] == "cultural, youth"
    older = find_partnership_opportunities(_entries(), orgs, "Older adults", today=TODAY)
    assert list(older["organization"]) == ["Clinic"]


def test_continuum_trend_per_branch_and_quarter():
    trend = compute_continuum_trend(_entries())
    central = trend[trend["branch"] == "Central"].sort_values("period")
    assert list(central["level"]) == [1.0, 4.0]
    assert compute_continuum_trend(_entries().iloc[:0]).empty

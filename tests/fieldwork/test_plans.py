"""Action-plan rules and engagement views with an injected today."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.errors import ValidationError
from geo.fieldwork.action_plan import check_due_date, is_overdue, mark_overdue
from geo.fieldwork.engagement import compute_continuum_trend, find_partnership_opportunities
from geo.i18n import translator

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
            "organization_id": ["O1", "O2"],
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
    assert all(q[:4].isdigit() and q[4:6] == " Q" and q[6] in "1234" for q in trend["quarter"])
    assert compute_continuum_trend(_entries().iloc[:0]).empty


def test_undated_steps_are_named_for_the_calendar():
    from geo.fieldwork.action_plan import describe_undated

    steps = pd.DataFrame(
        {"title": ["Call Ana", "Print flyers"], "due_on": [date(2026, 12, 5), None]}
    )
    assert describe_undated(steps).startswith(
        "The calendar leaves out 1 step without a due date: 'Print flyers'."
    )
    assert describe_undated(steps.iloc[:1]) == ""
    assert describe_undated(steps.iloc[:0]) == ""
    undated = steps.assign(title=["打电话给安娜", "印传单"], due_on=None)
    chinese = describe_undated(undated, n_=translator("zh").ngettext, locale="zh")
    assert "'打电话给安娜'、'印传单'" in chinese and ", " not in chinese


@pytest.mark.parametrize(
    "day, label",
    [(date(2026, 1, 1), "2026 Q1"), (date(2026, 3, 31), "2026 Q1"),
     (date(2026, 4, 1), "2026 Q2"), (date(2026, 9, 30), "2026 Q3"),
     (date(2026, 10, 1), "2026 Q4"), (date(2026, 12, 31), "2026 Q4")],
)  # fmt: skip
def test_quarters_read_as_year_and_quarter(day, label):
    from geo.fieldwork.engagement import quarter_label

    assert quarter_label(day) == label


def test_log_table_has_human_labels_and_empty_cells():
    from geo.fieldwork.engagement import build_log_table
    from geo.vocab import ENTRY_TECHNIQUES

    entries = pd.DataFrame(
        [
            {
                "contact_on": date(2026, 11, 2), "branch": None, "team": None, "staff": "Amira",
                "technique": "walkabout", "continuum": "consult", "organizations": ["Clinic"],
                "communities": [], "summary": None, "needs": "ESL", "aspirations": None,
                "assets_heard": None, "challenges": "", "follow_up_on": None,
            }
        ]
    )  # fmt: skip
    table = build_log_table(entries, ENTRY_TECHNIQUES)
    assert "contact_on" not in table and "assets_heard" not in table
    assert list(table.columns[:3]) == ["Date", "Branch", "Team"]
    row = table.iloc[0]
    assert row["Technique"] == "Door-to-door / neighbourhood walkabout"
    assert row["Involvement"].startswith("Consult")
    assert (row["Branch"], row["Communities"], row["Aspirations"]) == ("", "", "")
    assert "None" not in table.astype(str).drop(columns=["Follow up on"]).to_numpy().tolist()[0]
    assert row["Follow up on"] is None and row["Date"] == date(2026, 11, 2)


def test_capacity_table_leaves_a_missing_branch_or_team_empty():
    import pandas as pd

    from geo.fieldwork.action_plan import summarize_capacity

    staff = pd.DataFrame(
        {
            "name": ["Rosa", "Ben"],
            "branch": [None, "Central"],
            "team": [None, float("nan")],
            "trainings": [{"listening": None}, {}],
        }
    )
    table = summarize_capacity(staff)
    assert table.loc[0, ["branch", "team"]].tolist() == ["", ""]
    assert table.loc[1, ["branch", "team"]].tolist() == ["Central", ""]
    assert table.loc[0, "Listening skills"] == "✓" and table.loc[1, "Listening skills"] == ""

"""The engagement log's vocabulary and views: continuum levels, teams, partnership matches.

The public involvement continuum follows the IAP2 Spectrum of Public Participation (inform,
consult, involve, collaborate, empower), worded as libraries use it in community-led service
planning (Working Together Project, *Community-Led Libraries Toolkit*, 2008): from outreach,
where the library informs, to community-led, where the community shapes the service.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from geo.vocab import split_list

CONTINUUM: dict[str, str] = {
    "outreach": "Outreach (library informs)",
    "consult": "Consult (library asks)",
    "involve": "Involve (community's views shape options)",
    "collaborate": "Collaborate (shared decisions)",
    "community_led": "Community-led (community shapes the service)",
}
CONTINUUM_RANK: dict[str, int] = {key: rank for rank, key in enumerate(CONTINUUM, start=1)}

# Team -> the service categories (geo.vocab.SERVICE_CATEGORIES) that match its focus.
TEAMS: dict[str, tuple[str, ...]] = {
    "Newcomer services": ("resettlement", "english", "legal", "employment", "social"),
    "Youth": ("youth", "english", "cultural"),
    "Older adults": ("health", "social", "faith", "food"),
    "Adult learning": ("english", "employment", "business"),
    "Outreach": ("cultural", "faith", "business", "food"),
}

HEARD_FIELDS: dict[str, str] = {
    "needs": "Needs",
    "aspirations": "Aspirations",
    "assets_heard": "Assets (strengths, skills, places)",
    "challenges": "Challenges",
}


def compute_continuum_trend(entries: pd.DataFrame, *, freq: str = "QS") -> pd.DataFrame:
    """Average continuum level per branch and period, for the 'how far have we moved' chart.

    Parameters
    ----------
    entries : pandas.DataFrame
        Columns ``contact_on`` (date), ``branch`` (label) and ``continuum`` (key of
        :data:`CONTINUUM`).
    freq : str, optional
        Period (pandas offset alias), quarters by default.

    Returns
    -------
    pandas.DataFrame
        ``branch, period, level, contacts``: level is the mean rank (1 outreach ... 5
        community-led) of the period's entries.
    """
    if entries.empty:
        return pd.DataFrame(columns=["branch", "period", "quarter", "level", "contacts"])
    frame = entries.assign(
        level=entries["continuum"].map(CONTINUUM_RANK),
        period=pd.to_datetime(entries["contact_on"]).dt.to_period(freq[0]).dt.start_time,
        branch=entries["branch"].fillna("(no branch)").replace("", "(no branch)"),
    ).dropna(subset=["level"])
    trend = frame.groupby(["branch", "period"], as_index=False).agg(
        level=("level", "mean"), contacts=("level", "size")
    )
    trend.insert(2, "quarter", trend["period"].map(quarter_label))
    return trend


def quarter_label(day: date | pd.Timestamp) -> str:
    """'2026 Q4' for any day of October to December 2026 (calendar quarters).

    Examples
    --------
    >>> quarter_label(date(2026, 11, 3))
    '2026 Q4'
    """
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


# What the log's table calls each column (in this order).
LOG_COLUMNS: dict[str, str] = {
    "contact_on": "Date",
    "branch": "Branch",
    "team": "Team",
    "staff": "Staff",
    "technique": "Technique",
    "continuum": "Involvement",
    "organizations": "Organizations",
    "communities": "Communities",
    "summary": "What happened",
    **HEARD_FIELDS,
    "follow_up_on": "Follow up on",
}


def build_log_table(entries: pd.DataFrame, techniques: dict[str, str]) -> pd.DataFrame:
    """The log as people read it: labelled columns, words instead of codes, blanks empty.

    Parameters
    ----------
    entries : pandas.DataFrame
        ``list_engagement`` rows with a ``branch`` name column.
    techniques : dict
        Technique code -> label (``geo.vocab.ENTRY_TECHNIQUES``).

    Returns
    -------
    pandas.DataFrame
        Columns named by :data:`LOG_COLUMNS`; missing values are empty strings, dates
        stay dates (None where missing).
    """
    table = entries.assign(
        technique=entries["technique"].map(lambda t: techniques.get(t, t)),
        continuum=entries["continuum"].map(lambda c: CONTINUUM.get(c, c)),
        organizations=entries["organizations"].map("; ".join),
        communities=entries["communities"].map("; ".join),
    )[list(LOG_COLUMNS)]
    text_columns = [c for c in LOG_COLUMNS if c not in ("contact_on", "follow_up_on")]
    table[text_columns] = (
        table[text_columns].astype(object).where(table[text_columns].notna(), "").astype(str)
    )
    dates = ["contact_on", "follow_up_on"]
    table[dates] = table[dates].astype(object).where(table[dates].notna(), None)
    return table.rename(columns=LOG_COLUMNS)


def find_partnership_opportunities(
    entries: pd.DataFrame,
    organizations: pd.DataFrame,
    team: str,
    *,
    today: date,
    days: int = 180,
) -> pd.DataFrame:
    """Recent contacts with organizations whose services match a team's focus.

    Parameters
    ----------
    entries : pandas.DataFrame
        The log (``list_engagement``): ``id, contact_on, branch, staff, organization_ids,
        continuum, follow_up_on, needs, aspirations`` ...
    organizations : pandas.DataFrame
        ``organization_id, name, category`` (``;``-separated categories).
    team : str
        A key of :data:`TEAMS`.
    today : datetime.date
        Reference day (injected so tests are stable).
    days : int, optional
        How far back a contact counts as recent.

    Returns
    -------
    pandas.DataFrame
        One row per (entry, matching organization), newest first, with ``matching_services``.
    """
    focus = set(TEAMS.get(team, ()))
    columns = [
        "contact_on",
        "organization",
        "matching_services",
        "branch",
        "staff",
        "continuum",
        "follow_up_on",
        "entry_id",
    ]
    if entries.empty or not focus:
        return pd.DataFrame(columns=columns)
    services = {r.organization_id: set(split_list(r.category)) for r in organizations.itertuples()}
    names = dict(zip(organizations["organization_id"], organizations["name"], strict=True))
    since = today - timedelta(days=days)
    rows = []
    for entry in entries.itertuples():
        if entry.contact_on is None or entry.contact_on < since:
            continue
        for organization_id in entry.organization_ids:
            matching = sorted(services.get(organization_id, set()) & focus)
            if matching:
                rows.append(
                    {
                        "contact_on": entry.contact_on,
                        "organization": names.get(organization_id, organization_id),
                        "matching_services": ", ".join(matching),
                        "branch": entry.branch,
                        "staff": entry.staff,
                        "continuum": CONTINUUM.get(entry.continuum, entry.continuum),
                        "follow_up_on": entry.follow_up_on,
                        "entry_id": entry.id,
                    }
                )
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("contact_on", ascending=False, kind="stable").reset_index(drop=True)

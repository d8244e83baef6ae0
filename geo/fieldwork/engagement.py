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
        return pd.DataFrame(columns=["branch", "period", "level", "contacts"])
    frame = entries.assign(
        level=entries["continuum"].map(CONTINUUM_RANK),
        period=pd.to_datetime(entries["contact_on"]).dt.to_period(freq[0]).dt.start_time,
        branch=entries["branch"].fillna("(no branch)").replace("", "(no branch)"),
    ).dropna(subset=["level"])
    return frame.groupby(["branch", "period"], as_index=False).agg(
        level=("level", "mean"), contacts=("level", "size")
    )


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
        ``org_id, name, category`` (``;``-separated categories).
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
    services = {r.org_id: set(split_list(r.category)) for r in organizations.itertuples()}
    names = dict(zip(organizations["org_id"], organizations["name"], strict=True))
    since = today - timedelta(days=days)
    rows = []
    for entry in entries.itertuples():
        if entry.contact_on is None or entry.contact_on < since:
            continue
        for org_id in entry.organization_ids:
            matching = sorted(services.get(org_id, set()) & focus)
            if matching:
                rows.append(
                    {
                        "contact_on": entry.contact_on,
                        "organization": names.get(org_id, org_id),
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

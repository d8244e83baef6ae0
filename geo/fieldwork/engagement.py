"""The engagement log's vocabulary and views: continuum levels, teams, partnership matches.

The public involvement continuum follows the IAP2 Spectrum of Public Participation (inform,
consult, involve, collaborate, empower), worded as libraries use it in community-led service
planning (Working Together Project, *Community-Led Libraries Toolkit*, 2008): from outreach,
where the library informs, to community-led, where the community shapes the service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from geo.i18n import N_
from geo.vocab import split_list

CONTINUUM: dict[str, str] = {
    "outreach": N_("Outreach (library informs)"),
    "consult": N_("Consult (library asks)"),
    "involve": N_("Involve (community's views shape options)"),
    "collaborate": N_("Collaborate (shared decisions)"),
    "community_led": N_("Community-led (community shapes the service)"),
}
CONTINUUM_RANK: dict[str, int] = {key: rank for rank, key in enumerate(CONTINUUM, start=1)}

# Team -> the service categories (geo.vocab.SERVICE_CATEGORIES) that match its focus.
TEAMS: dict[str, tuple[str, ...]] = {
    N_("Newcomer services"): ("resettlement", "english", "legal", "employment", "social"),
    N_("Youth"): ("youth", "english", "cultural"),
    N_("Older adults"): ("health", "social", "faith", "food"),
    N_("Adult learning"): ("english", "employment", "business"),
    N_("Outreach"): ("cultural", "faith", "business", "food"),
}

HEARD_FIELDS: dict[str, str] = {
    "needs": N_("Needs"),
    "aspirations": N_("Aspirations"),
    "assets_heard": N_("Assets (strengths, skills, places)"),
    "challenges": N_("Challenges"),
}


def compute_continuum_trend(
    entries: pd.DataFrame, *, freq: str = "QS", translate: Callable[[str], str] = str
) -> pd.DataFrame:
    """Average continuum level per branch and period, for the 'how far have we moved' chart.

    Parameters
    ----------
    entries : pandas.DataFrame
        Columns ``contact_on`` (date), ``branch`` (label) and ``continuum`` (key of
        :data:`CONTINUUM`).
    freq : str, optional
        Period (pandas offset alias), quarters by default.
    translate : callable, optional
        Writes "(no branch)" in the reader's language (the ``ui`` passes its ``_``).

    Returns
    -------
    pandas.DataFrame
        ``branch, period, level, contacts``: level is the mean rank (1 outreach ... 5
        community-led) of the period's entries.
    """
    if entries.empty:
        return pd.DataFrame(columns=["branch", "period", "quarter", "level", "contacts"])
    no_branch = translate(N_("(no branch)"))
    frame = entries.assign(
        level=entries["continuum"].map(CONTINUUM_RANK),
        period=pd.to_datetime(entries["contact_on"]).dt.to_period(freq[0]).dt.start_time,
        branch=entries["branch"].fillna(no_branch).replace("", no_branch),
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
    "contact_on": N_("Date"),
    "branch": N_("Branch"),
    "team": N_("Team"),
    "staff": N_("Staff"),
    "technique": N_("Technique"),
    "continuum": N_("Involvement"),
    "organizations": N_("Organizations"),
    "communities": N_("Communities"),
    "summary": N_("What happened"),
    **HEARD_FIELDS,
    "follow_up_on": N_("Follow up on"),
}


def build_log_table(
    entries: pd.DataFrame,
    techniques: dict[str, str],
    translate: Callable[[str], str] = str,
) -> pd.DataFrame:
    """The log as people read it: labelled columns, words instead of codes, blanks empty.

    Parameters
    ----------
    entries : pandas.DataFrame
        ``list_engagement`` rows with a ``branch`` name column.
    techniques : dict
        Technique code -> label (``geo.vocab.ENTRY_TECHNIQUES``).
    translate : callable, optional
        Shows the continuum labels and the column names in the reader's language (the
        ``ui`` passes its ``_``); English by default.

    Returns
    -------
    pandas.DataFrame
        Columns named by :data:`LOG_COLUMNS`; missing values are empty strings, dates
        stay dates (None where missing).
    """
    table = entries.assign(
        technique=entries["technique"].map(lambda t: techniques.get(t, t)),
        continuum=entries["continuum"].map(
            lambda c: translate(CONTINUUM[c]) if c in CONTINUUM else c
        ),
        organizations=entries["organizations"].map("; ".join),
        communities=entries["communities"].map("; ".join),
    )[list(LOG_COLUMNS)]
    text_columns = [c for c in LOG_COLUMNS if c not in ("contact_on", "follow_up_on")]
    table[text_columns] = (
        table[text_columns].astype(object).where(table[text_columns].notna(), "").astype(str)
    )
    dates = ["contact_on", "follow_up_on"]
    table[dates] = table[dates].astype(object).where(table[dates].notna(), None)
    return table.rename(columns={key: translate(label) for key, label in LOG_COLUMNS.items()})


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

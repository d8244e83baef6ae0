"""Site listing: one row per site (an organization's office, clinic or class room).

The map, catchments, walk stops, gap analysis and profiles count sites: an organization with
a site in a catchment is in that catchment. Each row carries its organization's id and the
organization's fields the filters use, so a consumer needs nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.listing import list_assets
from geo.db.models import Asset, OpeningHours
from geo.db.schema import Location, Schedule
from geo.hours import format_hours, hours_for, open_now_label
from geo.messages import N_, Message

# Column contract of list_sites.
SITE_COLUMNS: tuple[str, ...] = (
    "organization_id",
    "site_position",
    "name",
    "site_name",
    "category",
    "languages",
    "communities",
    "address",
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "lat",
    "lon",
    "needs_location",
    "hours",
    "phone",
    "website",
    "status",
    "last_verified_on",
)
_SITE_FIELDS = ("address", "address_1", "city", "state_province", "postal_code", "country")


def load_hours(session: Session, ids: Sequence[str]) -> dict[str, tuple[OpeningHours, ...]]:
    """Every opening-hours row of the given organizations, by organization id.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    ids : sequence of str
        Organization ids (any number; read in chunks).

    Returns
    -------
    dict
        ``{organization_id: rows}``; organizations without hours are absent.
    """
    rows: dict[str, list[OpeningHours]] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        query = sa.select(Schedule).where(Schedule.organization_id.in_(ids[start : start + 500]))
        for h in session.scalars(query):
            rows.setdefault(h.organization_id, []).append(
                OpeningHours(
                    weekday=h.weekday,
                    opens_at=h.opens_at,
                    closes_at=h.closes_at,
                    site=h.site_position,
                    service=h.service_position,
                    description=h.description,
                )
            )
    return {k: tuple(v) for k, v in rows.items()}


def _site_hours(session: Session, ids: list[str], sites: Iterable[tuple[str, int]]) -> list[str]:
    """Hours text of each (organization id, site position): the site's own hours, else the
    organization-wide ones, else its services' (``geo.hours.hours_for``)."""
    rows = load_hours(session, ids)
    return [
        format_hours(hours_for(rows[org], site=max(position, 0))) if org in rows else ""
        for org, position in sites
    ]


def _locations(session: Session, ids: list[str]) -> pd.DataFrame:
    columns = [Location.organization_id, Location.position, Location.name, Location.lat]
    columns += [Location.lon, *(getattr(Location, f) for f in _SITE_FIELDS)]
    frames = []
    for start in range(0, len(ids), 500):
        query = sa.select(*columns).where(Location.organization_id.in_(ids[start : start + 500]))
        frames.append(pd.DataFrame(session.execute(query).all(), columns=[c.key for c in columns]))
    if not frames:
        return pd.DataFrame(columns=[c.key for c in columns])
    return pd.concat(frames, ignore_index=True).rename(
        columns={"position": "site_position", "name": "site_name"}
    )


def list_sites(
    session: Session,
    *,
    categories: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    communities: Iterable[str] | None = None,
    search: str | None = None,
    include_archived: bool = False,
    include_unplaced_organizations: bool = False,
) -> pd.DataFrame:
    """One row per site of the organizations that match the filters.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    categories, languages, communities, search, include_archived
        As for :func:`geo.db.listing.list_assets` (filters apply to organizations).
    include_unplaced_organizations : bool, optional
        Also give one row (``site_position`` -1, no place) per organization without any
        site, as a file export needs; the map and catchments leave this False.

    Returns
    -------
    pandas.DataFrame
        Columns SITE_COLUMNS, ordered by organization name then site position; ``hours``
        is short text such as ``Mo-Fr 09:00-17:00``.
    """
    orgs = list_assets(
        session,
        categories=categories,
        languages=languages,
        communities=communities,
        search=search,
        include_archived=include_archived,
    ).drop(columns=[*_SITE_FIELDS[:1], "lat", "lon", "needs_location"])
    ids = list(orgs["organization_id"])
    sites = _locations(session, ids)
    how = "left" if include_unplaced_organizations else "inner"
    frame = orgs.merge(sites, on="organization_id", how=how, sort=False)
    frame["site_position"] = frame["site_position"].fillna(-1).astype("int64")
    frame["hours"] = _site_hours(
        session, ids, zip(frame["organization_id"], frame["site_position"], strict=True)
    )
    frame["lat"] = frame["lat"].astype("float64")
    frame["lon"] = frame["lon"].astype("float64")
    frame["needs_location"] = frame["lat"].isna() | frame["lon"].isna()
    frame = frame.sort_values(["site_position"], kind="stable")
    order = {o: i for i, o in enumerate(ids)}
    frame = frame.sort_values("organization_id", key=lambda s: s.map(order), kind="stable")
    return frame[list(SITE_COLUMNS)].reset_index(drop=True)


def directory_hours(
    session: Session, ids: Sequence[str], *, now: datetime, tz: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Hours of each organization's main site for the directory, and whether it is open now.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Open session.
    ids : sequence of str
        Organization ids.
    now : datetime.datetime
        An aware time (the server's clock); converted to ``tz``.
    tz : str
        The study area's time zone (:func:`geo.hours.study_area_zone`).

    Returns
    -------
    (dict, dict)
        ``{id: "Mo-Fr 09:00-17:00"}`` and ``{id: "open now" | "closed now" |
        "hours not known"}``; organizations without hours have "" and "hours not known".
    """
    rows = load_hours(session, ids)
    hours = {i: format_hours(hours_for(rows.get(i, ()), site=0)) for i in ids}
    state: dict[str, str] = {
        i: open_now_label(hours_for(rows.get(i, ()), site=0), now, tz) for i in ids
    }
    return hours, state


def site_hours_table(asset: Asset, *, now: datetime, tz: str) -> pd.DataFrame:
    """One row per site of an organization: where, its hours, and open or closed now.

    Columns ``Site``, ``Address``, ``Hours``, ``Now`` (``N_`` headings); a site without its
    own hours shows the organization's (or its services') hours, as
    :func:`geo.hours.hours_for` picks them. Object columns, so the words the app wrote
    (:class:`geo.messages.Message`) can be said in the reader's language.
    """
    rows = []
    for position, site in enumerate(asset.sites):
        applying = hours_for(asset.hours, site=position)
        rows.append(
            {
                "Site": site.name
                or Message(N_("Main site") if position == 0 else N_("Site {n}"), n=position + 1),
                "Address": site.address or "",
                "Hours": format_hours(applying),
                "Now": open_now_label(applying, now, tz),
            }
        )
    if not asset.sites and asset.hours:
        rows.append(
            {
                "Site": Message(N_("(no place yet)")),
                "Address": "",
                "Hours": format_hours(asset.hours),
                "Now": open_now_label(asset.hours, now, tz),
            }
        )
    columns = [N_("Site"), N_("Address"), N_("Hours"), N_("Now")]
    return pd.DataFrame(rows, columns=columns, dtype=object)

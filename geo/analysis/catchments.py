"""Which tracts make up an area (a branch catchment ring, a drawn shape), by a stated rule.

Tracts rarely fit an area exactly, so the rule is explicit and printed with every profile.
Geometry is compared in a metric CRS (the local UTM zone), never in degrees.
Organizations are placed by their sites: an organization is in an area when any of its sites
lies inside it, whatever the place of its main office (:func:`count_organizations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.census.community import RULES
from geo.config import WGS84
from geo.crs import metric_crs
from geo.errors import DataNotAvailable
from geo.messages import N_, Message, Quantity, enumeration, n_

HAND_PICKED = N_("Tracts picked by hand.")  # the "rule" of hand-picked tracts


def build_ring(lat: float, lon: float, radius_m: float) -> BaseGeometry:
    """A circle of ``radius_m`` metres around a point, as a WGS84 polygon.

    Raises
    ------
    DataNotAvailable
        If the radius is not positive.
    """
    if radius_m <= 0:
        raise DataNotAvailable.said(N_("The catchment radius must be more than 0 metres."))
    point = gpd.GeoSeries([Point(lon, lat)], crs=WGS84)
    metric = point.to_crs(metric_crs(point))
    return metric.buffer(radius_m, quad_segs=32).to_crs(WGS84).iloc[0]


def select_tracts(
    tracts: gpd.GeoDataFrame, area: BaseGeometry, rule: str = "centroid"
) -> list[str]:
    """GEOIDs of the tracts that belong to ``area`` (WGS84) under ``rule``.

    Parameters
    ----------
    tracts
        Tract polygons indexed by GEOID, EPSG:4326.
    area
        The catchment or drawn polygon in WGS84.
    rule
        ``"centroid"`` or ``"half_area"`` (see :data:`RULES`).

    Raises
    ------
    KeyError
        For an unknown rule.
    """
    if rule not in RULES:
        raise KeyError(f"Unknown rule {rule!r}; use one of {', '.join(RULES)}.")
    crs = metric_crs(tracts)
    metric = tracts.geometry.to_crs(crs)
    shape = gpd.GeoSeries([area], crs=WGS84).to_crs(crs).iloc[0]
    near = metric[metric.intersects(shape)]
    if rule == "centroid":
        chosen = near[near.centroid.within(shape)]
    else:
        chosen = near[near.intersection(shape).area >= 0.5 * near.area]
    return [str(g) for g in chosen.index]


def describe_selection(
    area_tracts: gpd.GeoDataFrame,
    branches,
    *,
    rule: str = "centroid",
    lat: float | None = None,
    lon: float | None = None,
    radius_m: float | None = None,
    branch_id: str | None = None,
    geoids: list[str] | None = None,
    shape: BaseGeometry | None = None,
) -> tuple[list[str], str, str]:
    """Resolve one way of choosing an area to ``(geoids, title, rule text)``.

    The title is a :class:`geo.messages.Message` (English as a ``str``, said in the reader's
    language with ``in_language``): ``Within 1,000 m of Ashgrove Branch``, ``A menos de
    1000 m de Ashgrove Branch``; a branch's name stays as recorded.

    Exactly one of: a point with ``radius_m``; a ``branch_id`` with ``radius_m``; a drawn
    ``shape``; or hand-picked ``geoids`` (taken as they are).

    Raises
    ------
    DataNotAvailable
        If the choice is incomplete, the branch is unknown or no tract qualifies.
    """
    if geoids:
        unknown = [g for g in geoids if g not in area_tracts.index]
        if unknown:
            raise DataNotAvailable.said(
                N_("Unknown tract GEOIDs: {geoids}."), geoids=enumeration(unknown[:5])
            )
        title = n_("{count} hand-picked tract", "{count} hand-picked tracts", len(geoids))
        return list(geoids), title, HAND_PICKED
    if branch_id is not None:
        found = branches[branches["branch_id"] == branch_id]
        if found.empty:
            raise DataNotAvailable.said(
                N_("No branch with id '{id}' in this study area."), id=branch_id
            )
        b = found.iloc[0]
        lat, lon = float(b["lat"]), float(b["lon"])
        place: object = str(b["name"])  # data: the branch's name as recorded
    elif lat is not None and lon is not None:  # coordinates as written: no decimal comma
        place = Message(N_("point {lat}, {lon}"), lat=f"{lat:.5f}", lon=f"{lon:.5f}")
    if shape is None:
        if lat is None or lon is None or radius_m is None:
            raise DataNotAvailable.said(N_("Give a branch or a point, and a radius in metres."))
        shape = build_ring(lat, lon, radius_m)
        title = Message(N_("Within {distance} of {place}"), distance=_metres(radius_m), place=place)
    else:
        title = Message(N_("Drawn area"))
    chosen = select_tracts(area_tracts, shape, rule)
    if not chosen:
        raise DataNotAvailable.said(
            N_("No tract qualifies under the rule: {rule} Try a larger radius or the other rule."),
            rule=Message(RULES[rule]),
        )
    return chosen, title, RULES[rule]


def _metres(radius_m: float) -> Quantity:
    """A radius as the reader's language writes metres (``1,000 m``, ``1000 m``, ``1 000 m``)."""
    return Quantity(radius_m, "length-meter", decimals=0)


@dataclass(frozen=True, kw_only=True)
class AreaOrganizations:
    """The organizations with a site inside an area, and those sites."""

    organizations: int
    sites: int
    # One row per organization: organization_id, name, sites (inside), sites_elsewhere.
    table: pd.DataFrame


def count_organizations(
    sites: pd.DataFrame, tracts: gpd.GeoDataFrame, geoids: Sequence[str]
) -> AreaOrganizations:
    """Organizations with at least one site inside the chosen tracts, counted once each.

    Parameters
    ----------
    sites
        One row per site (:func:`geo.db.sites.list_sites`): ``organization_id``, ``name``,
        ``lat``, ``lon``; sites without coordinates are in no area.
    tracts
        Tract polygons indexed by GEOID, EPSG:4326.
    geoids
        The area's tracts (as chosen by :func:`describe_selection`).

    Returns
    -------
    AreaOrganizations
        Counts and, per organization, its sites inside and outside the area.
    """
    placed = sites.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    chosen = tracts.loc[tracts.index.intersection(list(geoids))]
    points = gpd.GeoDataFrame(
        placed, geometry=gpd.points_from_xy(placed["lon"], placed["lat"]), crs=WGS84
    )
    crs = metric_crs(tracts)
    area = chosen.geometry.to_crs(crs).union_all()
    inside = placed[points.geometry.to_crs(crs).intersects(area).to_numpy()]
    totals = sites["organization_id"].value_counts()
    counts = inside["organization_id"].value_counts(sort=False)
    names = inside.drop_duplicates("organization_id").set_index("organization_id")["name"]
    table = pd.DataFrame(
        {
            "organization_id": counts.index.astype(str),
            "name": names.reindex(counts.index).astype(str).to_numpy(),
            "sites": counts.to_numpy(dtype="int64"),
            "sites_elsewhere": (totals.reindex(counts.index) - counts).to_numpy(dtype="int64"),
        }
    )
    table = table.sort_values(["sites", "name"], ascending=[False, True], kind="stable")
    return AreaOrganizations(
        organizations=len(table), sites=len(inside), table=table.reset_index(drop=True)
    )

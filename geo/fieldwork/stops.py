"""Turn organizations, branches and typed points into walkabout stops."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from geo.errors import ValidationError
from geo.fieldwork.areas import haversine_m
from geo.fieldwork.routes import Stop
from geo.messages import N_, Message
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES, split_list


def _labels(cell: object, names: dict[str, str]) -> str:
    return ", ".join(names.get(item, item) for item in split_list(cell))


def _text(cell: object) -> str:
    return "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)


def stops_from_organizations(organizations: pd.DataFrame) -> list[Stop]:
    """One stop per organization that has a location (``list_assets`` columns)."""
    located = organizations.dropna(subset=["lat", "lon"])
    return [
        Stop(
            label=str(r["name"]),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            organization_id=str(r["organization_id"]),
            address=_text(r.get("address")),
            languages=_labels(r.get("languages"), LANGUAGES),
            services=_labels(r.get("category"), SERVICE_CATEGORIES),
        )
        for r in located.to_dict("records")  # iterrows costs ~1 ms a row
    ]


def stops_from_sites(sites: pd.DataFrame) -> list[Stop]:
    """One stop per located site (``list_sites`` columns): walks visit places, not records.

    An organization with two sites in the area is offered twice, each named by its site
    ("Name (site name)"); each stop carries the site's opening hours as text.
    """
    located = sites.dropna(subset=["lat", "lon"])
    stops = []
    for r in located.to_dict("records"):  # iterrows costs ~1 ms a row
        name, site = str(r["name"]), _text(r.get("site_name")).strip()
        stops.append(
            Stop(
                label=f"{name} ({site})" if site and site != name else name,
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                organization_id=str(r["organization_id"]),
                site_position=int(r["site_position"]),
                address=_text(r.get("address")),
                languages=_labels(r.get("languages"), LANGUAGES),
                services=_labels(r.get("category"), SERVICE_CATEGORIES),
                hours=_text(r.get("hours")),
            )
        )
    return stops


def branch_stop(branch: pd.Series) -> Stop:
    """The branch a walk starts from (``list_branches`` row).

    Raises
    ------
    ValidationError
        If the branch has no location.
    """
    if pd.isna(branch.get("lat")) or pd.isna(branch.get("lon")):
        raise ValidationError(
            Message(
                N_("The branch '{name}' has no location; add its latitude and longitude first."),
                name=branch["name"],
            )
        )
    return Stop(
        label=str(branch["name"]),
        lat=float(branch["lat"]),
        lon=float(branch["lon"]),
        address=str(branch.get("address") or ""),
    )


def parse_free_points(text: str) -> list[Stop]:
    """Read free points typed one per line as 'lat, lon, label' (label optional).

    Raises
    ------
    ValidationError
        Naming the first line that is not 'lat, lon[, label]'.
    """
    stops: list[Stop] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",", 2)]
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except (ValueError, IndexError) as err:
            raise ValidationError(
                Message(
                    N_(
                        "Line {number} of the free points ('{text}') is not 'lat, lon, label'. "
                        "Example: 41.012, -45.003, Bus stop mural"
                    ),
                    number=str(number),
                    text=line.strip(),
                )
            ) from err
        label = parts[2] if len(parts) > 2 and parts[2] else f"Point {len(stops) + 1}"
        stops.append(Stop(label=label, lat=lat, lon=lon))
    return stops


def nearest_stop(lat: float, lon: float, stops: Sequence[Stop], *, within_m: float) -> Stop | None:
    """The stop closest to a map click, if one lies within ``within_m`` metres.

    A click on a round marker reports where the pointer was, a few metres from the
    marker's centre, so clicks are matched by distance, not by equal coordinates.
    """
    best = min(stops, key=lambda s: haversine_m(lat, lon, s.lat, s.lon), default=None)
    if best is None or haversine_m(lat, lon, best.lat, best.lon) > within_m:
        return None
    return best

"""Organization sites for the home map: one compact file per database version, and masks.

One pin per SITE (``geo.db.sites.list_sites``: an organization's office, clinic or class
room), so a resettlement agency's five offices are five pins, each naming the organization
and that site's address. The filters act on sites (each carries its organization's
services, languages and communities).

10,000 sites as folium ``Marker`` objects cost seconds to build and megabytes to send on
every rerun. Instead the sites the map may show are written once as two files the browser
fetches and caches. The first holds only what drawing needs: per site its position (two
integers on a 1e-5 degree grid, a few base-64 characters each) and the colour of its first
service category (70 kB for 10,000 sites). The second holds the words (site key,
organization name, place, services, languages; public fields only, 1.5 MB at that scale);
the browser fetches it when a person first touches the map, hovers or clicks a pin, or
searches (``static/atlas/home_map.js``). Sites are clustered in the browser, with tooltips
and popups built when hovered or clicked. A filter change sends only which sites match, as
a bit mask.

The file is rebuilt when :func:`database_stamp` changes, so an edit saved on any server
reaches every server's map at its next rerun.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from geo.db.schema import Branch, ChangeLog, Organization
from geo.db.sites import SITE_COLUMNS, list_sites
from geo.maps.layer_tables import site_labels
from geo.maps.tract_file import write_hashed
from geo.vocab import CATEGORY_COLOURS, LANGUAGES, SERVICE_CATEGORIES, split_list

ID_COLUMN = "organization_id"
SITE_KEY = "site_key"  # "<organization id>/<site position>": one per pin
CATEGORY_KEYS = tuple(SERVICE_CATEGORIES)


@dataclass(frozen=True, kw_only=True)
class SiteFile:
    """A written sites file: its URL and the key of each site (:data:`SITE_KEY`), in file order.

    ``bytes`` is the file the map draws from; ``details_bytes`` the words fetched on demand.
    """

    url: str
    ids: tuple[str, ...]
    bytes: int
    details_url: str = ""
    details_bytes: int = 0


def database_stamp(session: Session) -> str:
    """A value that changes whenever organizations or branches change, on any server.

    The last change-log id catches every logged edit; the counts and latest ``updated_at``
    also catch writes that bypass the log (bulk imports, restores).
    """
    row = session.execute(
        sa.select(
            sa.select(sa.func.max(ChangeLog.id)).scalar_subquery(),
            sa.select(sa.func.count(Organization.id)).scalar_subquery(),
            sa.select(sa.func.max(Organization.updated_at)).scalar_subquery(),
            sa.select(sa.func.count(Branch.id)).scalar_subquery(),
            sa.select(sa.func.max(Branch.updated_at)).scalar_subquery(),
        )
    ).one()
    return "|".join(str(v) for v in row)


def placed_sites(sites: pd.DataFrame, bounds: tuple[float, ...]) -> pd.DataFrame:
    """Sites with coordinates within a study area's bounds (padded by about 2 km).

    ``sites`` is one row per site (``geo.db.sites.list_sites``); the result gains
    :data:`SITE_KEY`, ``place`` (site name and address) and the services and languages as
    words (``service_labels``, ``language_labels``). A frame of organizations without
    ``site_position`` counts each row as its organization's one site.
    """
    minx, miny, maxx, maxy = bounds
    pad = 0.02  # degrees: keep places just across the boundary
    lat, lon = sites["lat"], sites["lon"]
    inside = lat.between(miny - pad, maxy + pad) & lon.between(minx - pad, maxx + pad)
    placed = sites[inside].copy()
    position = placed.get("site_position", 0)
    placed["place"] = site_places(placed)
    placed[["service_labels", "language_labels"]] = site_labels(placed)
    placed[SITE_KEY] = (
        placed[ID_COLUMN].astype(str) + "/" + pd.Series(position, index=placed.index).astype(str)
    )
    return placed


def load_map_sites(session: Session, organizations: pd.DataFrame) -> pd.DataFrame:
    """Every placed and unplaced site (``list_sites``) with its organization's other fields.

    Parameters
    ----------
    organizations
        ``geo.db.listing.list_assets`` of the same database version: the columns the
        sites lack (description, provenance) come from it, by organization id.
    """
    if organizations.empty:  # list_sites of an empty database lacks its columns
        return pd.DataFrame(
            columns=[*SITE_COLUMNS, *organizations.columns.difference(SITE_COLUMNS)]
        )
    sites = list_sites(session)
    extra = [c for c in organizations.columns if c not in sites.columns]
    return sites.merge(
        organizations[[ID_COLUMN, *extra]], on=ID_COLUMN, how="left", validate="many_to_one"
    )


def site_places(sites: pd.DataFrame) -> list[str]:
    """Per site, its name and address as one line ("Main office, 12 Rue Saint-Denis")."""
    names = sites["site_name"] if "site_name" in sites else pd.Series("", index=sites.index)
    return [
        ", ".join(str(v) for v in (n, a) if isinstance(v, str) and v.strip())
        for n, a in zip(names, sites["address"], strict=True)
    ]


GRID_DEGREES = 1e-5  # about 1 m: a pin's position in the file
_BASE64 = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))


def build_sites_json(sites: pd.DataFrame, details_url: str = "") -> bytes:
    """What the map needs to draw the sites, and where their words are (``d``).

    ``p`` holds per site two numbers of ``w`` base-64 characters (most significant first):
    latitude then longitude, in steps of ``g`` degrees from ``y0``/``x0`` (also in steps).
    ``c`` holds one character per site, the index of its first service category in ``k``
    (the category colours), so the browser colours pins without per-site styles.
    """
    first = [(split_list(c) or ["social"])[0] for c in sites["category"]]
    lat = np.rint(sites["lat"].to_numpy(dtype=float) / GRID_DEGREES).astype(np.int64)
    lon = np.rint(sites["lon"].to_numpy(dtype=float) / GRID_DEGREES).astype(np.int64)
    y0, x0 = (int(v.min()) if len(v) else 0 for v in (lat, lon))
    offsets = np.column_stack([lat - y0, lon - x0])
    width = max(1, (int(offsets.max()).bit_length() + 5) // 6) if len(offsets) else 1
    digits = offsets[:, :, None] // 64 ** np.arange(width - 1, -1, -1) % 64
    payload = {
        "g": GRID_DEGREES,
        "y0": y0,
        "x0": x0,
        "w": width,
        "p": "".join(_BASE64[digits.ravel()].tolist()),
        "c": "".join(
            chr(48 + CATEGORY_KEYS.index(k)) if k in CATEGORY_KEYS else "?" for k in first
        ),
        "k": [CATEGORY_COLOURS.get(k, "#333333") for k in CATEGORY_KEYS],
        "d": details_url,
    }
    return json.dumps(payload, separators=(",", ":")).encode("utf-8")


def build_site_details_json(sites: pd.DataFrame) -> bytes:
    """Columnar JSON of the sites' words, in the order of :func:`build_sites_json`.

    ``id`` is the site key (:data:`SITE_KEY`), ``n`` the organization's name, ``a`` the
    site's name and address, ``s`` and ``l`` its services and languages as words.
    """
    payload = {
        "id": [str(v) for v in sites[SITE_KEY]],
        "n": [str(v) for v in sites["name"]],
        "a": site_places(sites) if "place" not in sites else list(sites["place"]),
        "s": [_labels(v, SERVICE_CATEGORIES) for v in sites["category"]],
        "l": [_labels(v, LANGUAGES) for v in sites["languages"]],
    }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _labels(cell: object, names: dict[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in split_list(cell))


def write_sites_file(
    sites: pd.DataFrame, static_dir: Path, base_url: str = "/app/static"
) -> SiteFile:
    """Write (or find) the sites file and its details file; names are hashes of content."""
    details = build_site_details_json(sites)
    details_url, _ = write_hashed(static_dir, "site-details", ".json", details, base_url)
    data = build_sites_json(sites, details_url)
    url, _ = write_hashed(static_dir, "sites", ".json", data, base_url)
    return SiteFile(
        url=url,
        ids=tuple(str(v) for v in sites[SITE_KEY]),
        bytes=len(data),
        details_url=details_url,
        details_bytes=len(details),
    )


def encode_mask(ids: tuple[str, ...], matching: pd.DataFrame) -> str | None:
    """Which sites of the file match, as base64 bits (None: all of them).

    Bit ``i`` (most significant first in each byte) is site ``i`` of the file.
    """
    return encode_bits(pd.Index(ids).isin(matching[SITE_KEY]))  # hashed, not quadratic


def encode_bits(keep: np.ndarray) -> str | None:
    """A boolean mask of the file's sites as base64 bits (None: all of them)."""
    if keep.all():
        return None
    return base64.b64encode(np.packbits(keep).tobytes()).decode("ascii")

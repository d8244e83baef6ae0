"""The Census Data API (api.census.gov) with an on-disk cache, so a second load needs no
network. Responses are turned into the same tables as data.census.gov downloads.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from geo.census.acs import AcsTable, build_acs_table
from geo.errors import GeoError, ImportFormatError
from geo.messages import N_

API_ROOT = "https://api.census.gov/data"
BOUNDARY_URL = "https://www2.census.gov/geo/tiger/GENZ{year}/shp/cb_{year}_{state}_tract_500k.zip"
Transport = Callable[[str], bytes]
Progress = Callable[[int, int], None]


class CensusApiError(GeoError):
    """The Census Data API refused a request or could not be reached."""


def urllib_transport(url: str, timeout_s: float = 60.0) -> bytes:
    """GET ``url`` with the standard library (the default transport)."""
    request = urllib.request.Request(url, headers={"User-Agent": "welcome-atlas"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as err:
        raise CensusApiError.said(
            N_(
                "The Census Data API answered {code} for {url}. Check the year, state, county "
                "and table codes, and the API key."
            ),
            code=str(err.code),
            url=_without_key(url),
        ) from err
    except (urllib.error.URLError, TimeoutError) as err:
        raise CensusApiError.said(
            N_(
                "Could not reach {host}: {reason}. Check the internet connection, or import "
                "downloaded files instead."
            ),
            host=urllib.parse.urlsplit(url).netloc,
            reason=str(err),
        ) from err


def _without_key(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "key"]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def fetch_cached(url: str, cache_dir: Path, transport: Transport, suffix: str = ".json") -> bytes:
    """``url``'s body from the cache, or fetched once and cached (the key is not part of it)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(_without_key(url).encode()).hexdigest()[:24]
    cached = cache_dir / f"{digest}{suffix}"
    if cached.exists():
        return cached.read_bytes()
    body = transport(url)
    tmp = cached.with_suffix(".part")
    tmp.write_bytes(body)
    tmp.replace(cached)
    return body


def _json(body: bytes, what: str) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CensusApiError.said(
            N_(
                "The Census Data API sent something other than JSON for {what}: {start}. An "
                "invalid API key gives an HTML page."
            ),
            what=what,
            start=repr(body[:120]),
        ) from err


def fetch_census_api(
    year: int,
    state: str,
    counties: Sequence[str],
    tables: Sequence[str],
    *,
    key: str | None = None,
    cache_dir: Path | str,
    transport: Transport | None = None,
    progress: Progress | None = None,
) -> dict[str, AcsTable]:
    """Tract tables of the ACS 5-year estimates from the Census Data API.

    Parameters
    ----------
    year
        Last year of the 5-year period (2023 = ACS 2019-2023).
    state
        Two-digit state FIPS code (``"36"``).
    counties
        Three-digit county FIPS codes (``["005", "047"]``).
    tables
        Table ids (``["B05006", "B01003"]``); labels come from the API's groups endpoint.
    key
        Census API key (optional for small requests); never written to the cache.
    cache_dir
        Responses are kept here; a repeated call makes no request.
    transport
        ``url -> bytes``; default :func:`urllib_transport`. Tests pass a fake.

    Raises
    ------
    CensusApiError
        If a request fails or the answer is not what the API sends.
    """
    transport = transport or urllib_transport
    cache = Path(cache_dir)
    base = f"{API_ROOT}/{int(year)}/acs/acs5"
    steps = len(tables) * (len(counties) + 1)
    done = 0
    out: dict[str, AcsTable] = {}
    for table_id in tables:
        groups: Any = _json(
            fetch_cached(f"{base}/groups/{table_id}.json", cache, transport),
            f"the labels of {table_id}",
        )
        labels = {code: var["label"] for code, var in groups.get("variables", {}).items()}
        done += 1
        if progress:
            progress(done, steps)
        frames = []
        for county in counties:
            query = [
                ("get", f"group({table_id})"),
                ("for", "tract:*"),
                ("in", f"state:{state}"),
                ("in", f"county:{county}"),
            ]
            if key:
                query.append(("key", key))
            url = f"{base}?{urllib.parse.urlencode(query)}"
            frames.append(
                _rows_to_frame(
                    _json(
                        fetch_cached(url, cache, transport), f"{table_id} in county {state}{county}"
                    )
                )
            )
            done += 1
            if progress:
                progress(done, steps)
        out[table_id] = build_acs_table(
            pd.concat(frames, ignore_index=True), labels, f"Census API {table_id}"
        )
    return out


def _rows_to_frame(rows: object) -> pd.DataFrame:
    if not isinstance(rows, list) or len(rows) < 1 or not isinstance(rows[0], list):
        raise CensusApiError.said(
            N_("The Census Data API answer is not a table (a JSON array of rows).")
        )
    frame = pd.DataFrame(rows[1:], columns=rows[0], dtype=str)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    if "GEO_ID" not in frame.columns:
        if not {"state", "county", "tract"} <= set(frame.columns):
            raise ImportFormatError.said(
                N_("The Census Data API answer has no GEO_ID or tract columns.")
            )
        frame["GEO_ID"] = "1400000US" + frame["state"] + frame["county"] + frame["tract"]
    return frame


def fetch_tract_boundaries(
    year: int, state: str, *, cache_dir: Path | str, transport: Transport | None = None
) -> Path:
    """The cartographic-boundary tract zip of a state from www2.census.gov, cached.

    Returns
    -------
    Path
        The cached zip, ready for :func:`geo.census.boundaries.import_tract_boundaries`.
    """
    url = BOUNDARY_URL.format(year=int(year), state=state)
    fetch_cached(url, Path(cache_dir), transport or urllib_transport, suffix=".zip")
    digest = hashlib.sha256(url.encode()).hexdigest()[:24]
    return Path(cache_dir) / f"{digest}.zip"

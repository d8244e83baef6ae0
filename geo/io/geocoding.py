"""Place rows without coordinates from their address (geopy Nominatim or the U.S. Census).

A geocoder here is any callable ``address -> (lat, lon) | None``. :func:`make_geocoder`
builds a real one (rate limited, cached in a SQLite file under ``data/cache/``); tests pass
a fake. Unreachable services never drop rows: they stay in the 'needs location' list.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.config import PROJECT_ROOT
from geo.errors import GeoError
from geo.io.report import Issue, ValidationReport
from geo.messages import N_, Message

Geocoder = Callable[[str], "tuple[float, float] | None"]
DEFAULT_CACHE = PROJECT_ROOT / "data" / "cache" / "geocode.sqlite"
PROVIDERS = ("nominatim", "census")
CENSUS_URL = "https://geocoding.geo.census.gov/geocoder/locations/onelineaddress"
USER_AGENT = "welcome-atlas (public library asset map)"


class GeocodeCache:
    """Persistent address -> coordinates cache (misses are remembered too)."""

    def __init__(self, path: Path = DEFAULT_CACHE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS geocode (provider TEXT, query TEXT, "
            "lat REAL, lon REAL, PRIMARY KEY (provider, query))"
        )

    def get(self, provider: str, query: str) -> tuple[bool, tuple[float, float] | None]:
        """(found in cache, coordinates or None for a remembered miss)."""
        row = self._db.execute(
            "SELECT lat, lon FROM geocode WHERE provider=? AND query=?", (provider, query)
        ).fetchone()
        if row is None:
            return False, None
        return True, None if row[0] is None else (row[0], row[1])

    def put(self, provider: str, query: str, point: tuple[float, float] | None) -> None:
        """Remember one answer."""
        lat, lon = point if point else (None, None)
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO geocode VALUES (?, ?, ?, ?)", (provider, query, lat, lon)
            )

    def close(self) -> None:
        """Close the cache file."""
        self._db.close()


def cached(geocoder: Geocoder, cache: GeocodeCache, provider: str) -> Geocoder:
    """Wrap a geocoder so each address is asked once, ever."""

    def lookup(query: str) -> tuple[float, float] | None:
        key = " ".join(query.casefold().split())
        hit, point = cache.get(provider, key)
        if hit:
            return point
        point = geocoder(query)
        cache.put(provider, key, point)
        return point

    return lookup


def _census_call(query: str, timeout_s: float) -> tuple[float, float] | None:
    params = urllib.parse.urlencode(
        {"address": query, "benchmark": "Public_AR_Current", "format": "json"}
    )
    request = urllib.request.Request(f"{CENSUS_URL}?{params}", headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (fixed https URL)
        matches = json.load(response).get("result", {}).get("addressMatches", [])
    if not matches:
        return None
    point = matches[0]["coordinates"]
    return float(point["y"]), float(point["x"])


def make_geocoder(
    provider: str = "nominatim",
    *,
    user_agent: str = USER_AGENT,
    min_delay_s: float = 1.0,
    timeout_s: float = 10.0,
    cache_path: Path | None = DEFAULT_CACHE,
) -> Geocoder:
    """A rate-limited, cached geocoder (needs internet when an address is not cached).

    Parameters
    ----------
    provider : {'nominatim', 'census'}, optional
        OpenStreetMap Nominatim (usage policy: at most 1 request/s, a real user agent) or
        the U.S. Census Bureau one-line address geocoder (U.S. addresses only).
    user_agent : str, optional
        Sent to the service; name your library system.
    min_delay_s : float, optional
        Seconds between requests (geopy RateLimiter).
    timeout_s : float, optional
        Seconds to wait for one answer.
    cache_path : pathlib.Path or None, optional
        SQLite cache file; None disables caching.

    Returns
    -------
    Geocoder

    Raises
    ------
    GeoError
        For an unknown provider.
    """
    from geopy.extra.rate_limiter import RateLimiter

    if provider == "nominatim":
        from geopy.geocoders import Nominatim

        service = Nominatim(user_agent=user_agent, timeout=timeout_s)

        def ask(query: str) -> tuple[float, float] | None:
            found: Any = service.geocode(query)
            return None if found is None else (float(found.latitude), float(found.longitude))
    elif provider == "census":

        def ask(query: str) -> tuple[float, float] | None:
            return _census_call(query, timeout_s)
    else:
        raise GeoError(f"Unknown geocoder '{provider}'. Choose one of: {', '.join(PROVIDERS)}.")
    limited = RateLimiter(
        ask, min_delay_seconds=min_delay_s, max_retries=1, swallow_exceptions=False
    )
    return cached(limited, GeocodeCache(cache_path), provider) if cache_path else limited


def _lookup(geocoder: Geocoder, address: str) -> tuple[tuple[float, float] | None, Message]:
    """(point or None, why not) for one address; failures keep the row unplaced."""
    if not address:
        return None, Message(N_("there is no address"))
    try:
        point = geocoder(address)
    except Exception as err:  # geopy/urllib raise many kinds; the row is kept unplaced
        return None, Message(
            N_("the geocoder failed ({error})"), error=f"{type(err).__name__}: {err}"
        )
    return point, Message(N_("the address was not found"))


def _outcome(row: int, address: str, point: tuple[float, float] | None, reason: str) -> Issue:
    if point is not None:
        message = Message(
            N_("placed at {lat}, {lon} from the address"),
            lat=f"{point[0]:.6f}",
            lon=f"{point[1]:.6f}",
        )
        return Issue(
            row=row,
            field="lat/lon",
            severity="note",
            kind="geocoded",
            value=address,
            message=message,
        )
    return Issue(
        row=row,
        field="address",
        severity="note",
        kind="needs_location",
        value=address,
        message=Message(N_("could not be geocoded: {reason}"), reason=reason),
    )


def geocode_records(
    records: list[tuple[int, dict[str, object]]],
    geocoder: Geocoder,
    report: ValidationReport,
    *,
    progress: Callable[[int, int], object] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    total: int = 0,
) -> int:
    """Fill lat/lon of unplaced records in place from their address; returns how many were placed.

    Rows whose address is empty, not found, or whose lookup fails (no internet) keep no
    coordinates and a note in ``report``; they are imported as 'needs location'.
    """
    from geo.errors import ImportCancelled

    placed = 0
    for done, (row, record) in enumerate(records, start=1):
        if should_cancel is not None and should_cancel():
            raise ImportCancelled(
                Message(N_("The import was cancelled while geocoding. Nothing was saved."))
            )
        address = str(record.get("address") or "").strip()
        point, reason = _lookup(geocoder, address)
        report.issues = [
            i for i in report.issues if not (i.row == row and i.kind == "needs_location")
        ]
        if point is not None:
            record["lat"], record["lon"] = point
            placed += 1
        report.add(_outcome(row, address, point, reason))
        if progress is not None:
            progress(done, total or len(records))
    return placed

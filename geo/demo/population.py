"""Who lives in each demo tract: population, foreign born by country and their circumstances.

Counts are drawn tract by tract from the neighbourhood profiles in :mod:`geo.demo.city`
(blended across nearby neighbourhood centres, so groups cluster but borders are soft) and the
country profiles in :mod:`geo.demo.countries`. The result is one integer estimate per leaf
variable; :mod:`geo.demo.acs` adds the subtotals and margins of error.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geo.demo.city import NEIGHBOURHOODS
from geo.demo.countries import COUNTRIES
from geo.demo.geometry import polar_point
from geo.demo.households import add_languages_and_households
from geo.demo.outcomes import add_education, add_poverty

_BLEND_M = 1300.0
# Share naturalized by period of entry (2010+, 2000s, 1990s, before 1990) for a typical group.
_NATURALIZED = (0.16, 0.50, 0.70, 0.85)
# B05005 leaf codes per period: Native, Naturalized U.S. citizen, Not a U.S. citizen.
B05005_LEAVES = (
    ("003", "005", "006"),
    ("008", "010", "011"),
    ("013", "015", "016"),
    ("018", "020", "021"),
)
_CARIBBEAN = {"Haiti", "Dominican Republic", "Cuba", "Jamaica"}


def _blend(x_m: float, y_m: float) -> tuple[float, float, np.ndarray]:
    """Return foreign-born share, affluence and country mix at a point, blended by distance."""
    anchors = [polar_point(n.angle_deg, n.radius_m) for n in NEIGHBOURHOODS]
    distance = np.array([np.hypot(a.x - x_m, a.y - y_m) for a in anchors])
    weight = np.exp(-((distance / _BLEND_M) ** 2)) + 1e-9
    weight /= weight.sum()
    share = float(weight @ [n.foreign_born_share for n in NEIGHBOURHOODS])
    affluence = float(weight @ [n.affluence for n in NEIGHBOURHOODS])
    background = np.array([c.weight for c in COUNTRIES])
    mix = 0.25 * background / background.sum()
    for w, neighbourhood in zip(weight, NEIGHBOURHOODS, strict=True):
        profile = np.array([neighbourhood.countries.get(c.name, 0.0) for c in COUNTRIES])
        mix += 0.75 * w * profile / profile.sum()
    return share, affluence, mix


def _total_population(
    kind: str, area_km2: float, distance_m: float, rng: np.random.Generator
) -> int:
    """Return a tract's population: dense downtown, thinner at the edge, ~0 in a park."""
    if kind == "park":
        return 0
    if kind == "industrial":
        return int(rng.integers(6, 25))
    if kind == "small":
        return int(rng.integers(260, 720))
    density_km2 = 2500.0 + 11000.0 * np.exp(-distance_m / 2500.0)
    people = area_km2 * density_km2 * rng.lognormal(0.0, 0.15)
    return int(np.clip(round(people), 1500, 7800))


def _entry_and_citizenship(
    counts: np.ndarray, natives_abroad: int, rng: np.random.Generator
) -> dict[str, int]:
    """Return B05005 leaves: period of entry by nativity and citizenship."""
    leaves = {f"B05005_{code}": 0 for codes in B05005_LEAVES for code in codes}
    for country, count in zip(COUNTRIES, counts, strict=True):
        by_period = rng.multinomial(count, country.periods)
        for p, entered in enumerate(by_period):
            rate = min(0.97, _NATURALIZED[p] * country.naturalization)
            naturalized = int(rng.binomial(entered, rate))
            leaves[f"B05005_{B05005_LEAVES[p][1]}"] += naturalized
            leaves[f"B05005_{B05005_LEAVES[p][2]}"] += int(entered) - naturalized
    native_periods = rng.multinomial(natives_abroad, (0.2, 0.2, 0.2, 0.4))
    for p, entered in enumerate(native_periods):
        leaves[f"B05005_{B05005_LEAVES[p][0]}"] = int(entered)
    return leaves


def _tract_people(row: dict[str, object], rng: np.random.Generator) -> dict[str, int]:
    """Return every leaf estimate of one tract."""
    x_m, y_m = float(row["x_m"]), float(row["y_m"])  # type: ignore[arg-type]
    share, affluence, mix = _blend(x_m, y_m)
    area_km2 = float(row["area_km2"])  # type: ignore[arg-type]
    people = _total_population(str(row["kind"]), area_km2, float(np.hypot(x_m, y_m)), rng)
    foreign_born = int(rng.binomial(people, min(0.7, share * rng.lognormal(0.0, 0.12))))
    shares = rng.dirichlet(60.0 * mix + 0.02)
    counts = rng.multinomial(foreign_born, shares)
    caribbean = sum(m for m, c in zip(mix, COUNTRIES, strict=True) if c.name in _CARIBBEAN)
    puerto_rico = int(rng.binomial(people - foreign_born, 0.01 + 0.12 * caribbean))
    abroad = int(rng.binomial(people - foreign_born - puerto_rico, 0.009))
    us_born = people - foreign_born - puerto_rico - abroad
    leaves: dict[str, int] = {"B01003_001": people}
    leaves |= {f"B05006_{c.code}": int(n) for c, n in zip(COUNTRIES, counts, strict=True)}
    citizenship = _entry_and_citizenship(counts, puerto_rico + abroad, rng)
    leaves |= citizenship
    naturalized = sum(v for k, v in citizenship.items() if k[-3:] in {"005", "010", "015", "020"})
    leaves |= {
        "B05001_002": us_born,
        "B05001_003": puerto_rico,
        "B05001_004": abroad,
        "B05001_005": naturalized,
        "B05001_006": foreign_born - naturalized,
    }
    leaves |= add_languages_and_households(
        counts, people, us_born + puerto_rico + abroad, share, rng
    )
    leaves |= add_education(counts, people, us_born, puerto_rico + abroad, affluence, rng)
    leaves |= add_poverty(counts, us_born, puerto_rico + abroad, affluence, rng)
    return leaves


def build_people(tracts: gpd.GeoDataFrame, rng: np.random.Generator) -> list[dict[str, int]]:
    """Return the leaf estimates of every tract, in the tracts' row order.

    Parameters
    ----------
    tracts : geopandas.GeoDataFrame
        Output of :func:`geo.demo.tracts.build_tracts` (work CRS, with ``x_m``, ``y_m`` and
        ``kind``).
    rng : numpy.random.Generator
        Source of randomness; the same generator state gives the same people.

    Returns
    -------
    list of dict
        Per tract, variable code without the E/M suffix (e.g. ``"B05006_060"``) -> estimate.
    """
    rows = tracts.assign(area_km2=tracts.area / 1e6)
    return [_tract_people(row, rng) for row in rows.to_dict("records")]

"""Fixed facts about Riverton, the fictional demo city: place, seed and neighbourhoods.

Riverton sits in the open Atlantic (41.0 N, 45.0 W) so it can never be mistaken for a real
place; state FIPS 99 is assigned to no real state.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

SEED = 20231
CITY_NAME = "Riverton"
LABEL = "Riverton — illustrative data, not a real place"
STATE_FIPS = "99"
COUNTY_FIPS = "001"
COUNTY_NAME = "Riverton County"
STATE_NAME = "Illustrative State"
VINTAGE = "ACS 2019-2023 5-year"
CENTRE_LAT = 41.0
CENTRE_LON = -45.0
# UTM zone 23N: its central meridian is 45 W, so distances near the city are true metres.
WORK_CRS = "EPSG:32623"
WGS84 = "EPSG:4326"
CITY_RADIUS_M = 7000.0


def make_rng(stage: str) -> np.random.Generator:
    """Return the random generator of one generation stage (independent of the others)."""
    return np.random.default_rng([SEED, zlib.crc32(stage.encode("utf-8"))])


@dataclass(frozen=True, kw_only=True)
class Neighbourhood:
    """A named neighbourhood: where its centre lies and who lives there.

    ``angle_deg`` is counter-clockwise from east and ``radius_m`` the distance of the centre
    from the city centre. ``countries`` weights B05006 leaf names above the city background.
    """

    name: str
    angle_deg: float
    radius_m: float
    foreign_born_share: float
    affluence: float
    countries: dict[str, float] = field(default_factory=dict)
    streets: tuple[str, ...] = ()


NEIGHBOURHOODS: tuple[Neighbourhood, ...] = (
    Neighbourhood(
        name="Old Market",
        angle_deg=0,
        radius_m=0,
        foreign_born_share=0.34,
        affluence=0.45,
        countries={
            "Afghanistan": 3,
            "Syria": 2,
            "Iraq": 2,
            "China, excluding Hong Kong and Taiwan": 2,
            "Mexico": 2,
            "Ukraine": 1,
            "Ethiopia": 1,
        },
        streets=("Market Street", "Exchange Place", "Lantern Parkway", "Guildhall Lane"),
    ),
    Neighbourhood(
        name="Lantern Row",
        angle_deg=30,
        radius_m=2000,
        foreign_born_share=0.48,
        affluence=0.40,
        countries={
            "China, excluding Hong Kong and Taiwan": 8,
            "Vietnam": 6,
            "Burma (Myanmar)": 1,
            "Korea": 1,
        },
        streets=("Lantern Parkway", "Jade Street", "Kettle Lane", "Copperbeech Row"),
    ),
    Neighbourhood(
        name="Ferry Landing",
        angle_deg=300,
        radius_m=1900,
        foreign_born_share=0.46,
        affluence=0.22,
        countries={
            "Afghanistan": 7,
            "Iraq": 5,
            "Syria": 5,
            "Democratic Republic of Congo (Zaire)": 2,
            "Ukraine": 1,
        },
        streets=("Ferry Street", "Wharf Road", "Tidewater Lane", "Ropewalk Street"),
    ),
    Neighbourhood(
        name="Millbrook",
        angle_deg=180,
        radius_m=2100,
        foreign_born_share=0.44,
        affluence=0.30,
        countries={"Mexico": 9, "El Salvador": 6, "Guatemala": 3, "Honduras": 2},
        streets=("Old Mill Road", "Sawyer Avenue", "Brookside Street", "Tannery Lane"),
    ),
    Neighbourhood(
        name="Calder Flats",
        angle_deg=205,
        radius_m=4400,
        foreign_born_share=0.42,
        affluence=0.28,
        countries={"Guatemala": 7, "Honduras": 6, "Mexico": 6, "El Salvador": 3},
        streets=("Calder Avenue", "Old Mill Road", "Foundry Street", "Reedmarsh Road"),
    ),
    Neighbourhood(
        name="Port Anselm",
        angle_deg=250,
        radius_m=2600,
        foreign_born_share=0.43,
        affluence=0.30,
        countries={"Haiti": 8, "Dominican Republic": 6, "Cuba": 4, "Jamaica": 3},
        streets=("Harbor Avenue", "Anselm Street", "Seawall Road", "Conch Lane"),
    ),
    Neighbourhood(
        name="Orchard Hill",
        angle_deg=100,
        radius_m=2600,
        foreign_born_share=0.30,
        affluence=0.55,
        countries={"Ukraine": 8, "Russia": 4, "Poland": 4},
        streets=("Orchard Street", "Pippin Way", "Meridian Boulevard", "Cider Mill Lane"),
    ),
    Neighbourhood(
        name="Bellwether Heights",
        angle_deg=55,
        radius_m=4400,
        foreign_born_share=0.40,
        affluence=0.60,
        countries={"India": 9, "Bangladesh": 5, "Pakistan": 4, "Nepal": 1},
        streets=("Bellwether Road", "Kingsbridge Road", "Saffron Court", "Highfield Avenue"),
    ),
    Neighbourhood(
        name="Pine Hollow",
        angle_deg=135,
        radius_m=5400,
        foreign_born_share=0.45,
        affluence=0.18,
        countries={"Bhutan": 8, "Nepal": 6, "Burma (Myanmar)": 7},
        streets=("Pine Hollow Road", "Larch Street", "Ridgeview Terrace", "Hemlock Court"),
    ),
    Neighbourhood(
        name="Kestrel Park",
        angle_deg=330,
        radius_m=4500,
        foreign_born_share=0.44,
        affluence=0.24,
        countries={
            "Somalia": 8,
            "Ethiopia": 6,
            "Eritrea": 4,
            "Democratic Republic of Congo (Zaire)": 2,
        },
        streets=("Kestrel Avenue", "Falcon Street", "Harrier Lane", "Kingsbridge Road"),
    ),
    Neighbourhood(
        name="Ashgrove",
        angle_deg=270,
        radius_m=5300,
        foreign_born_share=0.17,
        affluence=0.80,
        countries={"Philippines": 5, "Korea": 3, "India": 1, "Jamaica": 1},
        streets=("Ashgrove Drive", "Rowan Crescent", "Linden Way", "Harbor Avenue"),
    ),
    Neighbourhood(
        name="Stonebridge",
        angle_deg=0,
        radius_m=5300,
        foreign_born_share=0.33,
        affluence=0.42,
        countries={"Venezuela": 7, "Colombia": 5, "Ecuador": 4, "Cuba": 1},
        streets=("Stonebridge Road", "Quarry Lane", "Mason Street", "Lantern Parkway"),
    ),
    Neighbourhood(
        name="Juniper Heights",
        angle_deg=90,
        radius_m=5600,
        foreign_born_share=0.20,
        affluence=0.85,
        countries={"Korea": 4, "China, excluding Hong Kong and Taiwan": 3, "India": 3, "Poland": 1},
        streets=("Juniper Drive", "Summit Avenue", "Meridian Boulevard", "Skyline Court"),
    ),
    Neighbourhood(
        name="Tanner's Reach",
        angle_deg=160,
        radius_m=3500,
        foreign_born_share=0.36,
        affluence=0.32,
        countries={
            "Nigeria": 5,
            "Democratic Republic of Congo (Zaire)": 4,
            "Haiti": 2,
            "Ethiopia": 1,
        },
        streets=("Tanner Street", "Cobbler Lane", "Old Mill Road", "Drover's Way"),
    ),
)

"""One pin per site: an organization with five offices is five pins on the home map.

A small synthetic database (the project's own add_asset and list_sites) in the tiny town.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from sqlalchemy.orm import Session

from geo.db import add_asset
from geo.db.listing import list_assets
from geo.filters import Filters
from geo.maps.asset_map import MapOptions, build_asset_map, identify_click
from geo.maps.layers import simplify_tracts
from geo.maps.sites import (
    build_site_details_json,
    build_sites_json,
    load_map_sites,
    placed_sites,
    write_sites_file,
)
from geo.maps.tract_file import write_tract_file
from tests.geo.map_files import read_site_positions
from tests.geo.test_asset_map import _shown

OFFICES = [  # inside the tiny town's three tracts (lon -45.03 .. -45.0, lat 41.0 .. 41.01)
    ("Main office", "1 Harbour St", 41.004, -45.025),
    ("North office", "2 Hill Rd", 41.008, -45.020),
    ("East office", "3 Mill Lane", 41.006, -45.004),
    ("Clinic", "4 Elm St", 41.002, -45.012),
    ("Classroom <b>", "5 Oak & Ash Ave", 41.005, -45.015),
]


@pytest.fixture
def database(session: Session) -> Session:
    sites = [{"name": n, "address": a, "lat": y, "lon": x} for n, a, y, x in OFFICES]
    add_asset(
        session,
        {
            "name": "Riverton Resettlement Agency",
            "categories": ["legal"],
            "languages": ["ar"],
            "communities": ["Syria"],
            "sites": sites,
        },
        user="test",
    )
    add_asset(
        session,
        {
            "name": "Clinica Latina",
            "categories": ["health"],
            "languages": ["es"],
            "communities": ["Mexico"],
            "sites": [{"address": "9 Bay St", "lat": 41.003, "lon": -45.002}],
        },
        user="test",
    )
    session.commit()
    return session


@pytest.fixture
def map_files(database, tiny_area, tmp_path):
    tracts = write_tract_file(simplify_tracts(tiny_area.tracts), tmp_path, "tiny")
    sites = placed_sites(load_map_sites(database, list_assets(database)), tracts.bounds)
    return tracts, sites, write_sites_file(sites, tmp_path)


def _build(tiny_area, map_files, **filters):
    tracts, sites, site_file = map_files
    return build_asset_map(
        tiny_area, tracts, sites, Filters(**filters), MapOptions(), sites=site_file
    )


def test_a_five_office_agency_shows_five_pins_naming_it_and_each_address(tiny_area, map_files):
    _, sites, site_file = map_files
    data = json.loads(build_site_details_json(sites))
    agency = [i for i, n in enumerate(data["n"]) if n == "Riverton Resettlement Agency"]
    assert len(agency) == 5 and len(site_file.ids) == 6
    assert sorted(data["a"][i] for i in agency) == sorted(f"{n}, {a}" for n, a, _, _ in OFFICES)
    where = read_site_positions(build_sites_json(sites))
    expected = sorted((y, x) for _, _, y, x in OFFICES)
    assert np.allclose(sorted(where[i] for i in agency), expected, rtol=0, atol=1e-6)
    view = _build(tiny_area, map_files)
    assert view.headline["organizations_matching"] == 2
    assert view.headline["sites_matching"] == 6
    assert "2 at 6 sites" in view.state.layer_names["sites"]


def test_filters_act_on_sites(tiny_area, map_files):
    _, sites, site_file = map_files
    arabic = _build(tiny_area, map_files, languages=("ar",))
    shown = _shown(arabic, site_file)
    assert len(shown) == 5
    assert set(sites.set_index("site_key").loc[shown, "name"]) == {"Riverton Resettlement Agency"}
    mexico = _build(tiny_area, map_files, countries=("Mexico",))
    assert len(_shown(mexico, site_file)) == 1
    assert mexico.headline["sites_matching"] == 1


def test_a_click_on_one_office_selects_that_site(tiny_area, map_files):
    _, sites, _ = map_files
    east = sites[sites["site_name"] == "East office"].iloc[0]
    tooltip = f"Riverton Resettlement Agency [{east['site_key']}] East office, 3 Mill Lane"
    assert identify_click(tooltip, tiny_area, sites) == ("site", east["site_key"])


def test_the_map_draws_each_site_where_it_is_and_its_words_come_apart(map_files, tmp_path):
    _, sites, site_file = map_files
    drawn = read_site_positions(
        (tmp_path / "generated" / site_file.url.rsplit("/", 1)[1]).read_bytes()
    )
    assert np.allclose(drawn, sites[["lat", "lon"]].to_numpy(), rtol=0, atol=0.6e-5)
    details = json.loads(
        (tmp_path / "generated" / site_file.details_url.rsplit("/", 1)[1]).read_text()
    )
    assert details["id"] == list(site_file.ids)
    assert json.loads(build_sites_json(sites, site_file.details_url))["d"] == site_file.details_url
    assert site_file.bytes < site_file.details_bytes  # drawing needs the small file only

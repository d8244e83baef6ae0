"""Organizations in an area are found by their sites (see conftest.py for the grid)."""

import pandas as pd

from geo.analysis.catchments import count_organizations
from geo.analysis.gaps import GapQuestion, compute_gaps, summarize_area
from tests.analysis.conftest import GEOIDS, _site

ASK = GapQuestion(language_group="Spanish", services=("legal",), reach_m=200)


def _agency_sites() -> pd.DataFrame:
    """One agency: its head office (first site) in T8, far away; a second office in T0."""
    return pd.DataFrame(
        [
            {**_site("A", 2500, 2500, "es", "legal"), "name": "Agency A"},  # HQ in T8
            {**_site("A", 500, 500, "es", "legal"), "name": "Agency A"},  # office in T0
            {**_site("A", 400, 400, "es", "legal"), "name": "Agency A"},  # and another in T0
            {**_site("B", 2500, 500, "es", "legal"), "name": "Office B"},  # in T2 only
            {**_site("C", None, None, "es", "legal"), "name": "Unplaced C"},
        ]
    )


def test_organization_with_one_site_inside_is_in_the_area(grid_area):
    found = count_organizations(_agency_sites(), grid_area.tracts, [GEOIDS[0], GEOIDS[1]])
    assert (found.organizations, found.sites) == (1, 2)
    row = found.table.set_index("organization_id").loc["A"]
    assert (row["name"], row["sites"], row["sites_elsewhere"]) == ("Agency A", 2, 1)


def test_organization_is_counted_once_with_all_its_sites(grid_area):
    found = count_organizations(_agency_sites(), grid_area.tracts, GEOIDS)
    assert (found.organizations, found.sites) == (2, 4)
    assert list(found.table["organization_id"]) == ["A", "B"]  # most sites inside first
    assert "C" not in set(found.table["organization_id"])  # no place, in no area


def test_area_without_sites_counts_none(grid_area):
    found = count_organizations(_agency_sites(), grid_area.tracts, [GEOIDS[4]])
    assert (found.organizations, found.sites) == (0, 0)
    assert found.table.empty


def test_gaps_count_an_organization_once_and_its_sites_beside(grid_area):
    result = compute_gaps(grid_area, _agency_sites(), ASK)
    rows = result.ranking.set_index("tract")
    # T0 holds two of A's offices: one organization, two sites; gap = 600 / 1.
    assert (rows.loc["Tract T0", "organizations"], rows.loc["Tract T0", "sites"]) == (1, 2)
    assert rows.loc["Tract T0", "gap"] == 600
    assert rows.loc["Tract T0", "organization_names"] == "Agency A"
    # T4 (the centre) has no site within 200 m although A's head office is two tracts away.
    assert (rows.loc["Tract T4", "organizations"], rows.loc["Tract T4", "sites"]) == (0, 0)
    summary = summarize_area(result, GEOIDS[:3])
    assert summary["organizations_within_reach"] == 2  # A (by its T0 offices) and B
    assert summary["sites_within_reach"] == 3

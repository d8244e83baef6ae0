"""The asset map as folium objects: layers, filters, highlighting, escaping, clicks."""

import folium
import folium.plugins
import pandas as pd
import pytest

from geo.filters import Filters
from geo.maps.asset_map import MapOptions, build_asset_map, identify_click
from geo.maps.layers import classify, simplify_tracts
from tests.geo.conftest import T1, T2


def _layers(m, kind):
    return [c for c in m._children.values() if isinstance(c, kind)]


def _org_features(view):
    cluster = _layers(view.map, folium.plugins.MarkerCluster)[0]
    geojson = next(iter(cluster._children.values()))
    return geojson.data["features"]


def build(area, orgs, **filters):
    return build_asset_map(
        area, simplify_tracts(area.tracts), orgs, Filters(**filters), MapOptions()
    )


def test_every_tract_branch_and_organization_is_drawn(tiny_area, organizations):
    view = build(tiny_area, organizations)
    tract_layer = next(
        c for c in _layers(view.map, folium.GeoJson) if c.layer_name.startswith("Tracts")
    )
    assert len(tract_layer.data["features"]) == 3
    assert len(_org_features(view)) == 3
    assert view.headline["branches"] == 1
    names = [c.layer_name for c in view.map._children.values() if hasattr(c, "layer_name")]
    assert any("Library branches" in n for n in names)
    assert any("catchments" in n for n in names)


def test_language_and_service_filters_choose_the_organizations(tiny_area, organizations):
    spanish = build(tiny_area, organizations, languages=("es",))
    assert spanish.headline["organizations_matching"] == 2
    legal_spanish = build(tiny_area, organizations, languages=("es",), categories=("legal",))
    assert [f["properties"]["tip"] for f in _org_features(legal_spanish)][0].count("O2") == 1
    assert legal_spanish.headline["organizations_matching"] == 1


def test_thresholds_highlight_only_tracts_meeting_all_of_them(tiny_area, organizations):
    view = build(tiny_area, organizations, min_arrived_2010_pct=50)
    assert list(view.highlighted) == [T1]
    assert view.headline["foreign_born_in_highlighted"] == 400
    both = build(tiny_area, organizations, min_arrived_2010_pct=5, min_noncitizen_pct=20)
    assert list(both.highlighted) == [T1]
    loose = build(tiny_area, organizations, min_arrived_2010_pct=5)
    assert set(loose.highlighted) == {T1, T2}


def test_threshold_on_missing_table_is_reported(tiny_area, organizations):
    view = build(tiny_area, organizations, min_limited_english_hh_pct=10)
    assert len(view.highlighted) == 0
    assert any("limited english households" in n for n in view.notices)


def test_user_text_is_inert_in_the_rendered_map(tiny_area, organizations):
    html = build(tiny_area, organizations).map.get_root().render()
    # JSON in the page escapes < > & as \\u003c ...; the browser decodes them before
    # folium sets the tooltip's innerHTML, so look at the decoded text.
    decoded = html.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")
    assert "<img src=x onerror" not in decoded
    assert "&lt;img src=x onerror=alert(1)&gt;" in decoded
    assert "Central &lt;Library&gt;" in decoded


def test_unavailable_indicator_is_grey_with_a_notice(tiny_area, organizations):
    view = build_asset_map(
        tiny_area,
        simplify_tracts(tiny_area.tracts),
        organizations,
        Filters(),
        MapOptions(indicator="fb_poverty_share"),
    )
    assert view.values is None
    assert any("B06012" in n for n in view.notices)
    assert "not available" in view.map.get_root().render()


def test_quantiles_and_natural_breaks_differ_on_skewed_values():
    values = pd.Series([1, 2, 2, 3, 3, 3, 4, 50, 60, 100], dtype=float)
    q, nb = classify(values, "quantiles", 3), classify(values, "natural_breaks", 3)
    assert q.upper_bounds != nb.upper_bounds
    assert q.upper_bounds[-1] == nb.upper_bounds[-1] == 100
    assert q.colour_of(float("nan")) == "#d9d9d9"


def test_clicks_are_identified_from_tooltip_ids(tiny_area, organizations):
    assert identify_click(f"Census Tract 1 [{T1}] Foreign-born", tiny_area, organizations) == (
        "tract",
        T1,
    )
    assert identify_click("Clinica Latina [O3]", tiny_area, organizations) == ("organization", "O3")
    assert identify_click("Central [BR-1]", tiny_area, organizations) == ("branch", "BR-1")
    assert identify_click("nothing here", tiny_area, organizations) is None


@pytest.mark.parametrize("radius", [500, 2500])
def test_catchment_ring_has_the_chosen_radius(tiny_area, organizations, radius):
    view = build_asset_map(
        tiny_area,
        simplify_tracts(tiny_area.tracts),
        organizations,
        Filters(),
        MapOptions(catchment_radius_m=radius),
    )
    circles = [
        c
        for g in view.map._children.values()
        if isinstance(g, folium.FeatureGroup)
        for c in g._children.values()
        if isinstance(c, folium.Circle)
    ]
    assert [c.options["radius"] for c in circles] == [radius]


def test_no_matching_organization_still_draws_a_map(tiny_area, organizations):
    view = build(tiny_area, organizations, languages=("ko",))
    assert view.headline["organizations_matching"] == 0
    assert "leaflet" in view.map.get_root().render()


def test_organizations_of_other_study_areas_are_left_out(tiny_area, organizations):
    far = organizations.copy()
    far.loc[0, ["lat", "lon"]] = [40.7, -74.0]  # New York, not the tiny test town
    view = build(tiny_area, far)
    assert view.headline["organizations_matching"] == 2


def test_a_study_area_with_no_organizations_draws(tiny_area, organizations):
    view = build(tiny_area, organizations.iloc[0:0], languages=("es",))
    assert view.headline["organizations_matching"] == 0


def test_a_big_library_system_clusters_its_branch_pins():
    from geo.maps.layers import BRANCH_CLUSTER_FROM, build_branch_layers

    many = pd.DataFrame(
        {
            "branch_id": [f"B{i}" for i in range(BRANCH_CLUSTER_FROM)],
            "name": "Branch",
            "address": "",
            "hours": "",
            "lat": 41.0,
            "lon": -45.0,
        }
    )
    assert isinstance(build_branch_layers(many, 500)[1], folium.plugins.MarkerCluster)
    assert not isinstance(build_branch_layers(many.head(10), 500)[1], folium.plugins.MarkerCluster)

"""The home map: a fixed folium map plus a small per-filter state; files; escaping; clicks."""

import base64
import json
import re

import folium
import numpy as np
import pandas as pd
import pytest

from geo.filters import Filters
from geo.maps.asset_map import MapOptions, build_asset_map, identify_click
from geo.maps.home_map import BRANCH_CLUSTER_FROM, TractLayer, branch_pins
from geo.maps.layer_tables import build_tract_table, legend_lines
from geo.maps.layers import classify, simplify_tracts
from geo.maps.map_state import build_state_layer
from geo.maps.sites import (
    build_site_details_json,
    build_sites_json,
    encode_mask,
    placed_sites,
    write_sites_file,
)
from geo.maps.tract_file import pack_names, write_tract_file
from tests.geo.conftest import T1, T2, T3
from tests.geo.map_files import read_tracts


@pytest.fixture
def files(tiny_area, organizations, tmp_path):
    outlines = simplify_tracts(tiny_area.tracts)
    tracts = write_tract_file(outlines, tmp_path, "tiny")
    sites = placed_sites(organizations, tracts.bounds)
    return tracts, sites, write_sites_file(sites, tmp_path)


def build(tiny_area, files, options=None, **filters):
    tracts, sites, site_file = files
    return build_asset_map(
        tiny_area, tracts, sites, Filters(**filters), options or MapOptions(), sites=site_file
    )


def _shown(view, site_file):
    """Site ids the browser shows: decode the mask as home_map.js does."""
    if view.state.sites_mask is None:
        return list(site_file.ids)
    bits = np.unpackbits(np.frombuffer(base64.b64decode(view.state.sites_mask), np.uint8))
    return [i for i, bit in zip(site_file.ids, bits, strict=False) if bit]


def test_the_outlines_file_holds_every_tract_once_and_is_rewritten_only_on_change(
    tiny_area, tmp_path
):
    outlines = simplify_tracts(tiny_area.tracts)
    first = write_tract_file(outlines, tmp_path, "tiny")
    tracts = read_tracts(first.path)
    assert [t[0] for t in tracts] == [T1, T2, T3] == list(first.geoids)
    assert [t[1] for t in tracts] == list(outlines["NAME"])
    assert first.url == f"/app/static/generated/{first.path.name}"
    assert first.bytes == first.path.stat().st_size
    again = write_tract_file(outlines, tmp_path, "tiny")
    assert again.path == first.path  # same content, same name: two servers agree
    moved = outlines.copy()
    moved["NAME"] = ["a", "b", "c"]
    assert write_tract_file(moved, tmp_path, "tiny").path != first.path
    shifted = outlines.copy()
    shifted["geometry"] = shifted.translate(0.001, 0)
    assert write_tract_file(shifted, tmp_path, "tiny").path != first.path


def test_the_browser_draws_the_simplified_outlines_to_about_a_metre(tiny_area, tmp_path):
    outlines = simplify_tracts(tiny_area.tracts)
    tracts = read_tracts(write_tract_file(outlines, tmp_path, "tiny").path)
    for (_, _, drawn), expected in zip(tracts, outlines.geometry, strict=True):
        assert drawn.is_valid
        assert drawn.hausdorff_distance(expected) < 1.5e-5  # degrees: the 1e-5 grid
        assert abs(drawn.area - expected.area) < 0.001 * expected.area


def test_shared_borders_are_stored_once(tiny_area, tmp_path):
    outlines = simplify_tracts(tiny_area.tracts)
    topo = json.loads(write_tract_file(outlines, tmp_path, "tiny").path.read_text())
    used = [abs(k) if k >= 0 else ~k for g in topo["objects"]["tracts"]["geometries"]
            for part in (g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]])
            for ring in part for k in ring]  # fmt: skip
    assert len(used) > len(set(used))  # some arc belongs to two tracts


def test_tract_names_are_packed_without_loss():
    names = ["Census Tract 1, Bronx County", "Census Tract 10.02, Kings County", "Odd, a, b", ""]
    packed = pack_names(names)
    assert [
        packed["p"] + h + packed["t"][k] for h, k in zip(packed["h"], packed["k"], strict=True)
    ] == names


def test_the_map_script_does_not_change_with_the_filters(tiny_area, files):
    # The browser keeps its map (and its view) only while the script stays the same.
    plain = build(tiny_area, files).map
    narrowed = build(tiny_area, files, languages=("es",), min_arrived_2010_pct=50).map
    html, other = (m.get_root().render().replace(m.get_name(), "MAP") for m in (plain, narrowed))
    assert html.count("AtlasMap.init") == 1
    tract_layers = [c for c in plain._children.values() if isinstance(c, TractLayer)]
    assert len(tract_layers) == 1 and tract_layers[0].embed_link.endswith(".topo.json")
    assert _without_ids(html) == _without_ids(other)


def _without_ids(html):
    import re

    return re.sub(r"_[0-9a-f]{32}", "_ID", html)


def test_no_geometry_travels_with_a_filter_change(tiny_area, files):
    view = build(tiny_area, files, languages=("es",))
    state = json.loads(view.state.to_json())
    assert "coordinates" not in view.state.to_json()
    assert len(state["codes"]) == 3 and len(state["estimates"]) == 3


def test_language_and_service_filters_choose_the_organizations(tiny_area, files):
    spanish = build(tiny_area, files, languages=("es",))
    assert spanish.headline["organizations_matching"] == 2
    assert _shown(spanish, files[2]) == ["O2/0", "O3/0"]
    legal_spanish = build(tiny_area, files, languages=("es",), categories=("legal",))
    assert _shown(legal_spanish, files[2]) == ["O2/0"]
    assert build(tiny_area, files).state.sites_mask is None  # all shown: nothing to send


def test_a_country_of_origin_narrows_to_organizations_serving_that_community(tiny_area, files):
    view = build(tiny_area, files, countries=("Mexico",))
    assert _shown(view, files[2]) == ["O3/0"]
    assert view.headline["organizations_matching"] == 1


def test_thresholds_highlight_only_tracts_meeting_all_of_them(tiny_area, files):
    view = build(tiny_area, files, min_arrived_2010_pct=50)
    assert list(view.highlighted) == [T1]
    assert view.state.highlight == [0]
    assert view.headline["foreign_born_in_highlighted"] == 400
    both = build(tiny_area, files, min_arrived_2010_pct=5, min_noncitizen_pct=20)
    assert list(both.highlighted) == [T1]
    loose = build(tiny_area, files, min_arrived_2010_pct=5)
    assert loose.state.highlight == [0, 1]


def test_threshold_on_missing_table_is_reported(tiny_area, files):
    view = build(tiny_area, files, min_limited_english_hh_pct=10)
    assert len(view.highlighted) == 0
    assert any("limited english households" in n for n in view.notices)


def test_user_text_is_escaped_on_the_server_and_the_sites_file_is_plain_data(
    tiny_area, files, organizations
):
    html = build(tiny_area, files).map.get_root().render()
    assert "Central &lt;Library&gt;" in html.replace("\\u0026", "&")
    assert "<Library>" not in html.replace("\\u003c", "<").replace("\\u003e", ">")
    # Names travel as data and are escaped where the browser builds the tooltip.
    data = json.loads(build_site_details_json(files[1]))
    assert "<img src=x onerror=alert(1)>" in data["n"]
    assert set(data) == {"id", "n", "a", "s", "l"}  # public fields only
    drawing = json.loads(build_sites_json(files[1]))
    assert set(drawing) == {"g", "y0", "x0", "w", "p", "c", "k", "d"}  # no words at all


def test_unavailable_indicator_is_grey_with_a_notice(tiny_area, files):
    view = build(tiny_area, files, MapOptions(indicator="fb_poverty_share"))
    assert view.values is None
    assert any("B06012" in n for n in view.notices)
    assert view.state.codes == "---"


def test_classes_and_reliability_are_coded_per_tract(tiny_area, files):
    view = build(tiny_area, files)
    assert len(view.state.codes) == 3
    assert all(c in "0123456789ABCDEFGHIJabcdefghijklmnopqrst-" for c in view.state.codes)
    assert view.state.kind == "share"
    assert all(isinstance(v, int) for v in view.state.estimates if v is not None)


def test_quantiles_and_natural_breaks_differ_on_skewed_values():
    values = pd.Series([1, 2, 2, 3, 3, 3, 4, 50, 60, 100], dtype=float)
    q, nb = classify(values, "quantiles", 3), classify(values, "natural_breaks", 3)
    assert q.upper_bounds != nb.upper_bounds
    assert q.upper_bounds[-1] == nb.upper_bounds[-1] == 100
    assert q.colour_of(float("nan")) == "#d9d9d9"


def test_natural_breaks_of_the_same_values_are_computed_once_per_process(monkeypatch):
    """Every session switching to natural breaks of one indicator shares one computation."""
    import mapclassify

    calls = []
    real = mapclassify.FisherJenks

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(mapclassify, "FisherJenks", counted)
    values = pd.Series(np.random.default_rng(7).gamma(2.0, 3.0, 400))  # sampled (> 300)
    first = classify(values, "natural_breaks", 5)
    again = classify(values.copy(), "natural_breaks", 5)
    other = classify(values * 2, "natural_breaks", 5)
    assert first == again and len(calls) == 2
    assert other.upper_bounds == tuple(2 * b for b in first.upper_bounds)


def test_clicks_are_identified_from_tooltip_ids(tiny_area, organizations):
    assert identify_click(f"Census Tract 1 [{T1}] Foreign-born", tiny_area, organizations) == (
        "tract",
        T1,
    )
    assert identify_click("Clinica Latina [O3]", tiny_area, organizations) == ("organization", "O3")
    assert identify_click("Central [BR-1]", tiny_area, organizations) == ("branch", "BR-1")
    assert identify_click("nothing here", tiny_area, organizations) is None


@pytest.mark.parametrize("radius", [500, 2500])
def test_catchment_rings_take_the_chosen_radius(tiny_area, files, radius):
    view = build(tiny_area, files, MapOptions(catchment_radius_m=radius))
    assert view.state.radius_m == radius
    assert f"({radius:,} m)" in view.state.layer_names["rings"]


def test_no_matching_organization_still_draws_a_map(tiny_area, files):
    view = build(tiny_area, files, languages=("ko",))
    assert view.headline["organizations_matching"] == 0
    assert _shown(view, files[2]) == []
    assert "leaflet" in view.map.get_root().render()


def test_organizations_of_other_study_areas_are_left_out(tiny_area, organizations, tmp_path):
    far = organizations.copy()
    far.loc[0, ["lat", "lon"]] = [40.7, -74.0]  # New York, not the tiny test town
    tracts = write_tract_file(simplify_tracts(tiny_area.tracts), tmp_path, "tiny")
    assert list(placed_sites(far, tracts.bounds)["organization_id"]) == ["O2", "O3"]


def test_the_state_is_sent_as_a_feature_group(tiny_area, files):
    group = build_state_layer(build(tiny_area, files).state)
    assert isinstance(group, folium.FeatureGroup)
    script = folium.Map().add_child(group).get_root().render()
    assert "AtlasMap.apply(" in script


def test_masks_mark_exactly_the_matching_sites():
    ids = tuple(f"S{i}" for i in range(11))
    matching = pd.DataFrame({"site_key": ["S0", "S8", "S10"]})
    bits = np.unpackbits(np.frombuffer(base64.b64decode(encode_mask(ids, matching)), np.uint8))
    assert [i for i, b in enumerate(bits[:11]) if b] == [0, 8, 10]


def test_branch_tooltips_are_escaped_and_big_systems_cluster():
    branches = pd.DataFrame(
        {
            "branch_id": [f"B{i}" for i in range(BRANCH_CLUSTER_FROM)],
            "name": "<b>Branch</b>",
            "address": "",
            "hours": "",
            "lat": 41.0,
            "lon": -45.0,
        }
    )
    pins = branch_pins(branches)
    assert len(pins) == BRANCH_CLUSTER_FROM
    assert pins[0][2].startswith("<b>&lt;b&gt;Branch&lt;/b&gt;</b> [B0]")


def test_tooltips_and_legend_write_numbers_as_the_interface_language(tiny_area, files):
    tracts, sites, site_file = files
    french = build_asset_map(
        tiny_area, tracts, sites, Filters(), MapOptions(), sites=site_file, locale="fr"
    )
    numbers = french.state.numbers
    assert (numbers["group"], numbers["decimal"]) == ("\u202f", ",")
    assert numbers["percent"].replace("\xa0", " ") == "{} %"
    assert re.search(r"≤ \d+,\d\xa0%", french.state.legend)  # class bounds: "≤ 31,7 %"
    english = build(tiny_area, files)
    assert english.state.numbers["percent"] == "{}%"
    assert re.search(r"≤ \d+\.\d%", english.state.legend)
    table = build_tract_table(
        tiny_area.tracts, french.values, french.classes, label="x", kind=french.kind,
        highlighted=french.highlighted, show_highlight=False, locale="fr",
    )  # fmt: skip
    text = legend_lines(french.classes, table, label="x", kind=french.kind, scheme="", locale="fr")
    assert re.search(r"≤ \d+,\d\xa0% \(\d", text[1])  # the legend as text, counted per class

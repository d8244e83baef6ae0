"""The walkabout map: stops to pick as grey dots, the walk numbered, text escaped."""

from __future__ import annotations

import folium
import geopandas as gpd
from shapely.geometry import box

from geo.fieldwork.routes import Stop, plan_walkabout
from geo.maps.route_map import build_route_map, build_stop_layer

BRANCH = Stop(label="Central <Library>", lat=41.0, lon=-45.0)
A = Stop(label="<script>alert(1)</script>", lat=41.002, lon=-45.001, organization_id="O1")
B = Stop(label="Bakery & Café", lat=41.001, lon=-44.999, organization_id="O2")
C = Stop(label="Mosque", lat=41.003, lon=-45.002, organization_id="O3")


def _html(m: folium.Map, layer: folium.FeatureGroup | None = None) -> str:
    if layer is not None:
        layer.add_to(m)
    return m.get_root().render()


def _children(layer, kind):
    return [c for c in layer._children.values() if type(c) is kind]


def test_offered_stops_not_yet_picked_are_grey_dots_and_the_walk_is_numbered():
    route = plan_walkabout(BRANCH, [A])
    layer = build_stop_layer(route, [A, B, C], [A])
    dots = _children(layer, folium.CircleMarker)
    assert sorted(d.location for d in dots) == sorted([[B.lat, B.lon], [C.lat, C.lon]])
    markers = _children(layer, folium.Marker)
    assert [m.location for m in markers] == [[A.lat, A.lon]]
    (line,) = _children(layer, folium.PolyLine)
    assert line.options["interactive"] is False  # a click on the line picks nothing


def test_picked_stops_without_a_route_are_red_dots():
    layer = build_stop_layer(None, [A, B], [A])
    colours = sorted(d.options["color"] for d in _children(layer, folium.CircleMarker))
    assert colours == ["#555", "#d7301f"]


def test_every_label_is_escaped_on_the_map():
    route = plan_walkabout(BRANCH, [A, B])
    html = _html(build_route_map(BRANCH), build_stop_layer(route, [A, B, C], [A, B]))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Central &lt;Library&gt;" in html and "Bakery &amp; Café" in html


def test_only_tracts_near_the_area_are_drawn():
    tracts = gpd.GeoDataFrame(
        geometry=[box(-45.01, 40.99, -44.99, 41.01), box(-40.01, 40.99, -39.99, 41.01)],
        crs="EPSG:4326",
    )
    m = build_route_map(BRANCH, tracts=tracts, radius_m=1000)
    (outlines,) = [c for c in m._children.values() if getattr(c, "layer_name", "") == "Tracts"]
    assert len(outlines.data["features"]) == 1
    (bounds,) = [c for c in m._children.values() if type(c).__name__ == "FitBounds"]
    (south, west), (north, east) = bounds.bounds
    assert 0.017 < north - south < 0.019  # 2 x 1,000 m of latitude
    assert south < BRANCH.lat < north and west < BRANCH.lon < east
    (ring,) = [c for c in m._children.values() if type(c) is folium.Circle]
    assert ring.options["interactive"] is False  # a click inside it adds a point


def test_each_badge_is_named_for_screen_readers_in_words_not_a_bare_number():
    import re

    route = plan_walkabout(BRANCH, [A, B])
    html = _html(build_route_map(BRANCH), build_stop_layer(route, [A, B, C], [A, B]))
    html = re.sub(r"\\u([0-9a-f]{4})", lambda x: chr(int(x.group(1), 16)), html)
    names = re.findall(r"clip:rect\(0 0 0 0\);white-space:nowrap\\?\">([^<]*)</span>", html)
    assert names[0] == "Library branch, start and end: Central &lt;Library&gt;"
    assert sorted(n.split(": ")[0] for n in names[1:]) == ["Stop 1", "Stop 2"]
    assert {n.split(": ", 1)[1] for n in names[1:]} == {
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "Bakery &amp; Café",
    }
    assert html.count('aria-hidden=\\"true\\"') == 3  # the digits and the B are not read twice


def test_every_dot_is_named_for_screen_readers_and_the_name_stays_text():
    html = _html(build_route_map(BRANCH), build_stop_layer(None, [A, B, C], [A]))
    assert "setAttribute('aria-label', \"Picked stop: \\u003cscript\\u003ealert(1)" in html
    assert (
        "setAttribute('aria-label', \"Organization you can add: Bakery \\u0026 Caf\\u00e9\")"
        in html
    )
    assert html.count("Organization you can add: ") == 2


def test_a_numbered_stops_languages_and_services_read_in_the_readers_language():
    from dataclasses import replace

    from geo.i18n import translator

    zh = translator("zh").gettext
    stop = replace(B, languages="Spanish, <b>Ladino</b>", services="Food, Immigration legal help")
    route = plan_walkabout(BRANCH, [stop])
    html = _html(build_route_map(BRANCH), build_stop_layer(route, [stop], [stop], zh, "zh"))
    assert f"{zh('Spanish')}、&lt;b&gt;Ladino&lt;/b&gt;<br>" in html  # listed, still escaped
    assert f"{zh('Food')}、{zh('Immigration legal help')}" in html
    assert "<b>Ladino" not in html

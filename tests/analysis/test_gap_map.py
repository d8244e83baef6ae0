"""The gap map as a folium object: layers, outlines of the top gaps, escaped tooltips."""

import re

from geo.analysis.gaps import GapQuestion, compute_gaps
from geo.maps.gap_map import build_gap_map

ASK = GapQuestion(language_group="Spanish", services=("legal",), reach_m=200, catchment_m=1001)


def _text(m):
    """The rendered page with JSON's \\uXXXX escapes undone (\\u003c is '<')."""
    html = m.get_root().render()
    return re.sub(r"\\u([0-9a-f]{4})", lambda x: chr(int(x.group(1), 16)), html)


def _layers(m):
    return [getattr(c, "layer_name", "") for c in m._children.values()]


def test_map_has_need_top_gaps_branches_and_sites(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites, ASK)
    m = build_gap_map(grid_area.tracts, result, grid_area.branches, top=3, vintage="test")
    names = _layers(m)
    assert any(n.startswith("Need: Spanish") for n in names)
    assert "Top 3 gaps" in names and "Library branches (1)" in names
    assert "Matching organizations (6)" in names  # S7 has no location
    html = _text(m)
    assert "Gap rank 1</b> · Tract T4" in html
    assert "top 3 gaps" in html and "unreliable (faded, dashed)" in html
    assert "cdn" not in html.split("<body>")[1].casefold()


def test_hostile_names_stay_text(grid_area, grid_sites):
    grid_sites.loc[0, "name"] = "<img src=x onerror=alert(1)>`${x}`"
    result = compute_gaps(grid_area, grid_sites, ASK)
    m = build_gap_map(grid_area.tracts, result, grid_area.branches)
    assert "<img src=x" not in m.get_root().render()  # "<" goes into the script as \\u003c
    html = _text(m)
    # the screen-reader name is the name as text (the map sets it with setAttribute) ...
    assert '"label": "Organization site: <img src=x onerror=alert(1)>' in html
    assert "el.setAttribute('aria-label', feature.properties.label)" in html
    # ... and nowhere else does the name appear unescaped
    assert "<img src=x" not in re.sub(r'"label": "(?:[^"\\\\]|\\\\.)*"', "", html)
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{x}&#96;" in html


def test_map_without_any_matching_site_still_draws(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites.iloc[0:0], ASK)
    m = build_gap_map(grid_area.tracts, result, grid_area.branches.iloc[0:0])
    assert "Matching organizations (0)" in _layers(m)
    assert "Tract T4" in m.get_root().render()


def _tips(m):
    return [
        f["properties"]["tip"]
        for layer in m._children.values()
        if getattr(layer, "data", None)
        for f in layer.data["features"]
        if "±" in f["properties"].get("tip", "")
    ]


def test_an_arabic_tooltip_keeps_its_figure_left_to_right(grid_area, grid_sites):
    from geo.i18n import translator

    result = compute_gaps(grid_area, grid_sites, ASK)
    ar = translator("ar").gettext
    tips = _tips(
        build_gap_map(grid_area.tracts, result, grid_area.branches, translate=ar, code="ar")
    )
    assert tips  # need tooltips and the top gaps' tooltips
    for tip in tips:
        # the lines read right to left; "126 ± 82" is isolated so bidi cannot turn it
        # into "82 ± 126"
        assert tip.startswith('<div dir="rtl"')
        assert re.search(r"\u2066(<b>)?[\d,.]+(</b>)? ± [\d,.]+\u2069", tip), tip
    english = _tips(build_gap_map(grid_area.tracts, result, grid_area.branches, code="en"))
    assert not any("\u2066" in tip or "dir=" in tip for tip in english)


def test_the_gap_map_is_named_for_screen_readers_in_its_language(grid_area, grid_sites):
    from geo.i18n import translator
    from geo.maps.frame_title import frame_title

    result = compute_gaps(grid_area, grid_sites, ASK)
    m = build_gap_map(grid_area.tracts, result, grid_area.branches)
    assert frame_title(m) == "Gaps map: need per tract, matching organizations and library branches"
    fr = build_gap_map(
        grid_area.tracts, result, grid_area.branches, translate=translator("fr").gettext
    )
    assert frame_title(fr).startswith("Carte des écarts : ")

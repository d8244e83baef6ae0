"""Each map names the frame it is shown in, in the interface language, as text only."""

from __future__ import annotations

import json
import re

import folium

from geo.i18n import translator
from geo.maps.frame_title import frame_title, name_map
from geo.maps.route_map import build_route_map
from tests.fieldwork.test_walk_map import BRANCH


def _titles_set(m: folium.Map) -> list[str]:
    """The titles the map's script gives its frame, as the browser reads them."""
    html = m.get_root().render()
    return [
        json.loads(t) for t in re.findall(r"window\.frameElement\.title = (\"[^\n]*?\");", html)
    ]


def test_the_map_script_names_its_frame_and_a_new_name_replaces_the_old():
    m = name_map(folium.Map(), "Asset map")
    name_map(m, "Carte des ressources")
    assert frame_title(m) == "Carte des ressources"
    assert _titles_set(m) == ["Carte des ressources"]
    assert frame_title(folium.Map()) is None


def test_a_typed_title_stays_text():
    hostile = 'Map </script><script>alert(1)</script> "quoted"'
    html = name_map(folium.Map(), hostile).get_root().render()
    assert "<script>alert(1)" not in html and "</script><script>" not in html
    assert _titles_set(name_map(folium.Map(), hostile)) == [hostile]


def test_the_walkabout_map_is_named_in_the_interface_language():
    assert frame_title(build_route_map(BRANCH)) == (
        "Walkabout map: the branch, the walk area, the walk and its stops"
    )
    arabic = build_route_map(BRANCH, translate=translator("ar").gettext)
    assert _titles_set(arabic) == ["خريطة الجولة الميدانية: الفرع ومنطقة الجولة والجولة ومحطاتها"]

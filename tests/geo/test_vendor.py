"""geo.maps.vendor and offline: maps link only to local assets copied from node_modules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import branca.colormap
import folium
import folium.elements
import folium.plugins
import pandas as pd
import pytest

from geo.errors import UnvendoredAsset
from geo.maps import vendor
from geo.maps.home_map import CONTROLLER_URL, build_home_map
from geo.maps.offline import localize_map
from geo.maps.vendor import (
    CDN_TO_LOCAL,
    NPM_PACKAGES,
    TOPOJSON_CLIENT_JS,
    VENDOR_FILES,
    VendorAssetsMissing,
    install_vendor_assets,
    missing_vendor_files,
    vendor_assets_installed,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = PROJECT_ROOT / "node_modules"
needs_node_modules = pytest.mark.skipif(
    not (NODE_MODULES / "leaflet").is_dir(), reason="node_modules absent: run `npm ci`"
)
LINK_RE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=[\"']([^\"']*)[\"']")


def _cluster_map() -> folium.Map:
    m = folium.Map(location=[45.52, -122.68], tiles=None, maxZoom=18)
    cluster = folium.plugins.MarkerCluster().add_to(m)
    folium.Marker([45.52, -122.68], icon=folium.Icon(icon="book", prefix="fa")).add_to(cluster)
    return m


def _st_folium_links(m: folium.Map) -> list[str]:
    """The JS and CSS URLs streamlit-folium 0.27 collects (getattr on each element)."""

    def walk(element):
        yield element
        for child in element._children.values():
            yield from walk(child)

    return [
        url
        for element in walk(m)
        if isinstance(element, folium.elements.JSCSSMixin)
        for _, url in [*element.default_js, *element.default_css]
    ]


def test_rendered_html_links_only_local_assets():
    html = localize_map(_cluster_map()).get_root().render()
    links = LINK_RE.findall(html)
    assert "/app/static/vendor/leaflet.markercluster/dist/leaflet.markercluster.js" in links
    assert all(url.startswith("/app/static/vendor/") for url in links), links


def test_streamlit_folium_sees_only_local_links():
    links = _st_folium_links(localize_map(_cluster_map(), base_url="/atlas/static/v/"))
    assert "/atlas/static/v/leaflet/dist/leaflet.js" in links
    assert all(url.startswith("/atlas/static/v/") for url in links), links


def test_the_home_map_reads_its_outlines_with_the_vendored_topojson_client():
    m = build_home_map(
        bounds=(-45.03, 41.0, -44.99, 41.01),
        tracts_url="/app/static/generated/tracts-tiny.topo.json",
        tract_count=3,
        branches=pd.DataFrame(columns=["branch_id", "name", "address", "hours", "lat", "lon"]),
    )
    links = _st_folium_links(localize_map(m))
    reader = f"/app/static/vendor/{TOPOJSON_CLIENT_JS}"
    assert TOPOJSON_CLIENT_JS in VENDOR_FILES
    assert links.index(reader) < links.index(CONTROLLER_URL)  # `topojson` defined first


def test_unused_css_without_npm_package_is_dropped():
    html = localize_map(_cluster_map()).get_root().render()
    assert "glyphicons" not in html
    assert "awesome.rotate" not in html


def test_cdn_links_from_an_earlier_render_are_removed():
    m = _cluster_map()
    m.get_root().render()
    html = localize_map(m).get_root().render()
    assert not [url for url in LINK_RE.findall(html) if "://" in url]


def test_localize_map_leaves_folium_class_defaults_alone():
    before = (list(folium.Map.default_js), list(folium.Map.default_css))
    localize_map(localize_map(_cluster_map()))
    assert (folium.Map.default_js, folium.Map.default_css) == before


@pytest.mark.parametrize("element", [folium.Map, folium.plugins.MarkerCluster])
def test_mapping_covers_every_default_link(element):
    urls = [url for _, url in [*element.default_js, *element.default_css]]
    assert set(urls) <= set(CDN_TO_LOCAL)


def test_plugin_without_local_copy_raises_naming_the_url():
    m = _cluster_map()
    folium.plugins.Fullscreen().add_to(m)
    url = dict(folium.plugins.Fullscreen.default_js)["Control.Fullscreen.js"]
    with pytest.raises(UnvendoredAsset, match=re.escape(url)):
        localize_map(m)


def test_colormap_raises():
    m = _cluster_map()
    branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(m)
    with pytest.raises(UnvendoredAsset, match="colour scale"):
        localize_map(m)


def test_every_mapped_file_is_copied():
    mapped = {path for path in CDN_TO_LOCAL.values() if path is not None}
    assert mapped <= set(VENDOR_FILES)


def test_package_json_pins_the_versions_folium_uses():
    package = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    # Other entries are the PDF fonts (geo.pdf.fonts) and axe-core for the browser tests.
    assert {name: package["dependencies"].get(name) for name in NPM_PACKAGES} == NPM_PACKAGES


@needs_node_modules
def test_install_copies_files_and_css_references_resolve(tmp_path):
    static_dir = tmp_path / "static"
    assert not vendor_assets_installed(static_dir)
    vendor_dir = install_vendor_assets(NODE_MODULES, static_dir)
    assert vendor_dir == static_dir / "vendor"
    assert vendor_assets_installed(static_dir)
    for css in vendor_dir.rglob("*.css"):
        for ref in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not ref.startswith(("data:", "#")):
                assert (css.parent / ref.split("?")[0]).is_file(), f"{css}: {ref}"


@needs_node_modules
def test_install_replaces_stale_files(tmp_path):
    stale = tmp_path / "vendor" / "leaflet" / "old.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("", encoding="utf-8")
    install_vendor_assets(NODE_MODULES, tmp_path)
    assert not stale.exists()


def test_install_without_node_modules_says_run_npm_ci(tmp_path):
    with pytest.raises(VendorAssetsMissing, match="npm ci"):
        install_vendor_assets(tmp_path / "node_modules", tmp_path / "static")
    assert not (tmp_path / "static").exists()


def test_install_rejects_other_package_versions(tmp_path):
    node_modules = tmp_path / "node_modules"
    for package, version in NPM_PACKAGES.items():
        (node_modules / package).mkdir(parents=True)
        pinned = "1.9.4" if package == "leaflet" else version
        (node_modules / package / "package.json").write_text(
            json.dumps({"version": pinned}), encoding="utf-8"
        )
    with pytest.raises(VendorAssetsMissing, match="1.9.4"):
        install_vendor_assets(node_modules, tmp_path / "static")


def test_missing_vendor_files_lists_everything_for_an_empty_dir(tmp_path):
    assert missing_vendor_files(tmp_path) == list(VENDOR_FILES)


def test_main_check_fails_when_assets_are_missing(tmp_path, capsys):
    assert vendor.main(["--check", "--static-dir", str(tmp_path)]) == 1
    assert "python -m geo vendor" in capsys.readouterr().out


@needs_node_modules
def test_main_installs_then_check_passes(tmp_path):
    args = ["--node-modules", str(NODE_MODULES), "--static-dir", str(tmp_path)]
    assert vendor.main(args) == 0
    assert vendor.main(["--check", "--static-dir", str(tmp_path)]) == 0

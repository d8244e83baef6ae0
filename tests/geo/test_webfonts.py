"""geo.maps.webfonts: `geo vendor` writes one stylesheet whose Noto slices all exist."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import folium
import pytest

from geo.errors import VendorAssetsMissing
from geo.maps import vendor
from geo.maps.offline import localize_map
from geo.maps.webfonts import (
    FAMILIES,
    STYLESHEET,
    WEBFONT_PACKAGES,
    install_webfonts,
    missing_webfont_files,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = PROJECT_ROOT / "node_modules"
needs_fonts = pytest.mark.skipif(
    not (NODE_MODULES / "@fontsource" / "noto-sans-sc").is_dir(),
    reason="node_modules absent: run `npm ci`",
)
FACE_RE = re.compile(
    r"@font-face\{font-family:'(?P<family>[^']+)';.*?font-weight:(?P<weight>\d+);"
    r"src:url\('(?P<url>[^']+)'\) format\('woff2'\);unicode-range:(?P<range>[^}]+)\}"
)


def _covers(unicode_range: str, char: str) -> bool:
    for part in unicode_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        if int(low, 16) <= ord(char) <= int(high or low, 16):
            return True
    return False


@pytest.fixture(scope="module")
def vendor_dir(tmp_path_factory) -> Path:
    """static/vendor/ as `python -m geo vendor` leaves it (its map files and web fonts)."""
    if not (NODE_MODULES / "@fontsource" / "noto-sans-sc").is_dir():
        pytest.skip("node_modules absent: run `npm ci`")
    static_dir = tmp_path_factory.mktemp("static")
    args = ["--node-modules", str(NODE_MODULES), "--static-dir", str(static_dir)]
    assert vendor.main(args) == 0
    return static_dir / "vendor"


@needs_fonts
def test_geo_vendor_writes_the_stylesheet_and_every_slice_it_names(vendor_dir):
    css = (vendor_dir / STYLESHEET).read_text(encoding="utf-8")
    faces = [m.groupdict() for m in FACE_RE.finditer(css)]
    assert len(faces) == css.count("@font-face") > 400  # Chinese and Korean: ~100 slices each
    assert {face["family"] for face in faces} == set(FAMILIES)
    assert {int(face["weight"]) for face in faces} == {400, 700}
    for face in faces:
        assert (vendor_dir / face["url"]).is_file(), face["url"]
        assert face["url"].endswith(".woff2")
    assert "//" not in css.replace("/*", "").replace("*/", "")  # no URL to another host
    assert missing_webfont_files(vendor_dir) == []
    assert vendor.main(["--check", "--static-dir", str(vendor_dir.parent)]) == 0


@needs_fonts
@pytest.mark.parametrize(
    ("family", "text"),
    [
        ("Noto Sans SC", "语言"),
        ("Noto Sans Arabic", "اللغة"),
        ("Noto Sans Devanagari", "भाषा"),
        ("Noto Sans KR", "언어"),
        ("Noto Sans Bengali", "বাংলাদেশ সমিতি"),
        ("Noto Sans Myanmar", "ရွှေ"),
        ("Noto Sans Ethiopic", "ሀበሻ"),
    ],
)
def test_each_script_has_a_regular_and_a_bold_slice(vendor_dir, family, text):
    css = (vendor_dir / STYLESHEET).read_text(encoding="utf-8")
    for weight in ("400", "700"):
        ranges = [
            m["range"]
            for m in FACE_RE.finditer(css)
            if (m["family"], m["weight"]) == (family, weight)
        ]
        for char in text:
            assert any(_covers(r, char) for r in ranges), (family, weight, char)


@needs_fonts
def test_check_reports_a_missing_slice(vendor_dir, tmp_path):
    copy = tmp_path / "vendor"
    copy.mkdir()
    (copy / STYLESHEET).write_text(
        (vendor_dir / STYLESHEET).read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert missing_webfont_files(copy)[0].startswith("@fontsource/")
    assert missing_webfont_files(tmp_path) == [STYLESHEET]


@needs_fonts
def test_the_maps_font_list_starts_with_the_web_fonts(vendor_dir):
    # Chromium 150 drew Chinese as boxes behind a system font (Arial, DejaVu Sans) even
    # with its Noto slice loaded: nothing may come before the Noto families.
    sheet = (vendor_dir / STYLESHEET).read_text(encoding="utf-8")
    families = ", ".join(f'"{family}"' for family in FAMILIES)
    assert f"--atlas-font:{families}, sans-serif}}" in sheet
    assert ".leaflet-container{font-family:var(--atlas-font)}" in sheet


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_streamlit_names_the_same_families_after_its_own_font(theme):
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    names = [name.strip().strip("'\"") for name in config["theme"][theme]["font"].split(",")]
    assert names == ["Source Sans", *FAMILIES]
    assert "font" not in config["theme"]  # a custom light theme: dark mode no longer followed


def test_the_map_links_the_stylesheet_once():
    m = localize_map(localize_map(folium.Map(tiles=None, maxZoom=18)))
    link = ("atlas_webfonts", f"/app/static/vendor/{STYLESHEET}")
    assert m.default_css.count(link) == 1
    assert m.default_css[-1] == link  # after leaflet.css, whose font it replaces
    assert f'href="/app/static/vendor/{STYLESHEET}"' in m.get_root().render()
    assert not m.get_root().render().count("@font-face")  # a link, not fonts inlined


def test_package_json_pins_the_font_packages():
    package = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = {name: package["dependencies"].get(name) for name in WEBFONT_PACKAGES}
    assert pinned == WEBFONT_PACKAGES


def test_install_without_font_packages_says_run_npm_ci(tmp_path):
    with pytest.raises(VendorAssetsMissing, match="npm ci"):
        install_webfonts(tmp_path / "node_modules", tmp_path / "vendor")
    assert not (tmp_path / "vendor").exists()

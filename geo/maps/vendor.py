"""Serve folium's browser assets from the app instead of public CDNs.

folium 0.20 and its plugins list CDN URLs for Leaflet, jQuery, Bootstrap,
Font Awesome, Leaflet.awesome-markers and Leaflet.markercluster; the app's own home
map script also reads TopoJSON with topojson-client. The same files, at the same
versions, come from the npm registry (``package.json`` pins them;
``npm ci`` installs them into ``node_modules/``). :func:`install_vendor_assets`
copies the files the browser needs into ``static/vendor/``, which Streamlit
serves at ``/app/static/vendor/`` when ``server.enableStaticServing`` is on, and
:func:`geo.maps.offline.localize_map` points a map's ``default_js``/``default_css`` at them.

Files keep their npm paths under ``static/vendor/`` (for example
``leaflet/dist/leaflet.css``), so the relative URLs inside the CSS files
(``images/...``, ``../webfonts/...``) keep working. The Noto web fonts and their
stylesheet (:data:`WEBFONTS_URL`, :mod:`geo.maps.webfonts`) are copied with them.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Sequence
from pathlib import Path

from geo.errors import VendorAssetsMissing
from geo.maps import webfonts
from geo.npm import NPM_HINT, require_packages

__all__ = [
    "CDN_TO_LOCAL",
    "DEFAULT_BASE_URL",
    "NPM_PACKAGES",
    "TOPOJSON_CLIENT_JS",
    "VENDOR_FILES",
    "VendorAssetsMissing",
    "WEBFONTS_URL",
    "install_vendor_assets",
    "main",
    "missing_vendor_files",
    "vendor_assets_installed",
]

DEFAULT_BASE_URL = "/app/static/vendor"
# The Noto @font-face rules every page and map frame links to (Chinese, Arabic, ...).
WEBFONTS_URL = f"{DEFAULT_BASE_URL}/{webfonts.STYLESHEET}"

_PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Must match package.json. The CDN URLs in CDN_TO_LOCAL carry the same versions.
NPM_PACKAGES: dict[str, str] = {
    "leaflet": "1.9.3",
    "jquery": "3.7.1",
    "bootstrap": "5.2.2",
    "@fortawesome/fontawesome-free": "6.2.0",
    "leaflet.markercluster": "1.1.0",
    # The only npm package that ships the Leaflet.awesome-markers 2.0.2 dist
    # files (`leaflet.awesome-markers` on npm jumps from 2.0.0 to 2.0.4).
    "drmonty-leaflet-awesome-markers": "2.0.2",
    "leaflet-draw": "1.0.2",  # folium.plugins.Draw (community profile: drawn areas)
    "topojson-client": "3.1.0",  # the home map reads the tract outlines (TopoJSON)
}

_AWESOME = "drmonty-leaflet-awesome-markers"
_FONTAWESOME = "@fortawesome/fontawesome-free"

_JSDELIVR = "https://cdn.jsdelivr.net"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"

# CDN URL used by folium 0.20 -> path under static/vendor/, or None to drop it.
CDN_TO_LOCAL: dict[str, str | None] = {
    f"{_JSDELIVR}/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    f"{_JSDELIVR}/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    f"{_JSDELIVR}/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap/dist/js/bootstrap.bundle.min.js"
    ),
    f"{_JSDELIVR}/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap/dist/css/bootstrap.min.css"
    ),
    f"{_JSDELIVR}/npm/{_FONTAWESOME}@6.2.0/css/all.min.css": (f"{_FONTAWESOME}/css/all.min.css"),
    f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": (
        f"{_AWESOME}/js/leaflet.awesome-markers.js"
    ),
    f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": (
        f"{_AWESOME}/css/leaflet.awesome-markers.css"
    ),
    f"{_CDNJS}/leaflet.markercluster/1.1.0/leaflet.markercluster.js": (
        "leaflet.markercluster/dist/leaflet.markercluster.js"
    ),
    f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.css": (
        "leaflet.markercluster/dist/MarkerCluster.css"
    ),
    f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": (
        "leaflet.markercluster/dist/MarkerCluster.Default.css"
    ),
    f"{_CDNJS}/leaflet.draw/1.0.2/leaflet.draw.js": "leaflet-draw/dist/leaflet.draw.js",
    f"{_CDNJS}/leaflet.draw/1.0.2/leaflet.draw.css": "leaflet-draw/dist/leaflet.draw.css",
    # Not on npm. Glyphicons are Bootstrap 3 icons and the rotate CSS only
    # serves awesome-markers' `angle` option; the app uses neither.
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": None,
    f"{_JSDELIVR}/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css": None,
}

# Files the app's own scripts load (not folium's), by their path under static/vendor/.
TOPOJSON_CLIENT_JS = "topojson-client/dist/topojson-client.min.js"  # defines `topojson`
_APP_FILES = (TOPOJSON_CLIENT_JS,)

_FONT_FILES = tuple(
    f"{_FONTAWESOME}/webfonts/{name}.{ext}"
    for name in (
        "fa-brands-400",
        "fa-regular-400",
        "fa-solid-900",
        "fa-v4compatibility",
    )
    for ext in ("woff2", "ttf")
)
_IMAGE_FILES = (
    tuple(
        f"leaflet/dist/images/{name}.png"
        for name in (
            "layers",
            "layers-2x",
            "marker-icon",
            "marker-icon-2x",
            "marker-shadow",
        )
    )
    + tuple(
        f"{_AWESOME}/css/images/markers-{name}.png"
        for name in ("matte", "matte@2x", "plain", "shadow", "shadow@2x", "soft", "soft@2x")
    )
    + tuple(
        f"leaflet-draw/dist/images/{name}.png"
        for name in (
            "layers",
            "layers-2x",
            "marker-icon",
            "marker-icon-2x",
            "marker-shadow",
            "spritesheet",
            "spritesheet-2x",
        )
    )
    + ("leaflet-draw/dist/images/spritesheet.svg",)
)
_LICENCE_FILES = (
    "leaflet/LICENSE",
    "jquery/LICENSE.txt",
    "bootstrap/LICENSE",
    f"{_FONTAWESOME}/LICENSE.txt",
    "leaflet.markercluster/MIT-LICENCE.txt",
    "topojson-client/LICENSE",
)

# Every file copied into static/vendor/, as a path relative to node_modules/.
VENDOR_FILES: tuple[str, ...] = (
    tuple(path for path in CDN_TO_LOCAL.values() if path is not None)
    + _APP_FILES
    + _FONT_FILES
    + _IMAGE_FILES
    + _LICENCE_FILES
)


def _check_node_modules(node_modules: Path) -> None:
    """Raise VendorAssetsMissing unless node_modules holds the pinned files."""
    require_packages(node_modules, NPM_PACKAGES)
    missing = [path for path in VENDOR_FILES if not (node_modules / path).is_file()]
    if missing:
        raise VendorAssetsMissing(
            f"'{node_modules}' lacks {len(missing)} file(s), first '{missing[0]}'. {NPM_HINT}"
        )


def install_vendor_assets(node_modules: Path, static_dir: Path) -> Path:
    """Copy the browser assets folium needs from node_modules into static/vendor/.

    The previous ``static_dir / "vendor"`` folder is replaced, so files from an
    older version never linger.

    Parameters
    ----------
    node_modules : Path
        The ``node_modules`` folder that ``npm ci`` filled from ``package.json``.
    static_dir : Path
        The folder Streamlit serves at ``/app/static/`` (``static/`` next to the
        main script).

    Returns
    -------
    Path
        The ``vendor`` folder that now holds the files.

    Raises
    ------
    VendorAssetsMissing
        If a pinned package is absent, at another version, or lacks a file.
        Nothing is copied or deleted in that case.
    """
    _check_node_modules(node_modules)
    webfonts.webfont_faces(node_modules)  # checked before anything is deleted
    vendor_dir = static_dir / "vendor"
    if vendor_dir.exists():
        shutil.rmtree(vendor_dir)
    for path in VENDOR_FILES:
        target = vendor_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / path, target)
    webfonts.install_webfonts(node_modules, vendor_dir)
    return vendor_dir


def missing_vendor_files(static_dir: Path) -> list[str]:
    """Return the paths under ``static_dir / "vendor"`` that are not installed."""
    vendor_dir = static_dir / "vendor"
    return [path for path in VENDOR_FILES if not (vendor_dir / path).is_file()]


def vendor_assets_installed(static_dir: Path) -> bool:
    """Return True if every file the map links to (``localize_map``) is in static/vendor/."""
    return not missing_vendor_files(static_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: copy the assets (default) or check them (``--check``).

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        Exit status: 0 on success, 1 if assets are missing.
    """
    parser = argparse.ArgumentParser(
        prog="python -m geo vendor",
        description="Copy Leaflet and folium plugin files from node_modules/ "
        "into static/vendor/ so maps work without internet.",
    )
    parser.add_argument("--node-modules", type=Path, default=_PROJECT_ROOT / "node_modules")
    parser.add_argument("--static-dir", type=Path, default=_PROJECT_ROOT / "static")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only report whether the files are installed",
    )
    args = parser.parse_args(argv)
    if args.check:
        missing = missing_vendor_files(args.static_dir)
        missing += webfonts.missing_webfont_files(args.static_dir / "vendor")
        if missing:
            print(
                f"{len(missing)} vendor file(s) missing under "
                f"{args.static_dir / 'vendor'}, first {missing[0]}. "
                "Run `npm ci` and `python -m geo vendor`."
            )
            return 1
        print(f"All {len(VENDOR_FILES)} vendor files and the web fonts are installed.")
        return 0
    try:
        vendor_dir = install_vendor_assets(args.node_modules, args.static_dir)
    except VendorAssetsMissing as err:
        print(err)
        return 1
    print(f"Copied {len(VENDOR_FILES)} files and the web fonts into {vendor_dir}.")
    return 0

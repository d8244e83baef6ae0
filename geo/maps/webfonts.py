"""Noto web fonts for the browser, so every script renders on any machine, offline.

A workshop kiosk or a bare Linux machine has no Chinese, Korean, Devanagari, Bengali,
Myanmar or Ethiopic system font: Chromium drew "语言" and "বাংলাদেশ" as boxes. The Noto
fonts arrive from npm (the ``@fontsource/noto-sans*`` packages pinned in ``package.json``,
also used for the PDFs by :mod:`geo.pdf.fonts`) as WOFF2 slices, each with the
``unicode-range`` it covers, so a browser downloads only the slices a page's text needs
(a few of Chinese's hundred).
:func:`install_webfonts` (run by ``python -m geo vendor``) copies the 400 and 700 weights
into ``static/vendor/`` under their npm paths and writes one stylesheet,
:data:`STYLESHEET`, that declares them and defines ``--atlas-font``: the font list the
maps' own HTML uses (``font: 12px var(--atlas-font, sans-serif)``). Streamlit's pages name
the same families after its own font in ``.streamlit/config.toml`` (``theme.font``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from geo.errors import VendorAssetsMissing
from geo.npm import NPM_HINT, require_packages

__all__ = [
    "FAMILIES",
    "MAP_FONT",
    "STYLESHEET",
    "WEBFONT_PACKAGES",
    "WEIGHTS",
    "FontFace",
    "install_webfonts",
    "missing_webfont_files",
    "read_font_faces",
    "webfont_faces",
]

# Must match package.json (geo.pdf.fonts.FONT_PACKAGES pins the same versions).
WEBFONT_PACKAGES: dict[str, str] = {
    "@fontsource/noto-sans": "5.3.0",  # Latin, Cyrillic, Greek, Vietnamese, Devanagari
    "@fontsource/noto-sans-arabic": "5.3.0",
    "@fontsource/noto-sans-devanagari": "5.3.0",
    # The demo city's own organizations: Bangladeshi, Burmese and Karen, Ethiopian.
    "@fontsource/noto-sans-bengali": "5.3.0",
    "@fontsource/noto-sans-myanmar": "5.3.0",
    "@fontsource/noto-sans-ethiopic": "5.3.0",
    # Simplified Chinese before Korean: Chinese text gets Chinese glyph shapes; the Chinese
    # slices also hold kana and many traditional hanzi, the Korean ones hangul.
    "@fontsource/noto-sans-sc": "5.3.0",
    "@fontsource/noto-sans-kr": "5.3.0",
}
# In the order a browser should try them, after the page's own Latin font.
FAMILIES = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Myanmar",
    "Noto Sans Ethiopic",
    "Noto Sans SC",
    "Noto Sans KR",
)
WEIGHTS = (400, 700)  # bold (600-900) is drawn from 700, light from 400
STYLESHEET = "webfonts.css"  # under static/vendor/, next to the @fontsource/ folder
# The maps' font list is Noto alone, Latin included: with a system font first (Leaflet's
# "Helvetica Neue", Arial, Helvetica), Chromium 150 on Linux drew Chinese as boxes even
# with its Noto slice loaded (measured with Liberation Sans and DejaVu Sans first; a web
# font or a missing font first is fine). Inline styles in the maps' HTML use MAP_FONT; a
# map opened without the stylesheet (a downloaded story) falls back to sans-serif.
MAP_FONT = "var(--atlas-font, sans-serif)"
_FACE_RE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
_URL_RE = re.compile(r"url\(['\"]?(?P<url>[^'\")]+)['\"]?\)")


@dataclass(frozen=True, kw_only=True)
class FontFace:
    """One WOFF2 slice of a family: the characters it covers and its file."""

    family: str
    weight: int
    unicode_range: str  # "U+4e00-4e0f,U+..." as Fontsource wrote it
    path: str  # relative to node_modules/ and to static/vendor/

    def css(self) -> str:
        """The ``@font-face`` rule, its URL relative to the stylesheet."""
        return (
            f"@font-face{{font-family:'{self.family}';font-style:normal;font-display:swap;"
            f"font-weight:{self.weight};src:url('{self.path}') format('woff2');"
            f"unicode-range:{self.unicode_range}}}"
        )


def _declaration(body: str, name: str) -> str:
    """The value of declaration ``name`` in an ``@font-face`` body ("" when absent)."""
    match = re.search(rf"(?:^|;)\s*{name}\s*:\s*(?P<value>[^;]*)", body)
    return match["value"].strip() if match else ""


def read_font_faces(node_modules: Path, package: str, weight: int) -> list[FontFace]:
    """The WOFF2 slices of one package and weight, read from Fontsource's ``{weight}.css``.

    Raises
    ------
    VendorAssetsMissing
        If the stylesheet is absent or declares no WOFF2 slice.
    """
    css_path = node_modules / package / f"{weight}.css"
    if not css_path.is_file():
        raise VendorAssetsMissing(f"The font stylesheet '{css_path}' is not installed. {NPM_HINT}")
    faces = []
    for match in _FACE_RE.finditer(css_path.read_text(encoding="utf-8")):
        body = match["body"]
        woff2 = [u for u in _URL_RE.findall(_declaration(body, "src")) if u.endswith(".woff2")]
        if not woff2:
            continue
        file = woff2[0].removeprefix("./")
        faces.append(
            FontFace(
                family=_declaration(body, "font-family").strip("'\""),
                weight=int(_declaration(body, "font-weight") or weight),
                unicode_range=_declaration(body, "unicode-range"),
                path=f"{package}/{file}",
            )
        )
    if not faces:
        raise VendorAssetsMissing(f"'{css_path}' declares no WOFF2 font file. {NPM_HINT}")
    return faces


def _stylesheet(faces: list[FontFace]) -> str:
    """The stylesheet: every face, then the maps' font list."""
    families = ", ".join(f'"{family}"' for family in FAMILIES)
    return "\n".join(
        [
            "/* Noto web fonts from npm (@fontsource), written by `python -m geo vendor`. */",
            *(face.css() for face in faces),
            f":root{{--atlas-font:{families}, sans-serif}}",
            "html .leaflet-container{font-family:var(--atlas-font)}",
            "",
        ]
    )


def webfont_faces(node_modules: Path) -> list[FontFace]:
    """Every slice :func:`install_webfonts` copies, checked to be installed.

    Raises
    ------
    VendorAssetsMissing
        If a package is not installed at its pinned version or lacks a slice.
    """
    require_packages(node_modules, WEBFONT_PACKAGES)
    faces = [
        face
        for package in WEBFONT_PACKAGES
        for weight in WEIGHTS
        for face in read_font_faces(node_modules, package, weight)
    ]
    absent = [face.path for face in faces if not (node_modules / face.path).is_file()]
    if absent:
        raise VendorAssetsMissing(
            f"'{node_modules}' lacks {len(absent)} font file(s), first '{absent[0]}'. {NPM_HINT}"
        )
    return faces


def install_webfonts(node_modules: Path, vendor_dir: Path) -> Path:
    """Copy the Noto WOFF2 slices into ``vendor_dir`` and write :data:`STYLESHEET` there.

    Parameters
    ----------
    node_modules : Path
        The folder ``npm ci`` filled from ``package.json``.
    vendor_dir : Path
        ``static/vendor`` (served at ``/app/static/vendor/``).

    Returns
    -------
    Path
        The stylesheet written.

    Raises
    ------
    VendorAssetsMissing
        If a package is not installed at its pinned version or lacks a slice; nothing is
        written then.
    """
    faces = webfont_faces(node_modules)
    licences = [f"{package}/LICENSE" for package in WEBFONT_PACKAGES]
    for path in [face.path for face in faces] + licences:
        if (node_modules / path).is_file():
            _replace(vendor_dir / path, (node_modules / path).read_bytes())
    stylesheet = vendor_dir / STYLESHEET
    _replace(stylesheet, _stylesheet(faces).encode("utf-8"))  # last: its files are in
    return stylesheet


def _replace(target: Path, data: bytes) -> None:
    """Write ``target`` whole (a temporary file renamed): a server never reads it half written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, target)


def missing_webfont_files(vendor_dir: Path) -> list[str]:
    """The stylesheet, or the font files it names, that are not in ``vendor_dir``."""
    stylesheet = vendor_dir / STYLESHEET
    if not stylesheet.is_file():
        return [STYLESHEET]
    urls = _URL_RE.findall(stylesheet.read_text(encoding="utf-8"))
    return [url for url in urls if not (vendor_dir / url).is_file()]

"""Fonts for every PDF the app prints: Latin, Cyrillic, Greek, Arabic, Indic, Ethiopic, CJK.

Organization names, addresses and notes come in every script, so a PDF set in Helvetica
prints "?" for most of the world. The Noto fonts arrive from the npm registry (the
``@fontsource/noto-sans*`` packages pinned in ``package.json``), never copied into the
repository. Fontsource ships them as WOFF slices by Unicode range; :func:`install_fonts`
(run by ``python -m geo vendor``) merges each family's slices into one TrueType file
with fontTools under ``static/vendor/fonts/`` (gitignored). :func:`use_fonts` registers
them on an ``FPDF`` with fallbacks and turns on fpdf2's HarfBuzz text shaping
(``uharfbuzz``), which joins Arabic letters, orders right-to-left runs (Unicode bidi),
builds Devanagari and Bengali conjuncts and orders Myanmar syllables. It also works around
an fpdf2 2.8.9 bug that printed a Latin line after one ending in Chinese or Arabic as
garbage (:func:`_set_font_again`), and
keeps the invisible bidi marks out of the page once they have ordered the line
(:func:`_drop_bidi_controls`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fpdf import FPDF

from geo.errors import VendorAssetsMissing
from geo.npm import NPM_HINT, require_packages

__all__ = [
    "FAMILY",
    "FONTS",
    "FONT_PACKAGES",
    "FontFile",
    "default_font_dir",
    "install_fonts",
    "missing_fonts",
    "left_to_right",
    "printable",
    "use_fonts",
]

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
FAMILY = "NotoSans"  # the main family; the others are fallbacks


@dataclass(frozen=True, kw_only=True)
class FontFile:
    """One TrueType file made from the WOFF slices of one npm package."""

    family: str
    style: str  # "" or "B", as fpdf2 names styles
    package: str
    slices: tuple[str, ...]  # slice names, or ("*",) for every numbered slice
    weight: int = 400

    @property
    def file_name(self) -> str:
        """The TrueType file written under the font folder."""
        return f"{self.family}-{'Bold' if self.style else 'Regular'}.ttf"

    def sources(self, node_modules: Path) -> list[Path]:
        """The WOFF slices in node_modules (numbered CJK slices found by pattern)."""
        files = node_modules / self.package / "files"
        stem = self.package.split("/")[-1]
        if self.slices == ("*",):
            return sorted(files.glob(f"{stem}-[0-9]*-{self.weight}-normal.woff"))
        return [files / f"{stem}-{name}-{self.weight}-normal.woff" for name in self.slices]


_LATIN = ("latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext", "vietnamese")
FONTS: tuple[FontFile, ...] = (
    *(
        FontFile(family=FAMILY, style=s, package="@fontsource/noto-sans", slices=_LATIN, weight=w)
        for s, w in (("", 400), ("B", 700))
    ),
    *(
        FontFile(family=f, style=s, package=p, slices=(name,), weight=w)
        for f, p, name in (
            ("NotoSansArabic", "@fontsource/noto-sans-arabic", "arabic"),
            ("NotoSansDevanagari", "@fontsource/noto-sans-devanagari", "devanagari"),
            # Scripts of the demo city's own organizations and helpers (Bangladeshi,
            # Burmese and Karen, Ethiopian and Eritrean newcomers).
            ("NotoSansBengali", "@fontsource/noto-sans-bengali", "bengali"),
            ("NotoSansMyanmar", "@fontsource/noto-sans-myanmar", "myanmar"),
            ("NotoSansEthiopic", "@fontsource/noto-sans-ethiopic", "ethiopic"),
        )
        for s, w in (("", 400), ("B", 700))
    ),
    # Simplified Chinese slices also hold Japanese kana and many traditional hanzi.
    FontFile(family="NotoSansSC", style="", package="@fontsource/noto-sans-sc", slices=("*",)),
    FontFile(family="NotoSansKR", style="", package="@fontsource/noto-sans-kr", slices=("korean",)),
    # Check boxes and ticks on the walk sheet (U+2610, U+2713).
    FontFile(
        family="NotoSansSymbols2",
        style="",
        package="@fontsource/noto-sans-symbols-2",
        slices=("symbols",),
    ),
)
# Must match package.json.
FONT_PACKAGES: dict[str, str] = {font.package: "5.3.0" for font in FONTS}
# Marks and isolates (LRM, RLM, LRE..PDF, LRI..PDI): they order text, no font draws them.
_BIDI_CONTROLS = frozenset(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# Spaces of a set width (narrow no-break, figure) drawn as a no-break space when no font has them.
_SPACE_STAND_INS = {0x202F: "\u00a0", 0x2007: "\u00a0"}
# Once fpdf2's bidi has ordered a line, these and the Arabic letter mark have done their work.
_ORDERING_ONLY = _BIDI_CONTROLS | {0x061C}


def default_font_dir() -> Path:
    """``static/vendor/fonts`` in the project (gitignored, filled by ``geo vendor``)."""
    return _PROJECT_ROOT / "static" / "vendor" / "fonts"


def missing_fonts(font_dir: Path | None = None) -> list[str]:
    """The TrueType files :func:`use_fonts` needs that are not in ``font_dir``."""
    font_dir = font_dir or default_font_dir()
    return [f.file_name for f in FONTS if not (font_dir / f.file_name).is_file()]


def _merge(sources: Sequence[Path], target: Path) -> None:
    """One TrueType file from WOFF slices of the same font (fontTools merge)."""
    if len(sources) == 1:
        font = TTFont(str(sources[0]))
        font.flavor = None
        font.save(str(target))
        return
    with tempfile.TemporaryDirectory() as tmp:
        plain = []
        for source in sources:
            font = TTFont(str(source))
            font.flavor = None  # the merger reads plain sfnt files
            plain.append(str(Path(tmp) / f"{source.stem}.ttf"))
            font.save(plain[-1])
        Merger().merge(plain).save(str(target))


def install_fonts(node_modules: Path, font_dir: Path | None = None) -> Path:
    """Convert the npm Noto packages into the TrueType files the PDFs use.

    Parameters
    ----------
    node_modules : Path
        The folder ``npm ci`` filled from ``package.json``.
    font_dir : Path, optional
        Where to write the ``.ttf`` files; ``static/vendor/fonts`` by default.

    Returns
    -------
    Path
        The font folder.

    Raises
    ------
    VendorAssetsMissing
        If a package is not installed at its pinned version, or lacks a slice
        (nothing is written then).
    """
    font_dir = font_dir or default_font_dir()
    require_packages(node_modules, FONT_PACKAGES)
    plan = [(font, font.sources(node_modules)) for font in FONTS]
    for font, sources in plan:
        absent = [s for s in sources if not s.is_file()]
        if not sources or absent:
            first = absent[0] if absent else node_modules / font.package
            raise VendorAssetsMissing(f"The font file '{first}' is not installed. {NPM_HINT}")
    font_dir.mkdir(parents=True, exist_ok=True)
    for font, sources in plan:
        _merge(sources, font_dir / font.file_name)
    return font_dir


def use_fonts(pdf: FPDF, font_dir: Path | None = None) -> str:
    """Register the Noto fonts on ``pdf``, with fallbacks and text shaping; return the family.

    Set text with ``pdf.set_font(FAMILY, style, size)``: characters the main family
    lacks (Arabic, Devanagari, Bengali, Myanmar, Ethiopic, CJK) are drawn from the
    fallback that has them. Give ``multi_cell`` ``align="L"``: fpdf2 2.8.9 spreads
    justified shaped lines wrongly (gaps inside words).

    Raises
    ------
    VendorAssetsMissing
        If the TrueType files are not installed (``python -m geo vendor`` makes them).
    """
    font_dir = font_dir or default_font_dir()
    missing = missing_fonts(font_dir)
    if missing:
        raise VendorAssetsMissing(
            f"The PDF fonts are not installed ({len(missing)} missing under '{font_dir}', "
            f"first {missing[0]}). {NPM_HINT}"
        )
    for font in FONTS:
        pdf.add_font(font.family, font.style, str(font_dir / font.file_name))
    fallbacks = list(dict.fromkeys(f.family for f in FONTS if f.family != FAMILY))
    pdf.set_fallback_fonts(fallbacks, exact_match=False)
    pdf.set_text_shaping(True)
    _set_font_again(pdf)
    _drop_bidi_controls(pdf)
    return FAMILY


def _drop_bidi_controls(pdf: FPDF) -> None:
    """Draw no glyph for a bidi mark or isolate once fpdf2's bidi has ordered the line.

    fpdf2 2.8.9 keeps them in the shaped text: HarfBuzz gives each a space glyph of no
    advance, but the PDF still declares the space's width for it, so a reader's copy and
    paste (and poppler, screen readers) find it overlapping the next letter and split the
    word: "من Central Library" in an Arabic line came back as "C" and "entral Library" in
    two places. They are removed from each ordered fragment; the line looks the same.
    """
    preload = pdf._preload_bidirectional_text

    def preload_without_controls(text: str, markdown: bool) -> Sequence[Any]:
        fragments = preload(text, markdown)
        kept = []
        for fragment in fragments:
            fragment.characters = [c for c in fragment.characters if ord(c) not in _ORDERING_ONLY]
            if fragment.characters:
                kept.append(fragment)
        return tuple(kept)

    pdf._preload_bidirectional_text = preload_without_controls  # type: ignore[method-assign]


def _set_font_again(pdf: FPDF) -> None:
    """Make ``pdf`` write its font into the page again after a line drawn in a fallback font.

    fpdf2 2.8.9 (py-pdf/fpdf2#1488, #1772): a line that starts in a fallback font (Chinese,
    Arabic) gets the main font written inside the line's own saved state (``q ... Q``) when
    it also ends in a fallback, yet fpdf2 then believes the main font is set on the page. The
    next line in the same font and size writes no font of its own and is drawn in whatever
    font the page had before: "12 Elm St" after a Chinese services line came out as
    "C.e□□□el1". fpdf2 also keeps that belief when a builder goes back to an earlier page
    (footers written last). So after any line with a font other than the selected one, and
    on another page than the last line's, fpdf2 is told the font is not set: it writes it
    again (a few bytes per line). No later fpdf2 release fixes it (2.8.9 is the newest);
    ``tests/pdf/test_fonts.py`` fails when a pinned fpdf2 no longer needs this.
    """
    render = pdf._render_styled_text_line
    last_page = [pdf.page]

    def render_line(text_line: Any, *args: Any, **kwargs: Any) -> bool:
        if pdf.page != last_page[0]:
            pdf.current_font_is_set_on_page = False
        drawn = render(text_line, *args, **kwargs)
        if any(frag.font is not pdf.current_font for frag in text_line.fragments):
            pdf.current_font_is_set_on_page = False
        last_page[0] = pdf.page
        return drawn

    pdf._render_styled_text_line = render_line  # type: ignore[method-assign]


def printable(pdf: FPDF, text: object) -> tuple[str, set[str]]:
    """``text`` with characters no registered font can draw replaced by "?", and those characters.

    fpdf2 would draw an empty box for them; a visible "?" plus a note on the page
    tells the reader the name is incomplete there (the CSV download has it exactly).
    """
    covered = set().union(*(getattr(font, "cmap", {}) for font in pdf.fonts.values()))
    covered |= _BIDI_CONTROLS  # read by fpdf2's bidi, drawn as nothing by HarfBuzz
    text = str(text or "")
    # French writes 3 749 with a narrow no-break space, which Noto Sans lacks: "3?749"
    text = text.translate({k: v for k, v in _SPACE_STAND_INS.items() if k not in covered})
    missing = {c for c in text if ord(c) >= 32 and ord(c) not in covered}
    return "".join("?" if c in missing else c for c in text), missing


def left_to_right(text: object) -> str:
    """``text`` kept left to right inside any line (Unicode isolate: LRI ... PDI).

    A phone number in an Arabic line would otherwise be drawn in pieces from the right:
    "(999) 555-0100" as "0100-555 (999)". fpdf2's bidi reads the isolate; nothing is drawn.
    """
    return f"\u2066{text}\u2069"

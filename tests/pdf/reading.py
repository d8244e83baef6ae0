"""Helpers to read PDFs back the way a reader's viewer does (poppler's pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069")
)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text poppler reads back (logical order, bidi resolved), without spaces."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (Debian poppler-utils) is needed to read PDFs back")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return "".join(unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS).split())


def squeeze(text: str) -> str:
    """Text as :func:`pdf_text` returns it: no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())

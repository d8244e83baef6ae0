"""ui.styles: a static/vendor/ from before the web fonts gets them once, or no link at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.maps.webfonts import STYLESHEET, missing_webfont_files
from ui import styles

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Iterator[Path]:
    (tmp_path / "static" / "vendor").mkdir(parents=True)
    monkeypatch.setattr(styles, "PROJECT_ROOT", tmp_path)
    styles._webfonts_installed.clear()
    yield tmp_path
    styles._webfonts_installed.clear()


@pytest.mark.skipif(
    not (NODE_MODULES / "@fontsource" / "noto-sans-sc").is_dir(), reason="run `npm ci`"
)
def test_an_older_static_vendor_gets_the_web_fonts(project, monkeypatch):
    (project / "node_modules").symlink_to(NODE_MODULES)
    shown: list[str] = []
    monkeypatch.setattr(styles.st, "html", shown.append)
    styles.apply()
    assert f'@import url("/app/static/vendor/{STYLESHEET}")' in shown[0]
    vendor_dir = project / "static" / "vendor"
    assert (vendor_dir / STYLESHEET).is_file()
    assert missing_webfont_files(vendor_dir) == []


def test_without_node_modules_the_page_links_no_missing_stylesheet(project, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(styles.st, "html", shown.append)
    styles.apply()
    assert STYLESHEET not in shown[0]
    assert "stCaptionContainer" in shown[0]  # the app's own CSS still applies

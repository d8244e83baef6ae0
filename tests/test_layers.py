"""The layers point one way: import-linter reads every import (also inside functions and
under TYPE_CHECKING) and checks the contracts in pyproject.toml ([tool.importlinter])."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_import_contracts_are_kept():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_contracts_see_every_layer():
    """A contract over modules grimp never found would pass without checking anything."""
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("pages", "ui", "geo", cache_dir=None)
    pages = {m for m in graph.modules if m.startswith("pages.")}
    assert {f"pages.{p.stem}" for p in (ROOT / "pages").glob("*.py")} <= pages
    ui = {"ui", *graph.find_descendants("ui")}
    assert all(graph.find_modules_directly_imported_by(m) & ui for m in pages if m != "pages")
    assert graph.direct_import_exists(importer="ui.errors", imported="geo.errors")


def test_nothing_imports_app_py():
    """app.py is the entry point (a script, not a package), so it sits above every layer."""
    for folder in ("pages", "ui", "geo", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                else:
                    continue
                assert "app" not in names, f"{path.relative_to(ROOT)} imports app.py"

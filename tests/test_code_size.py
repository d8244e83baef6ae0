"""Short modules and short functions, so the next engineer can read a piece in one sitting.

A module has at most 300 lines; a function body at most 40 (its signature and docstring not
counted). The few exceptions are listed by name with the reason, and an exception that is no
longer needed must leave the list (so the list only shrinks).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("geo", "ui", "pages", "bench")
MAX_MODULE_LINES = 300
MAX_BODY_LINES = 40

# path -> why it is longer (the list only shrinks).
LONGER_MODULES: dict[str, str] = {
    "geo/census/indicators.py": "336 lines, 70 of them the nine indicator definitions (data)",
    "geo/census/imports.py": "307: three import paths sharing one atomic finish",
    "geo/demo/organizations.py": "310: the demo generator's word lists (data)",
}
# "path:function" -> why it is longer (reviewed; split when the code is next changed).
LONGER_FUNCTIONS: dict[str, str] = {
    "geo/analysis/gaps.py:compute_gaps": "41 lines: one ranking in reading order",
    "geo/maps/asset_map.py:build_asset_map": (
        "assembles the map state and view (translated) from a dozen parts computed just "
        "before; split further it would only pass them around"
    ),
}


def _sources() -> list[Path]:
    return [
        path
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    if len(body) > 1 and ast.get_docstring(node, clean=False) is not None:
        body = body[1:]
    return (node.end_lineno or node.lineno) - body[0].lineno + 1


def long_functions() -> dict[str, int]:
    found = {}
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if (lines := _body_lines(node)) > MAX_BODY_LINES:
                found[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    return found


def test_no_module_is_longer_than_300_lines_unless_listed_with_a_reason():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _sources()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    unlisted = {name: n for name, n in long.items() if name not in LONGER_MODULES}
    assert unlisted == {}, f"split these modules: {unlisted}"
    stale = sorted(set(LONGER_MODULES) - set(long))
    assert stale == [], f"now short enough: remove from LONGER_MODULES: {stale}"


def test_no_function_is_longer_than_40_lines_unless_listed_with_a_reason():
    found = long_functions()
    unlisted = {name: n for name, n in found.items() if name not in LONGER_FUNCTIONS}
    assert unlisted == {}, f"split these functions (body lines): {unlisted}"
    stale = sorted(set(LONGER_FUNCTIONS) - set(found))
    assert stale == [], f"now short enough: remove from LONGER_FUNCTIONS: {stale}"


def test_the_measure_sees_a_long_function(tmp_path):
    """The checker itself counts a body, not the docstring."""
    body = "\n".join(f"    x{i} = {i}" for i in range(41))
    tree = ast.parse(f'def f():\n    """Doc.\n\n    More.\n    """\n{body}\n')
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef)
    assert _body_lines(node) == 41

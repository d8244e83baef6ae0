"""House rules that review should not have to police."""

import ast
from pathlib import Path

from geo.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in readme, f"{setting.name} missing from README settings table"


def test_every_page_is_registered_and_every_registration_exists():
    from ui.navigation import PAGES

    registered = {spec.path for spec in PAGES}
    on_disk = {f"pages/{page.name}" for page in (ROOT / "pages").glob("*.py")}
    assert registered == on_disk


def test_requirements_are_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            assert "==" in line, f"unpinned requirement: {line}"


def _writes_without_role_check(source: str) -> list[str]:
    """Functions that open a write transaction (``.begin()``) without asking
    ``auth.require(...)`` earlier in the same function (or being handed its ``user``)."""
    found = []
    tree = ast.parse(source)
    scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]
    for scope in scopes:
        body = ast.Module(body=list(scope.body), type_ignores=[])
        calls = [n for n in ast.walk(body) if isinstance(n, ast.Call)]
        if scope is tree:  # module level: leave out the functions' own bodies
            nested = {
                id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for n in ast.walk(f)
            }
            calls = [c for c in calls if id(c) not in nested]
        begins = [c for c in calls if isinstance(c.func, ast.Attribute) and c.func.attr == "begin"]
        checks = [
            c.lineno
            for c in calls
            if isinstance(c.func, ast.Attribute)
            and c.func.attr == "require"
            and isinstance(c.func.value, ast.Name)
            and c.func.value.id == "auth"
        ]
        # A helper handed the signed-in ``user`` got it from a caller that asked auth.require.
        given_user = isinstance(scope, ast.FunctionDef) and "user" in {
            a.arg for a in scope.args.args + scope.args.kwonlyargs
        }
        for begin in begins:
            if not given_user and not any(line <= begin.lineno for line in checks):
                name = getattr(scope, "name", "<module>")
                found.append(f"{name}:{begin.lineno}")
    return found


def test_every_ui_write_checks_the_role_on_the_server():
    """Every function that opens a write transaction asks ui.auth.require first (auth.py
    itself records sign-ins, which need no role)."""
    for path in [*(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        if path.name == "auth.py":
            continue
        bad = _writes_without_role_check(path.read_text(encoding="utf-8"))
        assert not bad, f"{path.name} writes without auth.require(...) first: {bad}"


def test_the_role_check_test_finds_a_write_without_a_check():
    unchecked = (
        "def save(x):\n"
        "    auth.require('edit_assets')\n"
        "def delete(x):\n"
        "    with Session(engine()) as s, s.begin():\n"
        "        remove(s, x)\n"
        "def late(x):\n"
        "    with Session(engine()) as s, s.begin():\n"
        "        user = auth.require('edit_assets')\n"
        "def helper(s, user):\n"
        "    with s.begin():\n"
        "        log(user)\n"
    )
    assert _writes_without_role_check(unchecked) == ["delete:4", "late:7"]


def test_streamlit_upload_limit_matches_the_import_limit():
    import tomllib

    from geo.io import DEFAULT_LIMITS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == DEFAULT_LIMITS.max_file_bytes


def _error_text_leaks(path: Path) -> list[str]:
    """Lines where a caught exception is turned into page text by hand (str, f-string, st.*)."""
    found = []
    for handler in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(handler, ast.ExceptHandler) or not handler.name:
            continue
        name = handler.name
        for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
            uses = isinstance(node, ast.Call) and any(
                isinstance(a, ast.Name) and a.id == name for a in node.args
            )
            if uses and isinstance(node.func, ast.Name) and node.func.id == "str":
                found.append(f"{path.name}:{node.lineno} str({name})")
            elif uses and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id in ("st", "text", "sb"):
                    found.append(f"{path.name}:{node.lineno} {owner.id}.{node.func.attr}({name})")
            elif isinstance(node, ast.FormattedValue):
                value = node.value
                if isinstance(value, ast.Name) and value.id == name:
                    found.append(f"{path.name}:{node.lineno} f-string with {{{name}}}")
    return found


def test_pages_and_views_show_errors_only_through_ui_errors():
    """Only ui/errors.show_error turns an exception into text, with its problems and changes."""
    paths = [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    leaks = [leak for p in paths if p.name != "errors.py" for leak in _error_text_leaks(p)]
    assert not leaks, leaks


def test_the_error_convention_test_finds_a_leak(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        "try:\n    go()\nexcept GeoError as err:\n    st.error(str(err))\n"
        "try:\n    go()\nexcept GeoError as e:\n    st.info(e)\n"
        "try:\n    go()\nexcept GeoError as x:\n    st.warning(f'No: {x}')\n",
        encoding="utf-8",
    )
    assert [leak.split(" ", 1)[1] for leak in _error_text_leaks(page)] == [
        "str(err)",
        "st.info(e)",
        "f-string with {x}",
    ]

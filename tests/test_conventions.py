"""House rules that review should not have to police."""

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


def test_every_ui_write_checks_the_role_on_the_server():
    """A module that opens a write transaction must ask ui.auth.require before it writes."""
    for path in [*(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        if path.name == "auth.py" or ".begin()" not in source:
            continue
        assert "auth.require(" in source, f"{path.name} writes without auth.require(...)"


def test_streamlit_upload_limit_matches_the_import_limit():
    import tomllib

    from geo.io import DEFAULT_LIMITS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == DEFAULT_LIMITS.max_file_bytes

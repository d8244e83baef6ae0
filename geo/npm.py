"""The npm packages the app's browser files and fonts come from, checked before they are used."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from geo.errors import VendorAssetsMissing

NPM_HINT = "Run `npm ci` in the project root, then `python -m geo vendor`."


def require_packages(node_modules: Path, packages: Mapping[str, str]) -> None:
    """Raise VendorAssetsMissing unless each package is installed at its pinned version."""
    for package, version in packages.items():
        manifest = node_modules / package / "package.json"
        found = json.loads(manifest.read_text("utf-8"))["version"] if manifest.is_file() else None
        if found != version:
            raise VendorAssetsMissing(
                f"The npm package '{package}' {version} is not installed in '{node_modules}' "
                f"(found {found}). {NPM_HINT}"
            )

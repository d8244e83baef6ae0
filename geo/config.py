"""Settings read from the environment, in one place (the README lists every one)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

WGS84 = "EPSG:4326"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = PROJECT_ROOT / "data" / "demo"


@dataclass(frozen=True)
class Setting:
    """A documented environment variable."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        f"sqlite:///{PROJECT_ROOT / 'data' / 'assets.db'}",
        "SQLAlchemy URL of the shared asset database; "
        "e.g. postgresql+psycopg://user@host/db for a whole library system.",
    ),
    Setting(
        "WELCOME_ATLAS_DEMO_DIR",
        str(DEMO_DIR),
        "Folder of the bundled demo city (tracts, ACS tables, branches, organizations).",
    ),
    Setting(
        "WELCOME_ATLAS_STALE_MONTHS",
        "12",
        "Records not verified for this many months are listed as stale.",
    ),
    Setting(
        "WELCOME_ATLAS_TILES",
        "",
        "Internet basemap tiles ('' = none, 'OpenStreetMap', or a tile URL template); "
        "off by default so the app works offline.",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`load_settings`."""

    database_url: str
    demo_dir: Path
    stale_months: int
    tiles: str
    extra: dict[str, str] = field(default_factory=dict)


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (default ``os.environ``)."""
    env = os.environ if environ is None else environ
    value = {s.name: env.get(s.name, s.default) for s in SETTINGS}
    return Settings(
        database_url=value["DATABASE_URL"],
        demo_dir=Path(value["WELCOME_ATLAS_DEMO_DIR"]),
        stale_months=int(value["WELCOME_ATLAS_STALE_MONTHS"]),
        tiles=value["WELCOME_ATLAS_TILES"],
    )

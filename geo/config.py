"""Settings read from the environment, in one place (the README lists every one)."""

from __future__ import annotations

import os
from dataclasses import dataclass
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
        "WELCOME_ATLAS_DEMO_FIELDWORK",
        "1",
        "1 = a new database seeded with the bundled demo city also gets illustrative field "
        "work (engagement log, action plan, staff, a walk) and a presenter story; 0 = none.",
    ),
    Setting(
        "WELCOME_ATLAS_STALE_MONTHS",
        "12",
        "Records not verified for this many months are listed as stale.",
    ),
    Setting(
        "WELCOME_ATLAS_STUDY_AREAS_DIR",
        str(PROJECT_ROOT / "data" / "study_areas"),
        "Folder of imported study areas (one sub-folder each) and the Census API cache.",
    ),
    Setting(
        "CENSUS_API_KEY",
        "",
        "Key for the Census Data API (optional for small requests).",
    ),
    Setting(
        "WELCOME_ATLAS_TILES",
        "",
        "Internet basemap tiles ('' = none, 'OpenStreetMap', or a tile URL template); "
        "off by default so the app works offline.",
    ),
    Setting(
        "WELCOME_ATLAS_SESSION_MINUTES",
        "480",
        "A signed-in browser session that is idle this many minutes must sign in again.",
    ),
    Setting(
        "WELCOME_ATLAS_STREET_GRAPH",
        "",
        "GraphML street graph for walkabout routes along streets (needs osmnx); "
        "'' = straight-line (great-circle) distances.",
    ),
    Setting(
        "WELCOME_ATLAS_BACKUP_KEEP",
        "14",
        "`db backup FOLDER` keeps this many newest backups in the folder and removes older ones.",
    ),
    Setting(
        "WELCOME_ATLAS_CONTACT_RETENTION_MONTHS",
        "24",
        "Contact persons not changed for this many months are listed for review (erasure).",
    ),
    Setting(
        "WELCOME_ATLAS_SYNC_MAX_ARCHIVE_SHARE",
        "0.2",
        "A feed sync that would archive more than this share of the source's records "
        "(a truncated download) is refused.",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`load_settings`."""

    database_url: str
    demo_dir: Path
    stale_months: int
    tiles: str
    session_minutes: int = 480
    study_areas_dir: Path = PROJECT_ROOT / "data" / "study_areas"
    census_api_key: str = ""
    street_graph: str = ""
    backup_keep: int = 14
    contact_retention_months: int = 24
    sync_max_archive_share: float = 0.2
    demo_fieldwork: bool = True


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (default ``os.environ``)."""
    env = os.environ if environ is None else environ
    value = {s.name: env.get(s.name, s.default) for s in SETTINGS}
    return Settings(
        database_url=value["DATABASE_URL"],
        demo_dir=Path(value["WELCOME_ATLAS_DEMO_DIR"]),
        stale_months=int(value["WELCOME_ATLAS_STALE_MONTHS"]),
        tiles=value["WELCOME_ATLAS_TILES"],
        session_minutes=int(value["WELCOME_ATLAS_SESSION_MINUTES"]),
        study_areas_dir=Path(value["WELCOME_ATLAS_STUDY_AREAS_DIR"]),
        census_api_key=value["CENSUS_API_KEY"],
        street_graph=value["WELCOME_ATLAS_STREET_GRAPH"],
        backup_keep=int(value["WELCOME_ATLAS_BACKUP_KEEP"]),
        contact_retention_months=int(value["WELCOME_ATLAS_CONTACT_RETENTION_MONTHS"]),
        sync_max_archive_share=float(value["WELCOME_ATLAS_SYNC_MAX_ARCHIVE_SHARE"]),
        demo_fieldwork=value["WELCOME_ATLAS_DEMO_FIELDWORK"].strip() not in ("0", "", "false"),
    )

"""Demo city: server time of a rerun of every page (AppTest, signed in as an admin)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from geo.accounts import create_account, start_session
from geo.config import DEMO_DIR
from geo.db import open_database
from ui.auth import SESSION_KEY

ROOT = Path(__file__).resolve().parent.parent


def page_reruns(
    workdir: Path,
    repeat: int = 3,
    cpu: dict[str, float] | None = None,
    only: Collection[str] = (),
) -> dict[str, float]:
    """Median wall seconds of a rerun of each page once it has run once (caches warm).

    ``cpu``, when given, receives each page's median CPU seconds of the process per rerun
    (``time.process_time``): steadier than wall time when other work shares the machine.
    ``only``: these pages (names without ``.py``) instead of every page.
    """
    (workdir / "pages.db").unlink(missing_ok=True)  # a fresh demo: `--work` keeps its folder
    url = f"sqlite:///{workdir / 'pages.db'}"
    os.environ["DATABASE_URL"] = url
    engine = open_database(url, seed_demo_from=DEMO_DIR)
    with Session(engine) as session, session.begin():
        account = create_account(session, "bench", role="admin", by="bench", display_name="Bench")
    engine.dispose()
    original = PagesManager.__init__

    def keep_navigation(self, *args, **kwargs):  # noqa: ANN001, ANN202 - as tests/app/conftest.py
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = keep_navigation  # type: ignore[method-assign]
    results = {}
    for page in sorted(p.name for p in (ROOT / "pages").glob("*.py")):
        if only and page.removesuffix(".py") not in only:
            continue
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state[SESSION_KEY] = start_session(
            account, method="password", now=datetime.now(UTC)
        )
        at.run()
        at.switch_page(f"pages/{page}").run()
        times, spent = [], []
        for _ in range(repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            at.run()
            times.append(time.perf_counter() - started)
            spent.append(time.process_time() - cpu_started)
        results[page.removesuffix(".py")] = statistics.median(times)
        if cpu is not None:
            cpu[page.removesuffix(".py")] = statistics.median(spent)
    PagesManager.__init__ = original  # type: ignore[method-assign]
    return results


def main() -> None:
    """``python -m bench.pages [PAGE ...]``: the pages' rerun CPU and wall seconds, with the
    load average before and after (a fresh demo database in a temporary folder)."""
    import sys
    import tempfile

    started = os.getloadavg()
    cpu: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as workdir:
        wall = page_reruns(Path(workdir), repeat=5, cpu=cpu, only=sys.argv[1:])
    ended = os.getloadavg()
    print(f"load average: {started[0]:.2f} before, {ended[0]:.2f} after (1 min)")
    for page, seconds in wall.items():
        print(f"{page:20s} {cpu[page]:.3f} CPU-s  {seconds:.3f} wall-s")


if __name__ == "__main__":
    main()

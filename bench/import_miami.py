"""Time importing the real Miami HSDS datapackage (1,074 organizations) into a fresh SQLite DB.

Compares geo.io.import_file (one transaction, bulk inserts in chunks) with a naive baseline
measured in the same run: the same parsed records saved one by one with add_asset and a
commit per row. Usage: python bench/import_miami.py [path/to/hsds_open211_miami]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.db import add_asset, list_assets  # noqa: E402
from geo.db.session import make_engine, upgrade  # noqa: E402
from geo.io import import_file, prepare_import  # noqa: E402

DEFAULT = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real" / "hsds_open211_miami"
)


def _fresh(folder: Path, name: str):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{folder / name}")
    upgrade(engine)
    return engine


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not source.exists():
        print(f"no datapackage at {source}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        engine = _fresh(folder, "bulk.db")
        start = time.perf_counter()
        with Session(engine) as session, session.begin():
            result = import_file(session, source, user="bench", duplicates="import")
        bulk_s = time.perf_counter() - start

        naive = _fresh(folder, "naive.db")
        start = time.perf_counter()
        plan = prepare_import(source)
        with Session(naive) as session:
            for _, record in plan.records:
                add_asset(session, record, user="bench", allow_duplicate=True)
                session.commit()
        naive_s = time.perf_counter() - start
        with Session(naive) as session:
            assert len(list_assets(session)) == result.imported
    print(f"organizations: {result.imported}")
    print(f"geo.io.import_file (one transaction): {bulk_s:.2f} s")
    print(f"naive add_asset + commit per row:     {naive_s:.2f} s")
    print(f"ratio naive/bulk: {naive_s / bulk_s:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

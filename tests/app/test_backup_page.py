"""The backup tab as an admin uses it: a damaged backup is explained, nothing is replaced."""

import gzip

from sqlalchemy.orm import Session

from geo.db import list_assets, make_engine

PAGE = "pages/import_export.py"


def _names(tmp_path):
    with Session(make_engine(f"sqlite:///{tmp_path / 'assets.db'}")) as session:
        return sorted(list_assets(session, include_archived=True)["name"])


def test_a_damaged_backup_is_explained_on_the_page(app, tmp_path):
    at = app(PAGE, role="admin")
    before = _names(tmp_path)
    good = gzip.compress(b'{"format": "welcome-atlas-backup"}\n')
    at.file_uploader(key="backup.file").upload("cut.jsonl.gz", good[:20], "application/gzip")
    at.checkbox(key="backup.sure").check().run()
    at.button(key="backup.restore").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "not a complete gzip file" in shown and "database is unchanged" in shown
    assert _names(tmp_path) == before

"""The import page's sync tab: a dry run reports and writes nothing; a real run adds."""

import sqlalchemy as sa

from geo.db import make_engine

PAGE = "pages/import_export.py"
FEED = (
    b"source_id,name,lat,lon,phone\n"
    b"HX-26,Kyiv Cultural Club,41.001,-45.001,(999) 555-7001\n"
    b"HX-27,Somali Family Center,41.002,-45.002,(999) 555-7002\n"
)


def _from_feed(tmp_path) -> int:
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with engine.connect() as connection:
        query = "select count(*) from organizations where source = 'city-feed'"
        return connection.scalar(sa.text(query))


def test_sync_from_the_page_dry_run_then_for_real(app, tmp_path):
    at = app(PAGE, role="editor")
    at.file_uploader(key="sync.file").upload("feed.csv", FEED, "text/csv")
    at.text_input(key="sync.source").input("city-feed").run()
    at.button(key="sync.go").click().run()
    assert not at.exception
    assert any("Dry run" in i.value and "2 added" in i.value for i in at.info)
    assert _from_feed(tmp_path) == 0
    at.checkbox(key="sync.dry").uncheck().run()
    at.button(key="sync.go").click().run()
    assert any("2 added" in s.value for s in at.success)
    assert _from_feed(tmp_path) == 2

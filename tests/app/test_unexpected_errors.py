"""A bug on any page is logged and shown as one short sentence; the menu and sidebar stay."""

import logging

import geo.maps.asset_map
from ui.errors import GENERIC_MESSAGE


def test_a_bug_in_a_page_shows_a_short_message_not_a_traceback(app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("internal detail: /srv/secret/path")

    monkeypatch.setattr(geo.maps.asset_map, "build_asset_map", broken)
    with caplog.at_level(logging.ERROR, logger="welcome_atlas"):
        at = app()
    assert not at.exception
    assert [e.value for e in at.error] == [GENERIC_MESSAGE]
    assert "secret" not in str(at)
    assert at.sidebar.multiselect  # the shared sidebar still rendered
    assert any("secret" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)

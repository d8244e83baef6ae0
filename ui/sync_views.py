"""The import page's "Sync with a feed" tab: the nightly feed sync, run by hand."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st
from sqlalchemy.orm import Session

from geo.errors import GeoError
from geo.io.sync import sync_feed
from ui import auth, errors, resources, text
from ui.i18n import _


def _saved(upload) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="welcome-atlas-feed-"))
    path = folder / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    return path


def sync_panel() -> None:
    """Upload a feed, name its source, see the report; a dry run writes nothing."""
    st.caption(
        _(
            "Records are matched by the feed's name and the feed's own ids: new ones are "
            "added, changed fields updated, records that left the feed archived (restorable). "
            "Fields staff changed since the last sync are kept and listed. The same runs "
            "nightly with {command}."
        ).format(command="`python -m geo assets sync`")
    )
    upload = st.file_uploader(
        _("Feed (HSDS datapackage .zip, or a CSV/Excel file with a source_id column)"),
        type=["zip", "csv", "xlsx", "json"],
        key="sync.file",
    )
    source = st.text_input(_("Feed name (keep it the same every time)"), key="sync.source")
    dry_run = st.checkbox(_("Dry run: show the report, write nothing"), value=True, key="sync.dry")
    if upload is None or not source.strip() or not st.button(_("Sync"), key="sync.go"):
        return
    try:
        user = auth.require("import")
        with Session(resources.engine()) as session:
            report = sync_feed(
                session,
                _saved(upload),
                source=source.strip(),
                user=user,
                max_archive_share=resources.settings().sync_max_archive_share,
                dry_run=dry_run,
            )
            session.rollback() if dry_run else session.commit()
    except GeoError as err:
        errors.show_error(err)
        return
    lines = [str(errors.say(line)) for line in report.lines()]
    (st.info if dry_run else st.success)(text.literal(lines[0]))
    if len(lines) > 1:
        st.text("\n".join(lines[1:]))

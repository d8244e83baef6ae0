"""Placing organizations without coordinates, exports, and whole-database backups."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo.db import backup_database, restore_database
from geo.errors import GeoError
from geo.io import (
    build_hsds,
    export_frame,
    list_needs_location,
    set_location,
    to_csv_bytes,
    to_geojson_bytes,
    to_xlsx_bytes,
)
from ui import auth, errors, point_picker, resources, text
from ui.i18n import _, joined, n_
from ui.import_views import saved_upload


def needs_location() -> None:
    """Organizations without coordinates: never dropped, placed here by typed coordinates."""
    with Session(resources.engine()) as session:
        waiting = list_needs_location(session)
    st.caption(
        n_(
            "{count} organization has no coordinates yet; it is not on the map.",
            "{count} organizations have no coordinates yet; they are not on the map.",
            len(waiting),
        ).format(count=len(waiting))
    )
    if waiting.empty:
        return
    labels = dict(zip(waiting["organization_id"], waiting["name"], strict=True))
    chosen = st.selectbox(
        _("Organization"),
        list(labels),
        key="place.pick",
        format_func=lambda i: f"{labels[i]} ({i})",
    )
    row = waiting.set_index("organization_id").loc[chosen]
    st.text(_("Address on file: {address}").format(address=row["address"] or "—"))
    point_picker.pick_point(key="place.map", lat_key="place.lat", lon_key="place.lon")
    c1, c2 = st.columns(2)
    lat = c1.number_input(_("Latitude"), -90.0, 90.0, value=None, format="%.6f", key="place.lat")
    lon = c2.number_input(_("Longitude"), -180.0, 180.0, value=None, format="%.6f", key="place.lon")
    if st.button(_("Save the location"), key="place.save"):
        try:
            user = auth.require("edit_assets")
            with Session(resources.engine()) as session, session.begin():
                set_location(
                    session, chosen, lat, lon, user=user, expected_version=int(row["version"])
                )
        except GeoError as err:
            errors.show_error(err)
            return
        st.success(
            text.literal(_("Placed {name}; it is on the map now.").format(name=labels[chosen]))
        )


def export() -> None:
    """Download the directory in the format another system needs (staff accounts only)."""
    try:
        auth.require("export_full")
    except GeoError as err:
        errors.show_error(err)
        return
    archived = st.checkbox(_("Include archived organizations"), key="export.archived")
    count, problems, files = _export_files(resources.data_stamp(), archived)
    stamp = date.today().isoformat()
    labels = {"csv": "CSV", "xlsx": "Excel", "geojson": "GeoJSON", "zip": _("HSDS 3.0 datapackage")}
    _export_notes(count, problems)
    for column, (ext, label) in zip(st.columns(4), labels.items(), strict=True):
        column.download_button(
            label,
            files[ext],
            file_name=f"organizations-{stamp}.{ext}",
            mime=_MIME[ext],
            key=f"export.{ext}",
        )


_MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "zip": "application/zip",
}


@st.cache_resource(max_entries=4, show_spinner=False)
def _export_files(stamp: str, archived: bool) -> tuple[int, list, dict[str, bytes]]:
    """The four export files, built once per database version (``stamp``) and shared by every
    session: the page reruns on every click, the directory does not change between them."""
    with Session(resources.engine()) as session:
        frame = export_frame(session, include_archived=archived)
        hsds = build_hsds(session, include_archived=archived)
    files = {
        "csv": to_csv_bytes(frame),
        "xlsx": to_xlsx_bytes(frame),
        "geojson": to_geojson_bytes(frame),
        "zip": hsds.data,
    }
    return len(frame), list(hsds.problems), files


def _export_notes(count: int, problems: list) -> None:
    st.caption(
        n_("{count} organization.", "{count} organizations.", count).format(count=count)
        + " "
        + _(
            "Spreadsheet cells that start with = + - @ are neutralized so they cannot run "
            "as formulas."
        )
    )
    if problems:
        with st.expander(
            n_(
                "HSDS 3.0: {count} value the standard refuses was left out or filled in",
                "HSDS 3.0: {count} values the standard refuses were left out or filled in",
                len(problems),
            ).format(count=len(problems))
        ):
            st.dataframe(pd.DataFrame(problems), hide_index=True)


def backup_and_restore() -> None:
    """The whole database to one file, and back (everything is replaced); admins only."""
    if not auth.can("backup_restore"):
        st.caption(_("Backups hold every account and note, so only admins make or restore them."))
    if st.button(_("Prepare a backup file"), key="backup.make"):
        try:
            auth.require("backup_restore")
        except GeoError as err:
            errors.show_error(err)
            return
        path = Path(tempfile.mkdtemp()) / f"welcome-atlas-{date.today().isoformat()}.jsonl.gz"
        with Session(resources.engine()) as session:
            counts = backup_database(session, path)
        st.download_button(
            _("Download the backup"),
            path.read_bytes(),
            file_name=path.name,
            mime="application/gzip",
            key="backup.download",
        )
        st.caption(joined(f"{n} {t}" for t, n in counts.items()))
    upload = st.file_uploader(
        _("Restore from a backup file"), type=["gz", "jsonl"], key="backup.file"
    )
    sure = st.checkbox(_("Replace everything in the database with this backup"), key="backup.sure")
    if upload is not None and sure and st.button(_("Restore"), key="backup.restore"):
        try:
            user = auth.require("backup_restore")
            with Session(resources.engine()) as session, session.begin():
                counts = restore_database(session, saved_upload(upload), user=user)
        except GeoError as err:
            errors.show_error(err)
            return
        st.success(
            _("Restored: {counts}").format(counts=joined(f"{n} {t}" for t, n in counts.items()))
        )

"""Import, export, placing organizations without coordinates, and whole-database backups."""

from __future__ import annotations

import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session
from streamlit.runtime.scriptrunner import RerunException, StopException

from geo.db import backup_database, restore_database
from geo.errors import GeoError, ImportCancelled
from geo.io import (
    FIELDS,
    ImportPlan,
    build_hsds,
    export_frame,
    list_needs_location,
    make_geocoder,
    prepare_import,
    preview_rows,
    propose_mapping,
    read_source,
    report_to_csv,
    run_import,
    set_location,
    to_csv_bytes,
    to_geojson_bytes,
    to_xlsx_bytes,
)
from geo.vocab import count_noun
from ui import auth, errors, point_picker, resources, text

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip"]
RUNNING = "import.running"  # the token of the import this session started last
_OUTCOMES: dict[str, str | GeoError] = {}  # token -> what that import saved, or why not
_STOPPED = "The import was stopped. Nothing was saved."
_WAIT_S, _WAIT_STEPS = 0.2, 900  # a batch takes seconds; give up after 3 minutes


def _saved_upload(upload) -> Path:
    """Keep the uploaded bytes in a private temporary file; the format is sniffed later."""
    folder = Path(tempfile.mkdtemp(prefix="welcome-atlas-upload-"))
    path = folder / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    return path


def upload_and_map():
    """Upload a file, read it, and let the user confirm the column mapping."""
    upload = st.file_uploader(
        "File to import",
        type=UPLOAD_TYPES,
        key="import.file",
        help="CSV, Excel, GeoJSON, GeoPackage, or an HSDS datapackage zip.",
    )
    if upload is None:
        return None, None
    cached = st.session_state.get("import.table")
    if cached is None or cached[0] != upload.file_id:
        try:
            table = read_source(_saved_upload(upload))
        except GeoError as err:
            errors.show_error(err)
            return None, None
        st.session_state["import.table"] = (upload.file_id, table)
    table = st.session_state["import.table"][1]
    st.caption(
        f"Read {count_noun(len(table.frame), table.row_label)} ({table.encoding or table.format})."
    )
    columns = list(table.frame.columns)
    guessed = propose_mapping(columns)
    st.markdown("**Which column holds what?** (guessed from the column names; change if wrong)")
    mapping, cells = {}, st.columns(4)
    for i, field in enumerate(FIELDS):
        options = [None, *columns]
        default = options.index(guessed[field]) if guessed.get(field) in columns else 0
        mapping[field] = cells[i % 4].selectbox(
            field,
            options,
            index=default,
            key=f"import.map.{field}",
            format_func=lambda c: "—" if c is None else c,
        )
    return table, {f: c for f, c in mapping.items() if c}


def _plan(table, mapping) -> ImportPlan:
    """Map and validate the whole file once per file, mapping and database state.

    Reruns (a checkbox, the Import button) reuse the plan; a new file, another mapping or
    a change saved to the database (which may add duplicates) makes a new one.
    """
    key = (
        st.session_state["import.table"][0],
        tuple(sorted(mapping.items())),
        resources.data_stamp(),
    )
    cached = st.session_state.get("import.plan")
    if cached is None or cached[0] != key:
        with Session(resources.engine()) as session:
            plan = prepare_import(table, mapping=mapping, session=session)
        st.session_state["import.plan"] = cached = (key, plan)
    return cached[1]


def check(table, mapping) -> ImportPlan | None:
    """Preview the first rows and validate all of them against the shared database."""
    try:
        plan = _plan(table, mapping)
    except GeoError as err:
        errors.show_error(err)
        return None
    st.markdown("**Preview** (first 10 rows as they will be saved)")
    st.dataframe(
        preview_rows(table.frame, plan.mapping, plan.report.issues),
        hide_index=True,
        width="stretch",
    )
    report = plan.report
    (st.warning if report.issues else st.success)(report.summary())
    if report.issues:
        st.dataframe(report.to_frame(), hide_index=True, width="stretch", height=240)
        st.download_button(
            "Download the validation report (CSV)",
            report_to_csv(report),
            file_name="import-report.csv",
            mime="text/csv",
            key="import.report",
        )
    return plan


class CancelHooks:
    """The importer's progress and cancel hooks for one run of the page.

    A click on Cancel while the import runs makes Streamlit stop this run of the script at
    its next call (here: the progress bar's update) and start a new one. That interruption
    is held back, the importer is told to cancel (it stops between batches and raises
    ImportCancelled, so the transaction rolls back), and then it goes ahead.
    """

    def __init__(self, bar) -> None:
        self._bar = bar
        self._interrupt: BaseException | None = None

    def progress(self, done: int, total: int) -> None:
        """Move the bar; a pending rerun (the Cancel click) becomes a cancel request."""
        if self._interrupt is not None:
            return
        try:
            self._bar.progress(done / max(total, 1), text=f"{done} / {count_noun(total, 'row')}")
        except (RerunException, StopException) as interrupt:
            self._interrupt = interrupt

    def should_cancel(self) -> bool:
        """Polled by the importer between rows and batches."""
        return self._interrupt is not None

    def resume(self) -> None:
        """Let the interrupted rerun go ahead (it must not be swallowed)."""
        if self._interrupt is not None:
            raise self._interrupt


def run(plan: ImportPlan) -> None:
    """Import all-or-nothing; options appear only when the report needs a decision."""
    only_valid = bool(plan.report.rejected_rows) and st.checkbox(
        f"Import only the valid rows ({count_noun(len(plan.report.rejected_rows), 'row')} "
        "will be left out)",
        key="import.only_valid",
    )
    duplicates = "ask"
    if plan.report.rows_with(kind="duplicate"):
        duplicates = st.radio(
            "Possible duplicates",
            ["ask", "skip", "import"],
            horizontal=True,
            key="import.duplicates",
            format_func={
                "ask": "Stop and let me check",
                "skip": "Skip them",
                "import": "Import them anyway",
            }.__getitem__,
        )
    geocode = st.selectbox(
        "Place rows without coordinates",
        ["none", "nominatim", "census"],
        key="import.geocode",
        format_func={
            "none": "Later, by hand (works offline)",
            "nominatim": "OpenStreetMap Nominatim (needs internet)",
            "census": "U.S. Census geocoder (needs internet)",
        }.__getitem__,
    )
    if not st.button("Import", type="primary", key="import.go"):
        return
    try:
        user = auth.require("import")
    except GeoError as err:
        errors.show_error(err)
        return
    running = st.empty()  # the cancel button and the progress bar, gone once it ends
    with running.container():
        st.button("Cancel the import (nothing will be saved)", key="import.cancel")
        bar = st.progress(0.0, text="Starting…")
    hooks = CancelHooks(bar)
    token = st.session_state[RUNNING] = uuid.uuid4().hex
    try:
        with Session(resources.engine()) as session, session.begin():
            result = run_import(
                session,
                plan,
                user=user,
                import_only_valid=only_valid,
                duplicates=duplicates,
                geocoder=None if geocode == "none" else make_geocoder(geocode),
                progress=hooks.progress,
                should_cancel=hooks.should_cancel,
            )
        _OUTCOMES[token] = _summary(result)
    except GeoError as err:
        _OUTCOMES[token] = err
    finally:
        _OUTCOMES.setdefault(token, ImportCancelled(_STOPPED))
    hooks.resume()  # a click stopped this run: the run it started shows the outcome
    running.empty()
    show_outcome()


def _summary(result) -> str:
    return (
        f"Imported {len(result.ids)} organizations; skipped {len(result.skipped_rows)}; "
        f"{len(result.needs_location)} wait in 'Needs a location'."
    )


def show_outcome() -> None:
    """How the last import ended; a run started by Cancel first waits for the importer.

    A click while the import runs starts the next run of the page at once, while the import
    stops between batches in the run before. A stopped run can no longer write the session
    state, so its outcome is handed over in ``_OUTCOMES`` under the import's token.
    """
    token = st.session_state.get(RUNNING)
    if token is None:
        return
    if token not in _OUTCOMES:
        with st.spinner("Stopping the import (nothing will be saved)…"):
            for _ in range(_WAIT_STEPS):
                if token in _OUTCOMES:
                    break
                time.sleep(_WAIT_S)
    outcome = _OUTCOMES.pop(token, ImportCancelled(_STOPPED))
    st.session_state.pop(RUNNING, None)
    if isinstance(outcome, str):
        st.success(outcome)
    else:
        cancelled = isinstance(outcome, ImportCancelled)
        errors.show_error(outcome, level="info" if cancelled else "error")


def needs_location() -> None:
    """Organizations without coordinates: never dropped, placed here by typed coordinates."""
    with Session(resources.engine()) as session:
        waiting = list_needs_location(session)
    st.caption(f"{len(waiting)} organizations have no coordinates yet; they are not on the map.")
    if waiting.empty:
        return
    labels = dict(zip(waiting["organization_id"], waiting["name"], strict=True))
    chosen = st.selectbox(
        "Organization", list(labels), key="place.pick", format_func=lambda i: f"{labels[i]} ({i})"
    )
    row = waiting.set_index("organization_id").loc[chosen]
    st.text(f"Address on file: {row['address'] or '—'}")
    point_picker.pick_point(key="place.map", lat_key="place.lat", lon_key="place.lon")
    c1, c2 = st.columns(2)
    lat = c1.number_input("Latitude", -90.0, 90.0, value=None, format="%.6f", key="place.lat")
    lon = c2.number_input("Longitude", -180.0, 180.0, value=None, format="%.6f", key="place.lon")
    if st.button("Save the location", key="place.save"):
        try:
            user = auth.require("edit_assets")
            with Session(resources.engine()) as session, session.begin():
                set_location(
                    session, chosen, lat, lon, user=user, expected_version=int(row["version"])
                )
        except GeoError as err:
            errors.show_error(err)
            return
        st.success(text.literal(f"Placed {labels[chosen]}; it is on the map now."))


def export() -> None:
    """Download the directory in the format another system needs (staff accounts only)."""
    try:
        auth.require("export_full")
    except GeoError as err:
        errors.show_error(err)
        return
    archived = st.checkbox("Include archived organizations", key="export.archived")
    with Session(resources.engine()) as session:
        frame = export_frame(session, include_archived=archived)
        hsds = build_hsds(session, include_archived=archived)
    stamp = date.today().isoformat()
    files = {
        "CSV": (to_csv_bytes, "csv", "text/csv"),
        "Excel": (
            to_xlsx_bytes,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "GeoJSON": (to_geojson_bytes, "geojson", "application/geo+json"),
        "HSDS 3.0 datapackage": (lambda _frame: hsds.data, "zip", "application/zip"),
    }
    st.caption(
        f"{len(frame)} organizations. Spreadsheet cells that start with = + - @ are "
        "neutralized so they cannot run as formulas."
    )
    if hsds.problems:
        with st.expander(
            f"HSDS 3.0: {len(hsds.problems)} values the standard refuses were left out or filled in"
        ):
            st.dataframe(pd.DataFrame(hsds.problems), hide_index=True)
    for column, (label, (make, ext, mime)) in zip(st.columns(4), files.items(), strict=True):
        column.download_button(
            label,
            make(frame),
            file_name=f"organizations-{stamp}.{ext}",
            mime=mime,
            key=f"export.{ext}",
        )


def backup_and_restore() -> None:
    """The whole database to one file, and back (everything is replaced); admins only."""
    if not auth.can("backup_restore"):
        st.caption("Backups hold every account and note, so only admins make or restore them.")
    if st.button("Prepare a backup file", key="backup.make"):
        try:
            auth.require("backup_restore")
        except GeoError as err:
            errors.show_error(err)
            return
        path = Path(tempfile.mkdtemp()) / f"welcome-atlas-{date.today().isoformat()}.jsonl.gz"
        with Session(resources.engine()) as session:
            counts = backup_database(session, path)
        st.download_button(
            "Download the backup",
            path.read_bytes(),
            file_name=path.name,
            mime="application/gzip",
            key="backup.download",
        )
        st.caption(", ".join(f"{n} {t}" for t, n in counts.items()))
    upload = st.file_uploader("Restore from a backup file", type=["gz", "jsonl"], key="backup.file")
    sure = st.checkbox("Replace everything in the database with this backup", key="backup.sure")
    if upload is not None and sure and st.button("Restore", key="backup.restore"):
        try:
            user = auth.require("backup_restore")
            with Session(resources.engine()) as session, session.begin():
                counts = restore_database(session, _saved_upload(upload), user=user)
        except GeoError as err:
            errors.show_error(err)
            return
        st.success("Restored: " + ", ".join(f"{n} {t}" for t, n in counts.items()))

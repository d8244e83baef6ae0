"""Import, export, placing organizations without coordinates, and whole-database backups."""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session
from streamlit.runtime.scriptrunner import RerunException, StopException

from geo.errors import GeoError, ImportCancelled
from geo.i18n import N_
from geo.io import (
    FIELDS,
    ImportPlan,
    make_geocoder,
    prepare_import,
    preview_rows,
    propose_mapping,
    read_source,
    report_to_csv,
    run_import,
)
from geo.io.report import REPORT_HEADINGS
from ui import auth, errors, resources
from ui.i18n import _, current, follows_language, n_

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip"]
RUNNING = "import.running"  # the token of the import this session started last
_OUTCOMES: dict[str, str | GeoError] = {}  # token -> what that import saved, or why not
_STOPPED = N_("The import was stopped. Nothing was saved.")
_WAIT_S, _WAIT_STEPS = 0.2, 900  # a batch takes seconds; give up after 3 minutes


def saved_upload(upload) -> Path:
    """Keep the uploaded bytes in a private temporary file; the format is sniffed later."""
    folder = Path(tempfile.mkdtemp(prefix="welcome-atlas-upload-"))
    path = folder / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    return path


def upload_and_map():
    """Upload a file, read it, and let the user confirm the column mapping."""
    upload = st.file_uploader(
        _("File to import"),
        type=UPLOAD_TYPES,
        key="import.file",
        help=_("CSV, Excel, GeoJSON, GeoPackage, or an HSDS datapackage zip."),
    )
    if upload is None:
        return None, None
    cached = st.session_state.get("import.table")
    if cached is None or cached[0] != upload.file_id:
        try:
            table = read_source(saved_upload(upload))
        except GeoError as err:
            errors.show_error(err)
            return None, None
        st.session_state["import.table"] = (upload.file_id, table)
    table = st.session_state["import.table"][1]
    rows = len(table.frame)
    st.caption(
        n_("Read {count} row ({encoding}).", "Read {count} rows ({encoding}).", rows).format(
            count=rows, encoding=table.encoding or table.format
        )
    )
    columns = list(table.frame.columns)
    guessed = propose_mapping(columns)
    st.markdown(_("**Which column holds what?** (guessed from the column names; change if wrong)"))
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


def _report_table(report) -> pd.DataFrame:
    """The validation report in the interface language (headings, problems; data as typed)."""
    frame = report.to_frame(current())
    return frame.rename(columns=lambda c: _(REPORT_HEADINGS.get(str(c), str(c))))


def check(table, mapping) -> ImportPlan | None:
    """Preview the first rows and validate all of them against the shared database."""
    try:
        plan = _plan(table, mapping)
    except GeoError as err:
        errors.show_error(err)
        return None
    st.markdown(_("**Preview** (first {count} rows as they will be saved)").format(count=10))
    st.dataframe(
        preview_rows(table.frame, plan.mapping, plan.report.issues, language=current()).rename(
            columns={"problems": _("Problems")}
        ),
        hide_index=True,
        width="stretch",
    )
    report = plan.report
    (st.warning if report.issues else st.success)(report.summary(_, n_))
    if report.issues:
        st.dataframe(
            _report_table(report),
            hide_index=True,
            width="stretch",
            height=240,
        )
        st.download_button(
            _("Download the validation report (CSV)"),
            report_to_csv(report, current()),
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
            label = n_("{done} / {total} row", "{done} / {total} rows", total)
            self._bar.progress(done / max(total, 1), text=label.format(done=done, total=total))
        except (RerunException, StopException) as interrupt:
            self._interrupt = interrupt

    def should_cancel(self) -> bool:
        """Polled by the importer between rows and batches."""
        return self._interrupt is not None

    def resume(self) -> None:
        """Let the interrupted rerun go ahead (it must not be swallowed)."""
        if self._interrupt is not None:
            raise self._interrupt


# format_funcs read labels translated during the run (AppTest calls them in its own thread).
DUPLICATES = {
    "ask": N_("Stop and let me check"),
    "skip": N_("Skip them"),
    "import": N_("Import them anyway"),
}
GEOCODERS = {
    "none": N_("Later, by hand (works offline)"),
    "nominatim": N_("OpenStreetMap Nominatim (needs internet)"),
    "census": N_("U.S. Census geocoder (needs internet)"),
}


def _options(plan: ImportPlan) -> tuple[bool, str, str]:
    """Only valid rows? What to do with duplicates? How to place rows without coordinates?"""
    rejected = len(plan.report.rejected_rows)
    only_valid = bool(rejected) and st.checkbox(
        n_(
            "Import only the valid rows ({count} row will be left out)",
            "Import only the valid rows ({count} rows will be left out)",
            rejected,
        ).format(count=rejected),
        key="import.only_valid",
    )
    duplicates = "ask"
    if plan.report.rows_with(kind="duplicate"):
        duplicates = st.radio(
            _("Possible duplicates"),
            list(DUPLICATES),
            horizontal=True,
            key=follows_language("import.duplicates"),
            format_func={d: _(label) for d, label in DUPLICATES.items()}.__getitem__,
        )
    geocode = st.selectbox(
        _("Place rows without coordinates"),
        list(GEOCODERS),
        key=follows_language("import.geocode"),
        format_func={g: _(label) for g, label in GEOCODERS.items()}.__getitem__,
    )
    return only_valid, duplicates, geocode


def run(plan: ImportPlan) -> None:
    """Import all-or-nothing; options appear only when the report needs a decision."""
    only_valid, duplicates, geocode = _options(plan)
    if not st.button(_("Import"), type="primary", key="import.go"):
        return
    try:
        user = auth.require("import")
    except GeoError as err:
        errors.show_error(err)
        return
    running = st.empty()  # the cancel button and the progress bar, gone once it ends
    with running.container():
        st.button(_("Cancel the import (nothing will be saved)"), key="import.cancel")
        bar = st.progress(0.0, text=_("Starting…"))
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
        _OUTCOMES.setdefault(token, ImportCancelled(_(_STOPPED)))
    hooks.resume()  # a click stopped this run: the run it started shows the outcome
    running.empty()
    show_outcome()


def _summary(result) -> str:
    return _(
        "Imported {imported} organizations; skipped {skipped}; "
        "{waiting} wait in 'Needs a location'."
    ).format(
        imported=len(result.ids),
        skipped=len(result.skipped_rows),
        waiting=len(result.needs_location),
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
        with st.spinner(_("Stopping the import (nothing will be saved)…")):
            for _step in range(_WAIT_STEPS):
                if token in _OUTCOMES:
                    break
                time.sleep(_WAIT_S)
    outcome = _OUTCOMES.pop(token, ImportCancelled(_(_STOPPED)))
    st.session_state.pop(RUNNING, None)
    if isinstance(outcome, str):
        st.success(outcome)
    else:
        cancelled = isinstance(outcome, ImportCancelled)
        errors.show_error(outcome, level="info" if cancelled else "error")

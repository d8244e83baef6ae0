"""The data page's panels: the list of study areas and the three import forms."""

from __future__ import annotations

import tempfile
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo.census import ImportReport, import_census_api, import_census_download, import_generic
from geo.census.area_words import say_study_area, say_vintage
from geo.db.unit_of_work import record_event
from geo.errors import GeoError
from ui import auth, errors, resources, text
from ui.i18n import _, joined


def _audit(action: str, name: str, user: str, counts: dict[str, int] | None = None) -> None:
    """Study areas live in files; record who imported or deleted one in the change log."""
    with Session(resources.engine()) as session, session.begin():
        record_event(session, user, "study_area", name, action, counts or {})


def study_area_list() -> None:
    """Every study area with its vintage and sources; imported ones can be deleted."""
    infos = resources.store().list()
    st.dataframe(
        pd.DataFrame(
            [
                {  # headers in the reader's language (the folder name is what commands use)
                    _("Short name (folder)"): i.name,
                    _("Label shown in the app"): say_study_area(i.label, _),
                    _("Census vintage"): say_vintage(i.vintage, _),
                    _("Kind"): _("built-in, illustrative") if i.built_in else _("imported"),
                    _("Imported on"): i.created,
                    _("Sources"): joined(i.sources),
                    _("Time zone"): i.time_zone or _("from its state"),
                }
                for i in infos
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    imported = [i.name for i in infos if not i.built_in]
    if not imported:
        return
    c1, c2 = st.columns([3, 1])
    doomed = c1.selectbox(_("Delete an imported study area"), imported, key="data.delete_name")
    if c2.button(_("Delete"), key="data.delete"):
        try:
            user = auth.require("import")
            resources.store().delete(doomed)
        except GeoError as err:
            errors.show_error(err)
            return
        _audit("delete", doomed, user)
        resources.forget_area(doomed)
        st.success(text.literal(_("Deleted {name}.").format(name=doomed)))
    time_zone_form(imported)


def time_zone_form(imported: list[str]) -> None:
    """The time zone in which an imported study area's "open now" is told."""
    c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
    name = c1.selectbox(_("Study area"), imported, key="data.zone_area")
    zones = sorted(zoneinfo.available_timezones())
    current = resources.store().info(name).time_zone
    zone = c2.selectbox(
        _("Time zone for 'open now'"),
        zones,
        index=zones.index(current) if current in zones else zones.index("America/New_York"),
        key="data.zone",
        help=_("Without one, the time zone of the state most of its tracts are in."),
    )
    if c3.button(_("Set time zone"), key="data.zone_set"):
        try:
            user = auth.require("import")
            resources.store().set_time_zone(name, zone)
        except GeoError as err:
            errors.show_error(err)
            return
        _audit("time_zone", name, user)
        resources.forget_area(name)
        st.success(
            text.literal(
                _("{name}: opening hours are read in {zone}.").format(name=name, zone=zone)
            )
        )


def _save_uploads(files, folder: Path) -> list[Path]:
    paths = []
    for f in files or []:
        path = folder / Path(f.name).name
        path.write_bytes(f.getvalue())
        paths.append(path)
    return paths


def _run(action: Callable[..., ImportReport]) -> None:
    try:
        user = auth.require("import")
    except GeoError as err:
        errors.show_error(err)
        return
    bar = st.progress(0.0, text=_("Importing…"))
    try:
        report = action(
            progress=lambda done, total: bar.progress(
                done / total, text=_("Step {done} of {total}").format(done=done, total=total)
            )
        )
    except GeoError as err:
        bar.empty()
        errors.show_error(err)
        st.caption(_("Nothing was changed: the previous study area of that name is intact."))
        return
    except Exception as err:  # noqa: BLE001 - shown as a short message, logged
        bar.empty()
        errors.show_error(err)
        return
    _audit("import", report.name, user, report.counts())
    resources.forget_area(report.name)
    for line in report.messages():
        st.success(line) if line == report.messages()[0] else st.info(line)
    st.caption(_("Choose it in the sidebar's 'Study area' box."))


def _name_fields(prefix: str) -> tuple[str, str]:
    c1, c2 = st.columns(2)
    name = c1.text_input(_("Short name (folder)"), key=f"{prefix}.name", placeholder=_("e.g. nyc"))
    label = c2.text_input(
        _("Label shown in the app"), key=f"{prefix}.label", placeholder=_("e.g. New York City")
    )
    return name.strip(), label.strip() or name.strip()


def download_form() -> None:
    """data.census.gov downloads + tract boundaries (+ IMLS outlets)."""
    with st.form("data.download"):
        name, label = _name_fields("data.download")
        acs, tracts, imls, counties = _download_inputs()
        submitted = st.form_submit_button(_("Import"))
    if not submitted:
        return
    if not (acs and tracts):
        st.error(_("Upload at least one ACS -Data.csv file and a tract boundary file."))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        acs_paths = _save_uploads(acs, folder)
        tract_path = _save_uploads([tracts], folder)[0]
        imls_path = _save_uploads([imls], folder)[0] if imls else None
        _run(
            lambda progress: import_census_download(
                resources.store(),
                name,
                tracts_path=tract_path,
                acs_paths=acs_paths,
                label=label,
                counties=[c.strip() for c in counties.split(",") if c.strip()],
                branches_imls=imls_path,
                progress=progress,
            )
        )


def _download_inputs() -> tuple[Any, Any, Any, str]:
    """The download form's files: ACS tables, tract boundaries, IMLS outlets; counties."""
    acs = st.file_uploader(
        _("ACS tables: the -Data.csv files and their -Column-Metadata.csv"),
        type="csv",
        accept_multiple_files=True,
        key="data.download.acs",
    )
    tracts = st.file_uploader(
        _("Tract boundaries (zipped shapefile, GeoJSON, GeoPackage)"),
        type=["zip", "geojson", "json", "gpkg"],
        key="data.download.tracts",
    )
    imls = st.file_uploader(
        _("Optional: IMLS library outlet file (branches)"), type="csv", key="data.download.imls"
    )
    counties = st.text_input(
        _("Counties (5-digit FIPS, comma-separated; default: those in the tables)"),
        key="data.download.counties",
    )
    return acs, tracts, imls, counties


def api_form() -> None:
    """Census Data API (cached on disk) + boundaries (uploaded or downloaded)."""
    with st.form("data.api"):
        name, label = _name_fields("data.api")
        c1, c2, c3 = st.columns(3)
        year = c1.number_input(_("ACS 5-year, last year"), 2013, 2030, 2023, key="data.api.year")
        state = c2.text_input(_("State FIPS"), "36", key="data.api.state")
        counties = c3.text_input(_("County FIPS"), "005,047", key="data.api.counties")
        tables = st.text_input(
            _("Tables"),
            "B01003,B05006,B05005,B05001,C16001,C16002,B06009,B06012",
            key="data.api.tables",
        )
        key = st.text_input(
            _("API key (optional; default CENSUS_API_KEY)"), type="password", key="data.api.key"
        )
        tracts = st.file_uploader(
            _("Tract boundaries (optional: otherwise downloaded)"),
            type=["zip", "geojson", "json", "gpkg"],
            key="data.api.tracts",
        )
        submitted = st.form_submit_button(_("Fetch and import"))
    if not submitted:
        return
    split = lambda text: [c.strip() for c in text.split(",") if c.strip()]  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        tract_path = _save_uploads([tracts], Path(tmp))[0] if tracts else None
        _run(
            lambda progress: import_census_api(
                resources.store(),
                name,
                year=int(year),
                state=state.strip(),
                counties=split(counties),
                tables=split(tables),
                key=key or resources.settings().census_api_key or None,
                tracts_path=tract_path,
                cache_dir=resources.census_cache_dir(),
                label=label,
                progress=progress,
            )
        )


def generic_form() -> None:
    """Any polygon layer + any CSV of counts keyed by area id (outside the U.S.)."""
    with st.form("data.generic"):
        name, label = _name_fields("data.generic")
        got = _generic_inputs()
        submitted = st.form_submit_button(_("Import"))
    if not submitted:
        return
    needed = ("polygons", "counts", "id_column", "key_column", "source")
    if not all(got[k] for k in needed):
        st.error(_("Upload both files and fill in the id columns and the source."))
        return
    with tempfile.TemporaryDirectory() as tmp:
        poly_path, counts_path = _save_uploads([got["polygons"], got["counts"]], Path(tmp))
        _run(
            lambda progress: import_generic(
                resources.store(),
                name,
                polygons_path=poly_path,
                id_column=got["id_column"],
                name_column=got["name_column"] or None,
                counts_path=counts_path,
                key_column=got["key_column"],
                universe_column=got["universe"] or None,
                vintage=got["source"],
                label=label,
                progress=progress,
            )
        )


def _generic_inputs() -> dict[str, Any]:
    """The generic form's two files, their id columns, the total column and the source."""
    got: dict[str, Any] = {}
    got["polygons"] = st.file_uploader(
        _("Polygons (zipped shapefile, GeoJSON, GeoPackage)"),
        type=["zip", "geojson", "json", "gpkg"],
        key="data.generic.polygons",
    )
    c1, c2 = st.columns(2)
    got["id_column"] = c1.text_input(_("Area id column in the polygons"), key="data.generic.id")
    got["name_column"] = c2.text_input(_("Name column (optional)"), key="data.generic.name_col")
    got["counts"] = st.file_uploader(
        _("Counts CSV (columns = variables; '<var>_moe' = its MOE)"),
        type="csv",
        key="data.generic.counts",
    )
    c3, c4 = st.columns(2)
    got["key_column"] = c3.text_input(_("Area id column in the CSV"), key="data.generic.key")
    got["universe"] = c4.text_input(_("Total column (optional)"), key="data.generic.universe")
    got["source"] = st.text_input(
        _("Source and year (printed on figures)"),
        placeholder="Statistics Canada, 2021 Census",
        key="data.generic.source",
    )
    return got

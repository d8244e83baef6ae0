"""The assets page's panels: directory, one asset (edit, archive, history), add, stale."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from geo.db import (
    add_asset,
    archive_asset,
    get_asset,
    get_history,
    list_assets,
    list_stale_assets,
    restore_asset,
    update_asset,
)
from geo.db import forms as af
from geo.db.sites import directory_hours, site_hours_table
from geo.errors import DuplicateAsset, EditConflict, GeoError, ValidationError
from geo.filters import Filters
from geo.hours import study_area_zone, zone
from geo.vocab import ENTRY_TECHNIQUES, SERVICE_CATEGORIES
from ui import auth, errors, resources, text

OPENED = "assets.opened"  # the Asset as it was when the user opened it
CONFLICT = "assets.conflict"  # the EditConflict of a refused save, until reloaded


def edit_note() -> None:
    """Tell a viewer that saving will be refused (the handlers check the role themselves)."""
    if not auth.can("edit_assets"):
        st.caption("You can read the directory; saving changes needs an editor account.")


def time_zone() -> str:
    """The chosen study area's time zone, for "open now"."""
    area = resources.current_area()
    return study_area_zone(area.tracts.index, declared=area.time_zone)


def _now_caption(tz: str) -> str:
    now = datetime.now(UTC).astimezone(zone(tz))
    return f"“Now” is {now:%a %H:%M} in {tz}, the study area's time zone."


def directory(filters: Filters) -> pd.DataFrame:
    """Search, sort and filter the shared directory; returns what is listed."""
    c1, c2, c3 = st.columns([3, 2, 1])
    search = c1.text_input("Search names, descriptions, addresses", key="assets.search")
    sort = c2.selectbox(
        "Sort by",
        ["name", "-last_verified_on", "last_verified_on", "-updated_at"],
        key="assets.sort",
        format_func={
            "name": "Name",
            "-last_verified_on": "Recently verified",
            "last_verified_on": "Longest unverified",
            "-updated_at": "Recently changed",
        }.__getitem__,
    )
    archived = c3.checkbox("Show archived", key="assets.archived")
    with Session(resources.engine()) as session:
        assets = list_assets(
            session,
            categories=filters.categories or None,
            languages=filters.languages or None,
            communities=filters.countries or None,
            search=search or None,
            include_archived=archived,
            sort=sort,
        )
        tz = time_zone()
        hours, now = directory_hours(
            session, list(assets["organization_id"]), now=datetime.now(UTC), tz=tz
        )
    st.caption(
        f"{len(assets)} organizations match the sidebar filters and search. Hours are the "
        f"main site's. {_now_caption(tz)}"
    )
    st.dataframe(
        af.directory_table(assets, hours, now), hide_index=True, width="stretch", height=300
    )
    return assets


def open_picker(assets: pd.DataFrame) -> None:
    """Choose an asset to open; remember it as it is now (the version being edited)."""
    labels = dict(zip(assets["organization_id"], assets["name"], strict=True))
    chosen = st.selectbox(
        "Open an organization",
        [None, *labels],
        key="assets.pick",
        format_func=lambda i: "—" if i is None else f"{labels[i]} ({i})",
    )
    if chosen and chosen != st.session_state.get("assets.pick_last"):
        with Session(resources.engine()) as session:
            st.session_state[OPENED] = get_asset(session, chosen)
        st.session_state.pop(CONFLICT, None)
    st.session_state["assets.pick_last"] = chosen


def asset_panel() -> None:
    """The opened asset: edit form, archive/restore, conflicts and history."""
    asset = st.session_state.get(OPENED)
    if asset is None:
        return
    st.subheader(text.literal(asset.name))
    if flash := st.session_state.pop("assets.flash", None):
        st.success(flash)
    st.caption(
        text.literal(
            f"Id {asset.id} · version {asset.version} · {asset.status} · "
            f"last changed by {asset.updated_by or '—'}"
        )
    )
    _sites_panel(asset)
    edit_note()
    submitted, form = _asset_form(
        f"assets.edit.{asset.id}.{asset.version}", af.form_values(asset), "Save changes"
    )
    if submitted:
        _save(asset, af.changed_fields(asset, form))
    b1, b2 = st.columns(2)
    if asset.status == "active" and b1.button("Archive (can be restored)", key="assets.archive"):
        _write(
            lambda s, user: archive_asset(s, asset.id, user=user, expected_version=asset.version),
            "Archived. It is hidden from the map; restore it any time.",
        )
    if asset.status == "archived" and b2.button("Restore", key="assets.restore"):
        _write(
            lambda s, user: restore_asset(s, asset.id, user=user, expected_version=asset.version),
            "Restored.",
        )
    _conflict_panel()
    with st.expander("History of changes"), Session(resources.engine()) as session:
        st.dataframe(af.history_table(get_history(session, asset.id)), hide_index=True)


def _sites_panel(asset) -> None:
    """Where the organization works and when each place is open, open or closed now."""
    tz = time_zone()
    table = site_hours_table(asset, now=datetime.now(UTC), tz=tz)
    if table.empty:
        st.caption("No site and no opening hours recorded yet.")
        return
    st.markdown(f"**Sites and opening hours** ({len(asset.sites)} sites)")
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(_now_caption(tz))
    if asset.contacts:  # this page is staff-only; contacts never reach the public view
        st.markdown("**Contacts** (staff only)")
        people = pd.DataFrame([vars(c) for c in asset.contacts])
        st.dataframe(
            people.rename(columns=str.capitalize).fillna(""), hide_index=True, width="stretch"
        )


def _conflict_panel() -> None:
    """A refused save stays on screen with what changed until the user reloads."""
    if CONFLICT not in st.session_state:
        return
    errors.show_error(st.session_state[CONFLICT], field_labels=af.FIELD_LABELS)
    if st.button("Load their version (then make your edits again)", key="assets.reload"):
        with Session(resources.engine()) as session:
            st.session_state[OPENED] = get_asset(session, st.session_state[OPENED].id)
        st.session_state.pop(CONFLICT)
        st.rerun()


def _save(asset, changes: dict) -> None:
    if not changes:
        st.info("Nothing changed.")
        return
    _write(
        lambda s, user: update_asset(
            s, asset.id, changes, expected_version=asset.version, user=user
        ),
        "Saved.",
    )


def _write(action, success: str) -> None:
    """Check the role on the server, then write as the signed-in account."""
    try:
        user = auth.require("edit_assets")
        with Session(resources.engine()) as session, session.begin():
            saved = action(session, user)
    except EditConflict as err:
        st.session_state[CONFLICT] = err
        return
    except ValidationError as err:
        errors.show_error(err, field_labels=af.FIELD_LABELS)
        return
    except GeoError as err:
        errors.show_error(err)
        return
    st.session_state[OPENED] = saved
    st.session_state.pop(CONFLICT, None)
    st.session_state["assets.flash"] = success
    st.rerun()  # so the directory and the map above show the change at once


def _asset_form(key: str, values: dict, submit_label: str) -> tuple[bool, dict]:
    with st.form(key):
        form = {
            f: st.text_input(af.FIELD_LABELS[f], value=values[f], key=f"{key}.{f}")
            for f in ("name", "alternate_name", "address", "phone", "website", "email")
        }
        form["description"] = st.text_area(
            "Description", value=values["description"], key=f"{key}.description"
        )
        form["categories"] = st.multiselect(
            "Services",
            list(SERVICE_CATEGORIES),
            default=values["categories"],
            format_func=SERVICE_CATEGORIES.__getitem__,
            key=f"{key}.categories",
        )
        form["languages"] = st.text_input(
            af.FIELD_LABELS["languages"],
            values["languages"],
            key=f"{key}.languages",
            help="ISO 639 codes, e.g. 'es; ar: interpreter on request'",
        )
        form["communities"] = st.text_input(
            af.FIELD_LABELS["communities"], values["communities"], key=f"{key}.communities"
        )
        c1, c2 = st.columns(2)
        form["lat"] = c1.number_input(
            "Latitude", value=values["lat"], format="%.6f", key=f"{key}.lat"
        )
        form["lon"] = c2.number_input(
            "Longitude", value=values["lon"], format="%.6f", key=f"{key}.lon"
        )
        techniques = [None, *ENTRY_TECHNIQUES]
        form["entry_technique"] = st.selectbox(
            af.FIELD_LABELS["entry_technique"],
            techniques,
            index=techniques.index(values["entry_technique"]),
            key=f"{key}.technique",
            format_func=lambda t: "—" if t is None else ENTRY_TECHNIQUES[t],
        )
        form["collected_by"] = c1.text_input(
            "Collected by", values["collected_by"], key=f"{key}.collected_by"
        )
        form["collected_on"] = c2.date_input(
            "Collected on", values["collected_on"], key=f"{key}.collected_on"
        )
        form["last_verified_on"] = c2.date_input(
            "Last verified on", values["last_verified_on"], key=f"{key}.verified"
        )
        return st.form_submit_button(submit_label), form


def add_panel() -> None:
    """Add an organization; possible duplicates are shown so the user decides."""
    edit_note()
    submitted, form = _asset_form("assets.add", af.form_values(None), "Add organization")
    if submitted:
        st.session_state["assets.pending"] = af.form_to_record(form)
    record = st.session_state.get("assets.pending")
    if record is None:
        return
    try:
        _add(record, allow_duplicate=False)
    except DuplicateAsset as err:
        errors.show_error(err, level="warning", field_labels=af.FIELD_LABELS)
        st.dataframe(pd.DataFrame([vars(d) for d in err.duplicates]), hide_index=True)
        if st.button("Add it anyway (it is a different organization)", key="assets.add_anyway"):
            _add(record, allow_duplicate=True)


def _add(record: dict, *, allow_duplicate: bool) -> None:
    try:
        user = auth.require("edit_assets")
    except GeoError as err:
        st.session_state.pop("assets.pending", None)
        errors.show_error(err)
        return
    try:
        with Session(resources.engine()) as session, session.begin():
            added = add_asset(session, record, user=user, allow_duplicate=allow_duplicate)
    except DuplicateAsset:
        raise
    except ValidationError as err:
        errors.show_error(err, field_labels=af.FIELD_LABELS)
        st.session_state.pop("assets.pending", None)
        return
    st.session_state.pop("assets.pending", None)
    st.session_state[OPENED] = added
    st.session_state["assets.flash"] = text.literal(
        f"Added {added.name} ({added.id}). It is on the map now."
    )
    st.rerun()


def stale_panel(months: int) -> None:
    """Records nobody has verified for ``months`` months: who should call them."""
    with Session(resources.engine()) as session:
        stale = list_stale_assets(session, months=months)
    st.caption(
        f"{len(stale)} organizations not verified in the last {months} months "
        "(set WELCOME_ATLAS_STALE_MONTHS to change)."
    )
    st.dataframe(af.directory_table(stale), hide_index=True, width="stretch")

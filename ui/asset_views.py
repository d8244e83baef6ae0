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
from geo.db.sites import directory_hours
from geo.errors import DuplicateAsset, EditConflict, GeoError, ValidationError
from geo.filters import Filters
from geo.hours import study_area_zone, zone
from geo.i18n import N_
from geo.weekdays import format_weekday_time
from ui import asset_tables as tables
from ui import auth, errors, resources, text
from ui.asset_form import asset_form, field_labels
from ui.i18n import _, current, follows_language, n_

OPENED = "assets.opened"  # the Asset as it was when the user opened it
CONFLICT = "assets.conflict"  # the EditConflict of a refused save, until reloaded
SORTS = {
    "name": N_("Name"),
    "-last_verified_on": N_("Recently verified"),
    "last_verified_on": N_("Longest unverified"),
    "-updated_at": N_("Recently changed"),
}


def edit_note() -> None:
    """Tell a viewer that saving will be refused (the handlers check the role themselves)."""
    if not auth.can("edit_assets"):
        st.caption(_("You can read the directory; saving changes needs an editor account."))


def time_zone() -> str:
    """The chosen study area's time zone, for "open now"."""
    area = resources.current_area()
    return study_area_zone(area.tracts.index, declared=area.time_zone)


def _now_caption(tz: str) -> str:
    now = datetime.now(UTC).astimezone(zone(tz))
    return _("“Now” is {time} in {zone}, the study area's time zone.").format(
        time=format_weekday_time(now, current()), zone=tz
    )


def _count_caption(count: int, tz: str) -> str:
    matches = n_(
        "{count} organization matches the sidebar filters and search.",
        "{count} organizations match the sidebar filters and search.",
        count,
    ).format(count=count)
    hours = _("Hours are the main site's.")
    return f"{matches} {hours} {_now_caption(tz)}"


def directory(filters: Filters) -> pd.DataFrame:
    """Search, sort and filter the shared directory; returns what is listed."""
    c1, c2, c3 = st.columns([3, 2, 1])
    search = c1.text_input(_("Search names, descriptions, addresses"), key="assets.search")
    sort = c2.selectbox(
        _("Sort by"),
        ["name", "-last_verified_on", "last_verified_on", "-updated_at"],
        key=follows_language("assets.sort"),
        format_func={s: _(label) for s, label in SORTS.items()}.__getitem__,
    )
    archived = c3.checkbox(_("Show archived"), key="assets.archived")
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
    st.caption(_count_caption(len(assets), tz))
    st.dataframe(
        tables.directory(assets, hours, now),
        hide_index=True,
        width="stretch",
        height=300,
    )
    return assets


def open_picker(assets: pd.DataFrame) -> None:
    """Choose an asset to open; remember it as it is now (the version being edited)."""
    labels = dict(zip(assets["organization_id"], assets["name"], strict=True))
    chosen = st.selectbox(
        _("Open an organization"),
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
    _heading(asset)
    _sites_panel(asset)
    edit_note()
    submitted, form = asset_form(
        f"assets.edit.{asset.id}.{asset.version}", af.form_values(asset), _("Save changes")
    )
    if submitted:
        _save(asset, af.changed_fields(asset, form))
    b1, b2 = st.columns(2)
    if asset.status == "active" and b1.button(_("Archive (can be restored)"), key="assets.archive"):
        _write(
            lambda s, user: archive_asset(s, asset.id, user=user, expected_version=asset.version),
            _("Archived. It is hidden from the map; restore it any time."),
        )
    if asset.status == "archived" and b2.button(_("Restore"), key="assets.restore"):
        _write(
            lambda s, user: restore_asset(s, asset.id, user=user, expected_version=asset.version),
            _("Restored."),
        )
    _conflict_panel()
    with st.expander(_("History of changes")), Session(resources.engine()) as session:
        history = af.history_table(get_history(session, asset.id), translate=_)
        st.dataframe(tables.headings(history), hide_index=True)


def _heading(asset) -> None:
    """The opened record's name, what was just done to it, its version and its languages."""
    st.subheader(text.literal(asset.name))
    if flash := st.session_state.pop("assets.flash", None):
        st.success(flash)
    st.caption(text.literal(tables.record_line(asset)))
    if asset.languages:
        spoken = text.literal(tables.spoken(asset))  # notes are data: shown as typed
        st.caption(_("Languages: {languages}").format(languages=spoken))


def _sites_panel(asset) -> None:
    """Where the organization works and when each place is open, open or closed now."""
    tz = time_zone()
    table = tables.sites(asset, tz)
    if table.empty:
        st.caption(_("No site and no opening hours recorded yet."))
        return
    st.markdown(
        n_(
            "**Sites and opening hours** ({count} site)",
            "**Sites and opening hours** ({count} sites)",
            len(asset.sites),
        ).format(count=len(asset.sites))
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(_now_caption(tz))
    if asset.contacts:  # this page is staff-only; contacts never reach the public view
        st.markdown(_("**Contacts** (staff only)"))
        st.dataframe(tables.contacts(asset), hide_index=True, width="stretch")


def _conflict_panel() -> None:
    """A refused save stays on screen with what changed until the user reloads."""
    if CONFLICT not in st.session_state:
        return
    errors.show_error(st.session_state[CONFLICT], field_labels=field_labels())
    if st.button(_("Load their version (then make your edits again)"), key="assets.reload"):
        with Session(resources.engine()) as session:
            st.session_state[OPENED] = get_asset(session, st.session_state[OPENED].id)
        st.session_state.pop(CONFLICT)
        st.rerun()


def _save(asset, changes: dict) -> None:
    if not changes:
        st.info(_("Nothing changed."))
        return
    _write(
        lambda s, user: update_asset(
            s, asset.id, changes, expected_version=asset.version, user=user
        ),
        _("Saved."),
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
        errors.show_error(err, field_labels=field_labels())
        return
    except GeoError as err:
        errors.show_error(err)
        return
    st.session_state[OPENED] = saved
    st.session_state.pop(CONFLICT, None)
    st.session_state["assets.flash"] = success
    st.rerun()  # so the directory and the map above show the change at once


ADDED = "assets.added"  # the confirmation of the last add, shown once on the Add tab


def add_panel() -> None:
    """Add an organization; possible duplicates are shown so the user decides.

    The confirmation is said on the tab the user is on (the opened record's own messages
    live on the Directory tab, hidden while this one is chosen): at its top, and in a toast
    seen wherever the page is scrolled (the button is at the bottom of a long form)."""
    if added := st.session_state.pop(ADDED, None):
        where = text.literal(_("It is open on the Directory tab, where you can edit it."))
        st.success(f"{added} {where}")
        st.toast(added, icon=":material/check_circle:", duration="long")
    edit_note()
    submitted, form = asset_form("assets.add", af.form_values(None), _("Add organization"))
    if submitted:
        st.session_state["assets.pending"] = af.form_to_record(form)
    record = st.session_state.get("assets.pending")
    if record is None:
        return
    try:
        _add(record, allow_duplicate=False)
    except DuplicateAsset as err:
        errors.show_error(err, level="warning", field_labels=field_labels())
        st.dataframe(pd.DataFrame([vars(d) for d in err.duplicates]), hide_index=True)
        if st.button(_("Add it anyway (it is a different organization)"), key="assets.add_anyway"):
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
        errors.show_error(err, field_labels=field_labels())
        st.session_state.pop("assets.pending", None)
        return
    st.session_state.pop("assets.pending", None)
    st.session_state[OPENED] = added
    st.session_state[ADDED] = text.literal(
        _("Added {name} ({id}). It is on the map now.").format(name=added.name, id=added.id)
    )
    st.rerun()


def stale_panel(months: int) -> None:
    """Records nobody has verified for ``months`` months: who should call them."""
    with Session(resources.engine()) as session:
        stale = list_stale_assets(session, months=months)
    st.caption(
        n_(
            "{count} organizations not verified in the last {months} month",
            "{count} organizations not verified in the last {months} months",
            months,
        ).format(count=len(stale), months=months)
        + " "
        + _("(set {variable} to change).").format(variable="WELCOME_ATLAS_STALE_MONTHS")
    )
    st.dataframe(tables.directory(stale), hide_index=True, width="stretch")

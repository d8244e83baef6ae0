"""After the walk: per stop visited / met / learned, and places found on the way."""

from __future__ import annotations

import streamlit as st

from geo.db.walk_reports import add_found_place, record_walk_report
from geo.db.walkabouts import (
    WALK_STATUSES,
    archive_walkabout,
    get_walkabout,
    list_walkabouts,
    restore_walkabout,
)
from geo.vocab import SERVICE_CATEGORIES
from ui import fieldwork_common, text
from ui.i18n import HELD, _, follows_language

FLASH = "walk_report.flash"
CHOSEN = "walk_report.chosen"  # the walk shown (also set when the planner saves a walk)


def _pick_walk():
    archived = st.checkbox(_("Show archived walks"), key="walk_report.archived")
    walks = fieldwork_common.read(lambda s: list_walkabouts(s, include_archived=archived))
    if walks.empty:
        st.info(_("No saved walks yet. Plan one and press 'Save this walk'."))
        return None
    # Labels that a save does not change (the status is in the caption below): Streamlit
    # keeps a picker's choice by its label, and a changed label fell back to the first walk.
    labels = {r.id: _walk_label(r) for r in walks.itertuples()}
    ids = list(labels)
    remembered = st.session_state.get(CHOSEN)
    chosen = st.selectbox(
        _("Walk"),
        ids,
        index=ids.index(remembered) if remembered in ids else 0,
        format_func=labels.__getitem__,
        key=follows_language("walk_report.walk"),
    )
    st.session_state[CHOSEN] = chosen
    return fieldwork_common.read(lambda s: get_walkabout(s, chosen))


def _walk_label(row) -> str:
    """'Title · 2026-12-07': the title as saved, 'no date' and 'archived' in words."""
    label = f"{row.title} · {row.planned_on or _('no date')}"
    return label + (" · " + _("archived") if row.archived else "")


def report_panel() -> None:
    """Choose a saved walk, record what happened at each stop, add places found."""
    fieldwork_common.flash(FLASH)
    walk = _pick_walk()
    if walk is None:
        return
    st.caption(
        _("{status} · version {version} · last saved by {who}. Questions: {questions}").format(
            status=_(WALK_STATUSES.get(walk.status, walk.status)),
            version=walk.version,
            who=text.literal(walk.updated_by or "—"),
            questions=text.literal("; ".join(walk.questions)) or _("none"),
        )
    )
    _report_form(walk)
    _found_place_form(walk)
    label, action = (
        (_("Restore this walk"), restore_walkabout)
        if walk.archived
        else (_("Archive this walk"), archive_walkabout)
    )
    if st.button(label, key="walk_report.archive"):
        fieldwork_common.write(
            lambda s, user: action(s, walk.id, user=user, expected_version=walk.version),
            flash_key=FLASH,
            success=_("Done. It can be undone here."),
        )


def _report_form(walk) -> None:
    """Per stop: visited, who we met, what we learned; one save for the whole walk."""
    key = f"walk_report.form.{walk.id}.{walk.version}"
    with st.form(key):
        reports = [_stop_report(stop, key) for stop in walk.stops]
        if st.form_submit_button(_("Save the walk report")):
            fieldwork_common.write(
                lambda s, user: record_walk_report(
                    s, walk.id, reports, expected_version=walk.version, user=user
                ),
                flash_key=FLASH,
                success=_("Walk report saved."),
            )


def _stop_report(stop, key: str) -> dict:
    """One stop's line of the report form."""
    heading = f"**{stop.position}. {text.literal(stop.label)}**"
    if stop.kind == "found":
        heading += " " + _("(found on this walk)")
    st.markdown(heading)
    c1, c2, c3 = st.columns([1, 2, 3])
    at = f"{key}.{{}}{stop.position}"
    return {
        "position": stop.position,
        "visited": c1.checkbox(_("Visited"), bool(stop.visited), key=at.format("v")),
        "met": c2.text_input(_("Who we met"), stop.met or "", key=at.format("m")),
        "learned": c3.text_area(
            _("What we learned"), stop.learned or "", height=68, key=at.format("l")
        ),
    }


def _found_place_form(walk) -> None:
    key = f"walk_report.found.{walk.id}.{walk.version}"
    # held boxes, not st.form: a language switch keeps and rewords them (ui.i18n.HELD)
    with st.expander(_("Add a place we found on the way")):
        record = _found_place_fields(key)
        anyway = st.checkbox(
            _("Save even if it looks like an organization already listed"),
            key=f"{key}.anyway",
            on_change=HELD,
        )
        if st.button(_("Add to the shared directory"), key=f"{key}.submit"):
            fieldwork_common.write(
                lambda s, user: add_found_place(
                    s,
                    walk.id,
                    record,
                    expected_version=walk.version,
                    user=user,
                    allow_duplicate=anyway,
                ),
                flash_key=FLASH,
                success=_(
                    "Added '{name}' to the shared directory (technique: walkabout). "
                    "It is on everyone's map now."
                ).format(name=text.literal(record["name"])),
            )


def _found_place_fields(key: str) -> dict:
    """The found place's name, services, languages, address, position and description."""
    name = st.text_input(_("Name"), key=f"{key}.name", on_change=HELD)
    services = {k: _(label) for k, label in SERVICE_CATEGORIES.items()}
    categories = st.multiselect(
        _("Services"),
        list(services),
        format_func=services.__getitem__,
        key=follows_language(f"{key}.cat"),
        placeholder=_("Choose options"),
        on_change=HELD,
    )
    languages = st.text_input(
        _("Languages (ISO codes, e.g. 'ne; en')"), key=f"{key}.lang", on_change=HELD
    )
    address = st.text_input(_("Address"), key=f"{key}.address", on_change=HELD)
    c1, c2 = st.columns(2)
    lat = c1.number_input(
        _("Latitude"), value=None, format="%.6f", key=f"{key}.lat", on_change=HELD
    )
    lon = c2.number_input(
        _("Longitude"), value=None, format="%.6f", key=f"{key}.lon", on_change=HELD
    )
    description = st.text_area(
        _("What it is, who runs it"), key=f"{key}.description", on_change=HELD
    )
    return {
        "name": name,
        "category": list(categories),
        "languages": languages,
        "address": address,
        "lat": lat,
        "lon": lon,
        "description": description,
    }

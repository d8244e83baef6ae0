"""After the walk: per stop visited / met / learned, and places found on the way."""

from __future__ import annotations

import streamlit as st

from geo.db.walkabouts import (
    WALK_STATUSES,
    add_found_place,
    archive_walkabout,
    get_walkabout,
    list_walkabouts,
    record_walk_report,
    restore_walkabout,
)
from geo.vocab import SERVICE_CATEGORIES
from ui import fieldwork_common

FLASH = "walk_report.flash"
CHOSEN = "walk_report.chosen"  # the walk shown (also set when the planner saves a walk)


def _pick_walk():
    archived = st.checkbox("Show archived walks", key="walk_report.archived")
    walks = fieldwork_common.read(lambda s: list_walkabouts(s, include_archived=archived))
    if walks.empty:
        st.info("No saved walks yet. Plan one and press 'Save this walk'.")
        return None
    # Labels that a save does not change (the status is in the caption below): Streamlit
    # keeps a picker's choice by its label, and a changed label fell back to the first walk.
    labels = {
        r.id: f"{r.title} · {r.planned_on or 'no date'}{' · archived' if r.archived else ''}"
        for r in walks.itertuples()
    }
    ids = list(labels)
    remembered = st.session_state.get(CHOSEN)
    chosen = st.selectbox(
        "Walk",
        ids,
        index=ids.index(remembered) if remembered in ids else 0,
        format_func=labels.__getitem__,
        key="walk_report.walk",
    )
    st.session_state[CHOSEN] = chosen
    return fieldwork_common.read(lambda s: get_walkabout(s, chosen))


def report_panel() -> None:
    """Choose a saved walk, record what happened at each stop, add places found."""
    fieldwork_common.flash(FLASH)
    walk = _pick_walk()
    if walk is None:
        return
    st.caption(
        f"{WALK_STATUSES.get(walk.status, walk.status)} · version {walk.version} · last "
        f"saved by {walk.updated_by or '—'}. Questions: " + ("; ".join(walk.questions) or "none")
    )
    key = f"walk_report.form.{walk.id}.{walk.version}"
    with st.form(key):
        reports = []
        for stop in walk.stops:
            st.markdown(
                f"**{stop.position}. {stop.label}**"
                + (" (found on this walk)" if stop.kind == "found" else "")
            )
            c1, c2, c3 = st.columns([1, 2, 3])
            reports.append(
                {
                    "position": stop.position,
                    "visited": c1.checkbox(
                        "Visited", bool(stop.visited), key=f"{key}.v{stop.position}"
                    ),
                    "met": c2.text_input(
                        "Who we met", stop.met or "", key=f"{key}.m{stop.position}"
                    ),
                    "learned": c3.text_area(
                        "What we learned",
                        stop.learned or "",
                        height=68,
                        key=f"{key}.l{stop.position}",
                    ),
                }
            )
        if st.form_submit_button("Save the walk report"):
            fieldwork_common.write(
                lambda s, user: record_walk_report(
                    s, walk.id, reports, expected_version=walk.version, user=user
                ),
                flash_key=FLASH,
                success="Walk report saved.",
            )
    _found_place_form(walk)
    label, action = (
        ("Restore this walk", restore_walkabout)
        if walk.archived
        else ("Archive this walk", archive_walkabout)
    )
    if st.button(label, key="walk_report.archive"):
        fieldwork_common.write(
            lambda s, user: action(s, walk.id, user=user, expected_version=walk.version),
            flash_key=FLASH,
            success="Done. It can be undone here.",
        )


def _found_place_form(walk) -> None:
    key = f"walk_report.found.{walk.id}.{walk.version}"
    with st.expander("Add a place we found on the way"), st.form(key):
        name = st.text_input("Name", key=f"{key}.name")
        categories = st.multiselect(
            "Services",
            list(SERVICE_CATEGORIES),
            format_func=SERVICE_CATEGORIES.__getitem__,
            key=f"{key}.cat",
        )
        languages = st.text_input("Languages (ISO codes, e.g. 'ne; en')", key=f"{key}.lang")
        address = st.text_input("Address", key=f"{key}.address")
        c1, c2 = st.columns(2)
        lat = c1.number_input("Latitude", value=None, format="%.6f", key=f"{key}.lat")
        lon = c2.number_input("Longitude", value=None, format="%.6f", key=f"{key}.lon")
        description = st.text_area("What it is, who runs it", key=f"{key}.description")
        anyway = st.checkbox(
            "Save even if it looks like an organization already listed", key=f"{key}.anyway"
        )
        if st.form_submit_button("Add to the shared directory"):
            record = {
                "name": name,
                "category": list(categories),
                "languages": languages,
                "address": address,
                "lat": lat,
                "lon": lon,
                "description": description,
            }
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
                success=f"Added '{name}' to the shared directory (technique: walkabout). "
                "It is on everyone's map now.",
            )

"""What the assets page shows and saves, as plain data (no Streamlit here).

A form holds text the user edits; :func:`changed_fields` turns it back into only the
fields that differ from the record as it was opened, so a save never rewrites what the
user did not touch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import cast

import pandas as pd

from geo.db.models import Asset, Change
from geo.i18n import N_, format_list
from geo.vocab import ENTRY_TECHNIQUES, SERVICE_CATEGORIES

TEXT_INPUTS = (
    "name",
    "alternate_name",
    "description",
    "address",
    "phone",
    "website",
    "email",
    "collected_by",
)
FIELD_LABELS = {
    "name": N_("Name"),
    "alternate_name": N_("Other name"),
    "description": N_("Description"),
    "address": N_("Address"),
    "phone": N_("Phone"),
    "website": N_("Website"),
    "email": N_("Email"),
    "collected_by": N_("Collected by"),
    "collected_on": N_("Collected on"),
    "last_verified_on": N_("Last verified on"),
    "entry_technique": N_("How we learned of it"),
    "categories": N_("Services"),
    "languages": N_("Languages (code: note; ...)"),
    "communities": N_("Communities served (; separated)"),
    "contacts": N_("Contacts (staff only)"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "status": N_("Status"),
}


def form_values(asset: Asset | None) -> dict[str, object]:
    """Initial form values for an asset (or an empty form for a new one)."""
    if asset is None:
        return {f: "" for f in TEXT_INPUTS} | {
            "categories": [],
            "languages": "",
            "communities": "",
            "lat": None,
            "lon": None,
            "entry_technique": None,
            "collected_on": date.today(),
            "last_verified_on": None,
        }
    return {f: getattr(asset, f) or "" for f in TEXT_INPUTS} | {
        "categories": list(asset.categories),
        "languages": "; ".join(str(lang) for lang in asset.languages),
        "communities": "; ".join(asset.communities),
        "lat": asset.lat,
        "lon": asset.lon,
        "entry_technique": asset.entry_technique,
        "collected_on": asset.collected_on,
        "last_verified_on": asset.last_verified_on,
    }


def _split(text: object) -> list[str]:
    return [p.strip() for p in str(text or "").split(";") if p.strip()]


def form_to_record(form: Mapping[str, object]) -> dict[str, object]:
    """A submitted form as a record for ``add_asset``/``update_asset`` (empty text is None)."""
    record: dict[str, object] = {f: (str(form[f]).strip() or None) for f in TEXT_INPUTS}
    record.update(
        categories=list(cast(Iterable[str], form["categories"] or [])),
        languages=_split(form["languages"]),
        communities=_split(form["communities"]),
        lat=form["lat"],
        lon=form["lon"],
        entry_technique=form["entry_technique"],
        collected_on=form["collected_on"],
        last_verified_on=form["last_verified_on"],
    )
    return record


def changed_fields(opened: Asset, form: Mapping[str, object]) -> dict[str, object]:
    """Only the fields the user changed since opening the record."""
    before, after = form_to_record(form_values(opened)), form_to_record(form)
    return {f: v for f, v in after.items() if v != before[f]}


# What a change did, as the history table says it (the log stores the action's code).
ACTION_WORDS = {
    "create": N_("created"),
    "update": N_("changed"),
    "archive": N_("deleted"),
    "restore": N_("restored"),
}


def history_table(
    changes: Sequence[Change], translate: Callable[[str], str] | None = None
) -> pd.DataFrame:
    """The change log of one asset, newest first.

    With ``translate``, the action and the field are said in the reader's words; without it
    the action stays the log's code (a story's history says it later). Values and people
    stay as stored.
    """
    say = translate or str
    rows = [
        {
            "When": c.changed_at,
            "Who": c.changed_by,
            "What": say(ACTION_WORDS[c.action])
            if translate and c.action in ACTION_WORDS
            else c.action,
            "Field": say(FIELD_LABELS[c.field]) if c.field in FIELD_LABELS else c.field or "",
            "Old value": c.old_value,
            "New value": c.new_value,
        }
        for c in changes
    ]
    columns = [N_("When"), N_("Who"), N_("What"), N_("Field"), N_("Old value"), N_("New value")]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("When", ascending=False, kind="stable").reset_index(drop=True)


def directory_table(
    assets: pd.DataFrame,
    hours: Mapping[str, str] | None = None,
    open_now: Mapping[str, str] | None = None,
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> pd.DataFrame:
    """The directory listing with labels users read.

    ``hours`` (organization id -> text such as ``Mo-Fr 09:00-17:00``) and ``open_now``
    (id -> 'open now' / 'closed now' / 'hours not known') add the "Hours" and "Now" columns.
    ``translate`` writes the service and entry-technique labels in the reader's language,
    ``locale`` lists an organization's services as that language lists them.
    """
    table = pd.DataFrame(
        {
            N_("Name"): assets["name"],
            N_("Services"): assets["category"].map(
                lambda c: format_list(
                    (
                        translate(SERVICE_CATEGORIES[k]) if k in SERVICE_CATEGORIES else k
                        for k in _split(c)
                    ),
                    locale,
                )
            ),
            N_("Languages"): assets["languages"].fillna(""),
            N_("Communities"): assets["communities"].fillna(""),
            N_("Address"): assets["address"].fillna(""),
            N_("Learned by"): assets["entry_technique"].map(
                lambda t: translate(ENTRY_TECHNIQUES[t]) if t in ENTRY_TECHNIQUES else t or ""
            ),
            N_("Last verified"): assets["last_verified_on"],
            N_("Status"): assets["status"],
            N_("Id"): assets["organization_id"],
        }
    )
    if hours is not None:
        table.insert(1, N_("Hours"), assets["organization_id"].map(lambda i: hours.get(i, "")))
    if open_now is not None:
        table.insert(2, N_("Now"), assets["organization_id"].map(lambda i: open_now.get(i, "")))
    return table

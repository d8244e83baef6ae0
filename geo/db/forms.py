"""What the assets page shows and saves, as plain data (no Streamlit here).

A form holds text the user edits; :func:`changed_fields` turns it back into only the
fields that differ from the record as it was opened, so a save never rewrites what the
user did not touch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import cast

import pandas as pd

from geo.db.models import Asset, Change
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
    "name": "Name",
    "alternate_name": "Other name",
    "description": "Description",
    "address": "Address",
    "phone": "Phone",
    "website": "Website",
    "email": "Email",
    "collected_by": "Collected by",
    "collected_on": "Collected on",
    "last_verified_on": "Last verified on",
    "entry_technique": "How we learned of it",
    "categories": "Services",
    "languages": "Languages (code: note; ...)",
    "communities": "Communities served (; separated)",
    "contacts": "Contacts (staff only)",
    "lat": "Latitude",
    "lon": "Longitude",
    "status": "Status",
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


def history_table(changes: Sequence[Change]) -> pd.DataFrame:
    """The change log of one asset, newest first."""
    rows = [
        {
            "When": c.changed_at,
            "Who": c.changed_by,
            "What": c.action,
            "Field": FIELD_LABELS.get(c.field or "", c.field or ""),
            "Old value": c.old_value,
            "New value": c.new_value,
        }
        for c in changes
    ]
    frame = pd.DataFrame(rows, columns=["When", "Who", "What", "Field", "Old value", "New value"])
    return frame.sort_values("When", ascending=False, kind="stable").reset_index(drop=True)


def directory_table(
    assets: pd.DataFrame,
    hours: Mapping[str, str] | None = None,
    open_now: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The directory listing with labels users read.

    ``hours`` (organization id -> text such as ``Mo-Fr 09:00-17:00``) and ``open_now``
    (id -> 'open now' / 'closed now' / 'hours not known') add the "Hours" and "Now" columns.
    """
    table = pd.DataFrame(
        {
            "Name": assets["name"],
            "Services": assets["category"].map(
                lambda c: ", ".join(SERVICE_CATEGORIES.get(k, k) for k in _split(c))
            ),
            "Languages": assets["languages"].fillna(""),
            "Communities": assets["communities"].fillna(""),
            "Address": assets["address"].fillna(""),
            "Learned by": assets["entry_technique"].map(lambda t: ENTRY_TECHNIQUES.get(t, t or "")),
            "Last verified": assets["last_verified_on"],
            "Status": assets["status"],
            "Id": assets["organization_id"],
        }
    )
    if hours is not None:
        table.insert(1, "Hours", assets["organization_id"].map(lambda i: hours.get(i, "")))
    if open_now is not None:
        table.insert(2, "Now", assets["organization_id"].map(lambda i: open_now.get(i, "")))
    return table

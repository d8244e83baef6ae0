"""The organization form of the assets page (edit and add share it), in the interface language.

Not an ``st.form``: held boxes keep a half-filled form through a language switch and
show its choices in the new words (see ``ui.i18n.follows_language``).
"""

from __future__ import annotations

import streamlit as st

from geo.db import forms as af
from geo.vocab import ENTRY_TECHNIQUES, SERVICE_CATEGORIES
from ui.i18n import HELD, _, date_format, follows_language

TEXT_FIELDS = ("name", "alternate_name", "address", "phone", "website", "email")


def field_labels() -> dict[str, str]:
    """Stored field names -> the form's labels, translated (for problem and change tables)."""
    return {field: _(label) for field, label in af.FIELD_LABELS.items()}


def asset_form(key: str, values: dict, submit_label: str) -> tuple[bool, dict]:
    """The form with ``values``; returns (submitted, what the form holds now)."""
    with st.container(border=True):
        form = _contact_fields(key, values)
        form.update(_service_fields(key, values))
        form.update(_provenance_fields(key, values))
        return st.button(submit_label, key=f"{key}.submit"), form


def _contact_fields(key: str, values: dict) -> dict:
    labels = field_labels()
    form = {
        f: st.text_input(labels[f], value=values[f], key=f"{key}.{f}", on_change=HELD)
        for f in TEXT_FIELDS
    }
    form["description"] = st.text_area(
        labels["description"], value=values["description"], key=f"{key}.description", on_change=HELD
    )
    return form


def _service_fields(key: str, values: dict) -> dict:
    labels = field_labels()
    return {
        "categories": st.multiselect(
            labels["categories"],
            list(SERVICE_CATEGORIES),
            default=values["categories"],
            format_func={c: _(label) for c, label in SERVICE_CATEGORIES.items()}.__getitem__,
            key=follows_language(f"{key}.categories"),
            placeholder=_("Choose options"),
            on_change=HELD,
        ),
        "languages": st.text_input(
            labels["languages"],
            values["languages"],
            key=f"{key}.languages",
            on_change=HELD,
            help=_("ISO 639 codes, e.g. {example}").format(
                example="'es; ar: interpreter on request'"
            ),
        ),
        "communities": st.text_input(
            labels["communities"], values["communities"], key=f"{key}.communities", on_change=HELD
        ),
    }


def _provenance_fields(key: str, values: dict) -> dict:
    labels = field_labels()
    c1, c2 = st.columns(2)
    form = {
        "lat": c1.number_input(
            labels["lat"], value=values["lat"], format="%.6f", key=f"{key}.lat", on_change=HELD
        ),
        "lon": c2.number_input(
            labels["lon"], value=values["lon"], format="%.6f", key=f"{key}.lon", on_change=HELD
        ),
    }
    techniques = [None, *ENTRY_TECHNIQUES]
    # labels translated during the run: AppTest calls format_func in its own thread
    technique_labels: dict[str | None, str] = {None: "—"}
    technique_labels.update({t: _(label) for t, label in ENTRY_TECHNIQUES.items()})
    form["entry_technique"] = st.selectbox(
        labels["entry_technique"],
        techniques,
        index=techniques.index(values["entry_technique"]),
        key=follows_language(f"{key}.technique"),
        format_func=technique_labels.__getitem__,
        on_change=HELD,
    )
    form["collected_by"] = c1.text_input(
        labels["collected_by"], values["collected_by"], key=f"{key}.collected_by", on_change=HELD
    )
    form["collected_on"] = c2.date_input(
        labels["collected_on"],
        values["collected_on"],
        key=follows_language(f"{key}.collected_on"),
        format=date_format(),
        on_change=HELD,
    )
    form["last_verified_on"] = c2.date_input(
        labels["last_verified_on"],
        values["last_verified_on"],
        key=follows_language(f"{key}.verified"),
        format=date_format(),
        on_change=HELD,
    )
    return form

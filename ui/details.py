"""Panels beside the map: a tract's profile and an organization's or branch's details."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.profiles import ProfileSection
from geo.hours import open_now_from_text
from geo.maps.layers import format_value
from geo.vocab import BRANCH_SERVICES, ENTRY_TECHNIQUES, LANGUAGES, SERVICE_CATEGORIES, split_list
from ui.text import literal


def show_profile(
    title: str, sections: list[ProfileSection], missing: list[str], vintage: str = ""
) -> None:
    """Each profile section as a table of estimate ± MOE, share ± MOE and reliability."""
    st.subheader(title)
    for section in sections:
        st.markdown(f"**{section.title}** ({section.table_id})")
        st.table(_section_table(section.rows).set_index(""))
    if missing:
        st.caption("Not available for this study area: " + ", ".join(missing))
    source = f"{literal(vintage)} · " if vintage else ""
    st.caption(f"{source}90% margins of error. {RELIABILITY_RULE}")


def plus_minus(value: float, moe: float, kind: str) -> str:
    """``1,234 ± 56`` (or ``12.3% ± 1.2%``); says so when no margin of error was supplied."""
    if pd.isna(value):
        return "not available"
    if pd.isna(moe):
        return f"{format_value(value, kind)} (no margin of error supplied)"
    return f"{format_value(value, kind)} ± {format_value(moe, kind)}"


def _section_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "": rows["item"],
            "Estimate": [
                plus_minus(e, m, "count")
                for e, m in zip(rows["estimate"], rows["moe"], strict=True)
            ],
            "Share": [
                plus_minus(s, sm, "share")
                for s, sm in zip(rows["share"], rows["share_moe"], strict=True)
            ],
            "Reliability": [RELIABILITY_LABELS[r] for r in rows["reliability"]],
        }
    )


def _labels(cell: object, vocab: dict[str, str]) -> str:
    return ", ".join(vocab.get(c, c) for c in split_list(cell)) or "—"


def _or_dash(value: object) -> str:
    return (
        "—"
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == ""
        else str(value)
    )


def show_organization(
    org: pd.Series, *, internal: bool = False, time_zone: str | None = None
) -> None:
    """Details of one organization as plain text; staff notes only when ``internal``.

    The public view keeps the organization's own business details (address, phone,
    website, description, opening hours) and leaves out who collected the record, how and
    when. A site row (``hours``) also says whether it is open now in ``time_zone``.
    """
    st.subheader(literal(org["name"]))
    st.text(f"Services: {_labels(org['category'], SERVICE_CATEGORIES)}")
    st.text(f"Languages: {_labels(org['languages'], LANGUAGES)}")
    st.text(f"Communities served: {', '.join(split_list(org['communities'])) or '—'}")
    st.text(f"Address: {_or_dash(org['address'])}")
    st.text(f"Phone: {_or_dash(org['phone'])}   Website: {_or_dash(org['website'])}")
    if "hours" in org.index:
        hours = _or_dash(org["hours"])
        if time_zone and hours != "—":
            hours += f" ({open_now_from_text(hours, datetime.now(UTC), time_zone)})"
        st.text(f"Hours: {hours}")
    if _or_dash(org.get("description")) != "—":
        st.text(str(org["description"]))
    if not internal:
        return
    technique = ENTRY_TECHNIQUES.get(str(org["entry_technique"]), org["entry_technique"])
    st.caption(
        literal(
            f"Learned of by {_or_dash(technique)} · collected by "
            f"{_or_dash(org['collected_by'])} on {_or_dash(org['collected_on'])} · "
            f"last verified {_or_dash(org['last_verified_on'])}"
        )
    )


def show_branch(branch: pd.Series) -> None:
    """Details of one library branch."""
    st.subheader(literal(branch["name"]))
    st.text(f"Address: {branch['address']}")
    st.text(f"Hours: {branch['hours']}")
    st.text(f"Newcomer services: {_labels(branch['services'], BRANCH_SERVICES)}")
    st.text(f"World-language collections: {_labels(branch['collection_languages'], LANGUAGES)}")

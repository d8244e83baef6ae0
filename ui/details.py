"""Panels beside the map: a tract's profile and an organization's or branch's details."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.profiles import ProfileSection
from geo.hours import open_now_from_text
from geo.i18n import language_names
from geo.maps.layers import format_value
from geo.vocab import BRANCH_SERVICES, ENTRY_TECHNIQUES, LANGUAGES, SERVICE_CATEGORIES, split_list
from geo.weekdays import localize_hours
from ui.errors import say
from ui.i18n import _, current, joined
from ui.text import literal


def show_profile(
    title: str, sections: list[ProfileSection], missing: list[str], vintage: str = ""
) -> None:
    """Each profile section as a table of estimate ± MOE, share ± MOE and reliability."""
    st.subheader(title)
    for section in sections:
        st.markdown(f"**{literal(_(section.title))}** ({section.table_id})")
        st.table(_section_table(section.rows).set_index(""))
    if missing:
        st.caption(_("Not available for this study area: {tables}").format(tables=joined(missing)))
    source = f"{literal(vintage)} · " if vintage else ""
    st.caption(source + _("90% margins of error.") + " " + _(RELIABILITY_RULE))


def plus_minus(value: float, moe: float, kind: str, code: str | None = None) -> str:
    """``1,234 ± 56`` (or ``12.3% ± 1.2%``); says so when no margin of error was supplied.

    With a language ``code``, the figures are written as that language writes them.
    """
    if pd.isna(value):
        return _("not available")
    if pd.isna(moe):
        text = format_value(value, kind, code)
        return _("{value} (no margin of error supplied)").format(value=text)
    return f"{format_value(value, kind, code)} ± {format_value(moe, kind, code)}"


def _section_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "": rows["item"],
            _("Estimate"): [
                plus_minus(e, m, "count")
                for e, m in zip(rows["estimate"], rows["moe"], strict=True)
            ],
            _("Share"): [
                plus_minus(s, sm, "share")
                for s, sm in zip(rows["share"], rows["share_moe"], strict=True)
            ],
            _("Reliability"): [_(RELIABILITY_LABELS[r]) for r in rows["reliability"]],
        }
    )


def _labels(cell: object, vocab: dict[str, str]) -> str:
    return joined(_(vocab[c]) if c in vocab else c for c in split_list(cell)) or "—"


def language_list(cell: object) -> str:
    """Stored codes (``so;en``) as the reader's names listed their way (``somalí e inglés``)."""
    codes = split_list(cell)
    names = language_names(codes, current(), LANGUAGES)
    return joined(names[c] for c in codes) or "—"


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
    communities = joined(split_list(org["communities"])) or "—"
    lines = [
        _("Services: {services}").format(services=_labels(org["category"], SERVICE_CATEGORIES)),
        _("Languages: {languages}").format(languages=language_list(org["languages"])),
        _("Communities served: {communities}").format(communities=communities),
        _("Address: {address}").format(address=_or_dash(org["address"])),
        _("Phone: {phone}   Website: {website}").format(
            phone=_or_dash(org["phone"]), website=_or_dash(org["website"])
        ),
    ]
    if "hours" in org.index:
        lines.append(_("Hours: {hours}").format(hours=_hours(org["hours"], time_zone)))
    for line in lines:
        st.text(line)
    if _or_dash(org.get("description")) != "—":
        st.text(str(org["description"]))
    if internal:
        _provenance(org)


def _hours(value: object, time_zone: str | None) -> str:
    """The hours as listed, with whether the site is open now in ``time_zone``."""
    hours = _or_dash(value)
    if hours == "—":
        return hours
    shown = localize_hours(hours, current())  # the days in the reader's language
    if time_zone:
        shown += f" ({say(open_now_from_text(hours, datetime.now(UTC), time_zone))})"
    return shown


def _provenance(org: pd.Series) -> None:
    """Who collected the record, how and when (staff only)."""
    code = str(org["entry_technique"])
    technique = _(ENTRY_TECHNIQUES[code]) if code in ENTRY_TECHNIQUES else org["entry_technique"]
    st.caption(
        literal(
            _(
                "Learned of by {technique} · collected by {collector} on {collected_on} · "
                "last verified {verified_on}"
            ).format(
                technique=_or_dash(technique),
                collector=_or_dash(org["collected_by"]),
                collected_on=_or_dash(org["collected_on"]),
                verified_on=_or_dash(org["last_verified_on"]),
            )
        )
    )


def show_branch(branch: pd.Series) -> None:
    """Details of one library branch."""
    st.subheader(literal(branch["name"]))
    st.text(_("Address: {address}").format(address=_or_dash(branch["address"])))
    st.text(_("Hours: {hours}").format(hours=_or_dash(branch["hours"])))
    st.text(
        _("Newcomer services: {services}").format(
            services=_labels(branch["services"], BRANCH_SERVICES)
        )
    )
    st.text(
        _("World-language collections: {languages}").format(
            languages=language_list(branch["collection_languages"])
        )
    )

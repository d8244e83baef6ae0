"""The help handout page's controls: branch, language, radius, and the PDF download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.i18n import translator
from geo.pdf.handout import HandoutInfo, build_handout, find_help
from geo.vocab import LANGUAGES, split_list
from geo.weekdays import localize_hours
from ui.i18n import _, current, follows_language


def choose(branches: pd.DataFrame, organizations: pd.DataFrame, illustrative: bool):
    """Branch, language and radius pickers; the :class:`HandoutInfo` they describe."""
    placed = branches.dropna(subset=["lat", "lon"])
    names = dict(zip(placed["branch_id"], placed["name"], strict=True))
    branch_id = st.selectbox(
        _("Branch"), list(names), format_func=names.__getitem__, key="handout.branch"
    )
    served = sorted({c for v in organizations["languages"] for c in split_list(v)} & set(LANGUAGES))
    language = st.selectbox(
        _("Language of the newcomer"),
        served,
        format_func=lambda code: _(LANGUAGES[code]),
        key=follows_language("handout.language"),
    )
    radius_km = st.slider(_("How far from the branch (km)"), 0.5, 10.0, 3.0, 0.5, key="handout.km")
    if branch_id is None or language is None:
        return None
    b = placed[placed["branch_id"] == branch_id].iloc[0]
    return HandoutInfo(
        branch_name=b["name"],
        branch_address=b.get("address") or "",
        branch_lat=float(b["lat"]),
        branch_lon=float(b["lon"]),
        language=language,
        radius_m=radius_km * 1000,
        illustrative=illustrative,
    )


def show(info: HandoutInfo, organizations: pd.DataFrame, context) -> None:
    """What the handout lists, as a table, and the PDF to download."""
    found = find_help(organizations, info)
    st.subheader(_("{count} organizations near the branch").format(count=len(found)))
    columns = [c for c in ("name", "address", "phone", "hours", "distance_m") if c in found]
    shown = found[columns].copy()
    if "hours" in shown:  # the days in the reader's language, as the directory shows them
        shown["hours"] = shown["hours"].map(lambda h: localize_hours(h or "", current()))
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            "name": _("Organization"),
            "address": _("Address"),
            "phone": _("Phone"),
            "hours": _("Opening hours"),
            "distance_m": st.column_config.NumberColumn(_("Distance (m)"), format="%.0f"),
        },
    )
    if st.button(_("Make the handout (PDF)"), key="handout.make"):
        pdf = build_handout(
            info, found, translate=translator(info.language).gettext, context=context
        )
        st.download_button(
            _("Download the handout"),
            pdf,
            file_name=f"help-{info.language}.pdf",
            mime="application/pdf",
            key="handout.download",
        )

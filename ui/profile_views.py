"""Community profile page: choosing the area, and showing sections, charts and exports."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.analysis.catchments import RULES
from geo.census.community import TABLE_NAMES, CommunityProfile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.profiles import ProfileSection
from geo.census.study_area import StudyArea
from geo.maps.layers import format_value
from ui import maps

AREA_TYPES = {"branch": "Branch catchment", "drawn": "Drawn area", "tracts": "Hand-picked tracts"}


def choose_area(area: StudyArea) -> dict:
    """Widgets for the area; returns keyword arguments for ``describe_selection``."""
    kind = st.radio(
        "Area",
        list(AREA_TYPES),
        format_func=AREA_TYPES.__getitem__,
        horizontal=True,
        key="profile.kind",
    )
    if kind == "tracts":
        names = dict(zip(area.tracts.index, area.tracts["NAME"], strict=True))
        picked = st.multiselect(
            "Tracts", list(names), key="profile.tracts", format_func=lambda g: f"{names[g]} ({g})"
        )
        return {"geoids": picked}
    rule = st.radio(
        "Aggregation rule", list(RULES), format_func=RULES.__getitem__, key="profile.rule"
    )
    if kind == "branch":
        if area.branches.empty:
            st.info("This study area has no library branches; draw an area or pick tracts.")
            return {"rule": rule}
        labels = dict(zip(area.branches["branch_id"], area.branches["name"], strict=True))
        c1, c2 = st.columns([3, 2])
        branch = c1.selectbox(
            "Branch", list(labels), format_func=labels.__getitem__, key="profile.branch"
        )
        radius = c2.slider("Radius (m)", 250, 5000, 1000, 250, key="profile.radius_m")
        return {"rule": rule, "branch_id": branch, "radius_m": float(radius)}
    return {"rule": rule, "shape": _drawn_shape(area)}


def _drawn_shape(area: StudyArea):
    return maps.draw_area(area.tracts, key="profile.draw")


def show_profile(profile: CommunityProfile) -> None:
    """Header, the rule, each section (table + chart) and what is not available."""
    st.subheader(profile.title)
    st.caption(f"{profile.stamp} · {len(profile.geoids)} tracts · {profile.rule}")
    for note in profile.notes:
        st.info(note, icon=":material/info:")
    for section in profile.sections:
        st.markdown(
            f"**{section.title}** · {section.table_id} · universe: {section.universe or '—'}"
        )
        st.dataframe(_table(section), hide_index=True, width="stretch")
        chart = _chart(section, profile.vintage)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
    if profile.missing:
        st.warning(
            "Not available for this study area (table not loaded): "
            + "; ".join(f"{t} ({TABLE_NAMES.get(t, '')})" for t in profile.missing)
        )
    st.caption(
        f"90% margins of error. {RELIABILITY_RULE}. Figures in grey bars are "
        "unreliable. Medians are never summed."
    )


def _pm(value: float, moe: float, kind: str) -> str:
    if pd.isna(value):
        return "not available"
    moe_text = "no MOE" if pd.isna(moe) else format_value(moe, kind)
    return f"{format_value(value, kind)} ± {moe_text}"


def _table(section: ProfileSection) -> pd.DataFrame:
    r = section.rows
    return pd.DataFrame(
        {
            "": r["item"],
            "Estimate": [_pm(e, m, "count") for e, m in zip(r["estimate"], r["moe"], strict=True)],
            "Share": [_pm(s, m, "share") for s, m in zip(r["share"], r["share_moe"], strict=True)],
            "CV": [f"{c:.0f}%" if pd.notna(c) else "—" for c in r["cv"]],
            "Reliability": r["reliability"].map(RELIABILITY_LABELS),
            "Whole study area": [
                _pm(s, m, "share")
                for s, m in zip(r["area_share"], r["area_share_moe"], strict=True)
            ],
        }
    )


def _chart(section: ProfileSection, vintage: str) -> alt.LayerChart | None:
    r = section.rows.dropna(subset=["share"])
    if len(r) < 2:
        return None
    data = pd.DataFrame(
        {
            "item": r["item"],
            "share": r["share"] * 100,
            "low": (r["share"] - r["share_moe"]).clip(lower=0) * 100,
            "high": (r["share"] + r["share_moe"]) * 100,
            "reliability": r["reliability"].map(RELIABILITY_LABELS),
        }
    )
    y = alt.Y("item:N", sort=None, title=None)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("share:Q", title=f"Share (%), ± 90% MOE · {vintage}"),
            color=alt.Color(
                "reliability:N",
                scale=alt.Scale(
                    domain=list(RELIABILITY_LABELS.values()),
                    range=["#2c7fb8", "#7fb3d5", "#cccccc", "#e0c080"],
                ),
            ),
            tooltip=["item", alt.Tooltip("share:Q", format=".1f"), "reliability"],
        )
    )
    errors = alt.Chart(data).mark_errorbar().encode(y=y, x="low:Q", x2="high:Q")
    return (bars + errors).properties(height=22 * len(data) + 40)


def downloads(profile: CommunityProfile, csv_bytes: bytes, pdf_bytes: bytes) -> None:
    """CSV and printable PDF of the same figures."""
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download CSV", csv_bytes, "community_profile.csv", "text/csv", key="profile.csv"
    )
    c2.download_button(
        "Download PDF", pdf_bytes, "community_profile.pdf", "application/pdf", key="profile.pdf"
    )

"""Community profile page: choosing the area, and showing sections, charts and exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.catchments import count_organizations
from geo.census.community import RULES, TABLE_NAMES, CommunityProfile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.profile_charts import build_section_chart
from geo.census.profile_export import export_csv, export_pdf
from geo.census.profiles import ProfileSection
from geo.census.study_area import StudyArea
from ui import maps
from ui.details import plus_minus

AREA_TYPES = {"branch": "Branch catchment", "drawn": "Drawn area", "tracts": "Hand-picked tracts"}


def choose_area(area: StudyArea) -> dict:
    """Widgets for the area; returns keyword arguments for ``describe_selection``."""
    # A study area without library branches (e.g. one imported from any polygons) offers
    # only the ways of choosing that can work there.
    kinds = list(AREA_TYPES) if not area.branches.empty else ["tracts", "drawn"]
    if st.session_state.get("profile.kind") not in kinds:
        st.session_state["profile.kind"] = kinds[0]
    kind = st.radio(
        "Area", kinds, format_func=AREA_TYPES.__getitem__, horizontal=True, key="profile.kind"
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


def show_organizations(area: StudyArea, sites: pd.DataFrame, geoids: list[str]) -> None:
    """The organizations with a site in the area (counted once), with their sites there."""
    found = count_organizations(sites, area.tracts, geoids)
    st.subheader("Organizations in this area")
    st.markdown(
        f"**{found.organizations}** organizations have **{found.sites}** sites inside these "
        "tracts (matching the sidebar's languages and services). An organization counts "
        "when any of its sites is inside, wherever its main office is."
    )
    if not found.table.empty:
        st.dataframe(
            found.table.rename(
                columns={
                    "name": "Organization",
                    "sites": "Sites in this area",
                    "sites_elsewhere": "Sites elsewhere",
                }
            ).drop(columns=["organization_id"]),
            hide_index=True,
            width="stretch",
        )


def show_profile(profile: CommunityProfile) -> None:
    """Header, the rule, each section (table + chart) and what is not available."""
    st.subheader(profile.title)
    st.caption(f"{profile.stamp} · {len(profile.geoids)} tracts · {profile.rule}")
    for note in profile.notes:
        st.info(note, icon=":material/info:")
    for section in profile.sections:
        st.markdown(
            f"**{section.title}** · {section.table_id} · universe: {section.universe or '—'}"
            f" · {profile.vintage}"
        )
        table = _table(section)
        st.dataframe(table, hide_index=True, width="stretch", height=35 * len(table) + 38)
        chart = build_section_chart(section, profile.vintage)
        if chart is not None:
            st.altair_chart(chart, width="stretch", height=int(chart.height))
    if profile.missing:
        st.warning(
            "Not available for this study area (table not loaded): "
            + "; ".join(f"{t} ({TABLE_NAMES.get(t, '')})" for t in profile.missing)
        )
    st.caption(
        f"90% margins of error. {RELIABILITY_RULE}. Figures in grey bars are "
        "unreliable. Medians are never summed."
    )


def _share(value: float, moe: float, share_of: str, universe: str) -> str:
    """A share ± MOE, naming its universe when it differs from the section's."""
    text = plus_minus(value, moe, "share")
    return f"{text} of {share_of}" if share_of and share_of != universe else text


def _table(section: ProfileSection) -> pd.DataFrame:
    r = section.rows
    share_of = r["share_of"] if "share_of" in r else pd.Series("", index=r.index)
    return pd.DataFrame(
        {
            "": r["item"],
            "Estimate": [
                plus_minus(e, m, "count") for e, m in zip(r["estimate"], r["moe"], strict=True)
            ],
            "Share": [
                _share(s, m, of, section.universe)
                for s, m, of in zip(r["share"], r["share_moe"], share_of, strict=True)
            ],
            "CV": [f"{c:.0f}%" if pd.notna(c) else "—" for c in r["cv"]],
            "Reliability": r["reliability"].map(RELIABILITY_LABELS),
            "Whole study area": [
                plus_minus(s, m, "share")
                for s, m in zip(r["area_share"], r["area_share_moe"], strict=True)
            ],
        }
    )


def downloads(profile: CommunityProfile) -> None:
    """CSV and printable PDF of the same figures, built only when asked for (the PDF
    renders every chart)."""
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download CSV",
        lambda: export_csv(profile),
        "community_profile.csv",
        "text/csv",
        key="profile.csv",
    )
    c2.download_button(
        "Download PDF",
        lambda: export_pdf(profile),
        "community_profile.pdf",
        "application/pdf",
        key="profile.pdf",
    )

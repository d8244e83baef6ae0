"""Community profile page: choosing the area, and showing sections, charts and exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.catchments import AreaOrganizations, count_organizations
from geo.census.area_words import say_vintage
from geo.census.community import RULES, TABLE_NAMES, CommunityProfile, build_community_profile
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.origins import item_label
from geo.census.profile_charts import build_section_chart
from geo.census.profile_export import export_csv, export_pdf
from geo.census.profiles import ProfileSection
from geo.census.study_area import StudyArea
from geo.filters import Filters, filter_organizations
from geo.i18n import N_, format_share, translator
from geo.messages import Message, say
from ui import maps, resources
from ui.details import plus_minus
from ui.i18n import _, current, follows_language, number, right_to_left

AREA_TYPES = {
    "branch": N_("Branch catchment"),
    "drawn": N_("Drawn area"),
    "tracts": N_("Hand-picked tracts"),
}


def choose_area(area: StudyArea) -> dict:
    """Widgets for the area; returns keyword arguments for ``describe_selection``."""
    # A study area without library branches (e.g. one imported from any polygons) offers
    # only the ways of choosing that can work there.
    kinds = list(AREA_TYPES) if not area.branches.empty else ["tracts", "drawn"]
    if st.session_state.get("profile.kind") not in kinds:
        st.session_state["profile.kind"] = kinds[0]
    kind = st.radio(
        _("Area"),
        kinds,
        format_func=lambda k: _(AREA_TYPES[k]),
        horizontal=True,
        key=follows_language("profile.kind"),
    )
    if kind == "tracts":
        names = dict(zip(area.tracts.index, area.tracts["NAME"], strict=True))
        picked = st.multiselect(
            _("Tracts"),
            list(names),
            key="profile.tracts",
            format_func=lambda g: f"{names[g]} ({g})",
        )
        return {"geoids": picked}
    rule = st.radio(
        _("Aggregation rule"),
        list(RULES),
        format_func=lambda r: _(RULES[r]),
        key=follows_language("profile.rule"),
    )
    if kind == "branch":
        labels = dict(zip(area.branches["branch_id"], area.branches["name"], strict=True))
        c1, c2 = st.columns([3, 2])
        branch = c1.selectbox(
            _("Branch"), list(labels), format_func=labels.__getitem__, key="profile.branch"
        )
        radius = c2.slider(_("Radius (m)"), 250, 5000, 1000, 250, key="profile.radius_m")
        return {"rule": rule, "branch_id": branch, "radius_m": float(radius)}
    return {"rule": rule, "shape": _drawn_shape(area)}


def _drawn_shape(area: StudyArea):
    return maps.draw_area(area.tracts, key="profile.draw")


def show_organizations(area: StudyArea, filters: Filters, geoids: list[str]) -> None:
    """The organizations with a site in the area (counted once), with their sites there."""
    token = hash(tuple(area.tracts.index))  # a re-imported study area gets new entries
    stamp = resources.data_stamp()
    found = _organizations_in(area, token, stamp, repr(filters), filters, tuple(geoids))
    st.subheader(_("Organizations in this area"))
    st.markdown(
        _(
            "**{organizations}** organizations have **{sites}** sites inside these tracts "
            "(matching the sidebar's languages and services). An organization counts when "
            "any of its sites is inside, wherever its main office is."
        ).format(organizations=number(found.organizations), sites=number(found.sites))
    )
    if not found.table.empty:
        st.dataframe(
            found.table.rename(
                columns={
                    "name": _("Organization"),
                    "sites": _("Sites in this area"),
                    "sites_elsewhere": _("Sites elsewhere"),
                }
            ).drop(columns=["organization_id"]),
            hide_index=True,
            width="stretch",
        )


@st.cache_resource(max_entries=32, show_spinner=False)
def _organizations_in(
    _area: StudyArea, token: int, stamp: str, key: str, _filters: Filters, geoids: tuple
) -> AreaOrganizations:
    """Once per study area, database version, filters (``key``: their repr) and tracts."""
    sites = filter_organizations(resources.sites(), _filters)
    return count_organizations(sites, _area.tracts, list(geoids))


def community_profile(
    area: StudyArea,
    geoids: list[str],
    *,
    title: str,
    rule: str,
    country: str | None,
    countries: tuple[str, ...],
) -> CommunityProfile:
    """The profile of an area, computed once per study area, tracts and group and shared by
    every session (census figures do not change while the app runs; treat as read-only)."""
    token = hash(tuple(area.tracts.index))  # a re-imported study area gets new entries
    return _profile(area, token, tuple(geoids), title, rule, country, tuple(countries))


@st.cache_resource(max_entries=32, show_spinner="Adding up the tracts…")
def _profile(
    _area: StudyArea,
    token: int,
    geoids: tuple[str, ...],
    title: str,
    rule: str,
    country: str | None,
    countries: tuple[str, ...],
) -> CommunityProfile:
    return build_community_profile(
        _area,
        list(geoids),
        title=title,
        rule=rule,
        country=country,
        countries=countries,
        whole=resources.study_area_sections(),
    )


def _shown(profile: CommunityProfile) -> list[tuple[pd.DataFrame, dict | None]]:
    """Each section's table (in the reader's language) and Vega-Lite spec, made once per
    profile and language: the profile is cached, so the same object comes back each rerun."""
    return _shown_at(profile, id(profile), current())[1]


@st.cache_resource(max_entries=64, show_spinner=False)
def _shown_at(
    _profile: CommunityProfile, ident: int, language: str
) -> tuple[CommunityProfile, list[tuple[pd.DataFrame, dict | None]]]:
    # The entry holds the profile itself, so no other profile can have its id meanwhile.
    shown = []
    for section in _profile.sections:
        chart = build_section_chart(
            section, _profile.vintage, translate=_, language=language, countries=_profile.countries
        )
        shown.append(
            (_table(section, _profile.countries), None if chart is None else chart.to_dict())
        )
    return _profile, shown


def show_profile(profile: CommunityProfile) -> None:
    """Header, the rule, each section (table + chart) and what is not available."""
    st.subheader(_("Profile: {area}").format(area=_words(profile.title)))
    st.caption(
        _("{stamp} · {tracts} tracts · {rule}").format(
            stamp=profile.stamp_in(_), tracts=number(len(profile.geoids)), rule=_(profile.rule)
        )
    )
    for note in profile.notes:
        st.info(_words(note), icon=":material/info:")
    vintage = say_vintage(profile.vintage, _)
    for section, (table, spec) in zip(profile.sections, _shown(profile), strict=True):
        st.markdown(
            _("**{title}** · {table} · universe: {universe} · {vintage}").format(
                title=_words(section.title),
                table=section.table_id,
                universe=_(section.universe) if section.universe else "—",
                vintage=vintage,
            )
        )
        st.dataframe(table, hide_index=True, width="stretch", height=35 * len(table) + 38)
        _show_chart(section, spec)
    if profile.missing:
        st.warning(
            _("Not available for this study area (table not loaded): {tables}").format(
                tables="; ".join(f"{t} ({_(TABLE_NAMES.get(t, ''))})" for t in profile.missing)
            )
        )
    st.caption(
        _(
            "90% margins of error. {rule}. Figures in grey bars are unreliable. "
            "Medians are never summed."
        ).format(rule=_(RELIABILITY_RULE))
    )


def _show_chart(section: ProfileSection, spec: dict | None) -> None:
    if spec is not None:
        st.vega_lite_chart(
            spec=spec,
            width="stretch",
            height=int(spec["height"]),
            alt=_("Bar chart of {title}: each share with its 90% margin of error.").format(
                title=_words(section.title)
            ),
        )


def _words(text: str) -> str:
    """A title or note from ``geo``: a Message said in the reader's language, else gettext."""
    return str(say(text, current())) if isinstance(text, Message) else _(text)


def _plus_minus(value: float, moe: float, kind: str) -> str:
    """``1.234 ± 56``, ``12,3 % ± 1,2 %``: figures as the reader's language writes them
    (the CSV keeps machine numbers); says so when no margin of error was supplied."""
    text = plus_minus(value, moe, kind, current())
    # In Arabic the grid drew a cell holding Arabic words right to left, where
    # "20.8% ± 2.2%" came out as "2.2% ± 20.8%"; a left-to-right mark before the figure
    # keeps it in order (the grid's canvas ignored the isolates U+2066...U+2069; seen in
    # Chromium). The cell then reads left to right: figure first, then "من جميع السكان".
    return f"\u200e{text}" if right_to_left() and pd.notna(value) and pd.notna(moe) else text


def _cv(cv: float) -> str:
    """The coefficient of variation (in percent) as a whole percentage: ``12 %`` in Spanish."""
    return format_share(cv / 100, current(), decimals=0) if pd.notna(cv) else "—"


def _share(value: float, moe: float, share_of: str, universe: str) -> str:
    """A share ± MOE, naming its universe when it differs from the section's."""
    text = _plus_minus(value, moe, "share")
    if share_of and share_of != universe:
        return _("{share} of {universe}").format(share=text, universe=_(share_of))
    return text


def _table(section: ProfileSection, countries: tuple[str, ...]) -> pd.DataFrame:
    r = section.rows
    share_of = r["share_of"] if "share_of" in r else pd.Series("", index=r.index)
    code = current()
    return pd.DataFrame(
        {
            "": [str(say(item_label(i, countries), code)) for i in r["item"]],
            _("Estimate"): [
                _plus_minus(e, m, "count") for e, m in zip(r["estimate"], r["moe"], strict=True)
            ],
            _("Share"): [
                _share(s, m, of, section.universe)
                for s, m, of in zip(r["share"], r["share_moe"], share_of, strict=True)
            ],
            _("CV"): [_cv(c) for c in r["cv"]],
            _("Reliability"): r["reliability"].map(
                lambda k: _(RELIABILITY_LABELS[k]) if k in RELIABILITY_LABELS else ""
            ),
            _("Whole study area"): [
                _plus_minus(s, m, "share")
                for s, m in zip(r["area_share"], r["area_share_moe"], strict=True)
            ],
        }
    )


def downloads(profile: CommunityProfile) -> None:
    """CSV and printable PDF of the same figures, built only when asked for (the PDF
    renders every chart)."""
    c1, c2 = st.columns(2)
    language = current()
    tr = translator(language)
    c1.download_button(
        _("Download CSV"),
        lambda: export_csv(profile),
        "community_profile.csv",
        "text/csv",
        key="profile.csv",
    )
    c2.download_button(
        _("Download PDF"),
        lambda: export_pdf(profile, translate=tr.gettext, n_=tr.ngettext, language=language),
        "community_profile.pdf",
        "application/pdf",
        key="profile.pdf",
    )

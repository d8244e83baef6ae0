"""Gaps page: the question widgets, the rules in words, map, ranking table and branch view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.branch_gaps import branch_language_groups, branch_ranking, catchment_tracts
from geo.analysis.gap_export import ranking_csv
from geo.analysis.gaps import GapQuestion, GapResult, compute_gaps, summarize_area
from geo.analysis.languages import C16001_GROUPS
from geo.analysis.need import NEED_MEASURES, unavailable_measures
from geo.census.moe import RELIABILITY_LABELS, RELIABILITY_RULE
from geo.census.study_area import StudyArea
from geo.filters import Filters
from geo.maps.gap_map import build_gap_map
from ui import made_maps, map_tables, resources
from ui.i18n import _, current, follows_language, joined

TOP = 10


def ask(area: StudyArea, filters: Filters) -> GapQuestion | None:
    """Widgets for the question; None (with a message) when it cannot be answered yet."""
    missing = unavailable_measures(area.tables)
    offered = [k for k in NEED_MEASURES if k not in missing]
    for reason in missing.values():
        st.caption(f":material/info: {reason.in_language(current())}")
    if not offered:
        st.warning(_("This study area has no table that measures need (C16001 or B05006)."))
        return None
    c1, c2 = st.columns([3, 2])
    measure = c1.selectbox(
        _("Need"),
        offered,
        format_func=lambda k: _(NEED_MEASURES[k].label),
        key=follows_language("gaps.measure"),
    )
    group = c2.selectbox(
        _("Language group (C16001)"),
        C16001_GROUPS,
        key="gaps.language_group",
        help=_("Organizations count when they serve a language of this group."),
    )
    c3, c4, c5 = st.columns([2, 2, 3])
    reach = c3.slider(_("Within reach (m)"), 200, 3000, 800, 100, key="gaps.reach_m")
    catchment = c4.slider(_("Branch catchment (m)"), 250, 5000, 1000, 250, key="gaps.catchment_m")
    mixed = c5.toggle(
        _("Rank unreliable figures with the reliable ones"),
        key="gaps.mix_unreliable",
        help=_("Off: unreliable need figures are ranked after every reliable one."),
    )
    if measure != "limited_english" and not filters.countries:
        st.info(_("Choose one or more countries of origin in the sidebar for this need measure."))
        return None
    return GapQuestion(
        measure=measure,
        language_group=group,
        countries=filters.countries,
        services=filters.categories,
        reach_m=float(reach),
        catchment_m=float(catchment),
        unreliable_last=not mixed,
    )


def compute(area: StudyArea, question: GapQuestion) -> GapResult:
    """The ranking for the current study area and the organizations' sites as stored now."""
    graph = resources.settings().street_graph or None
    return _ranking(area, resources.current_name(), resources.data_stamp(), question, graph)


@st.cache_resource(max_entries=16, show_spinner="Ranking tracts…")
def _ranking(
    _area: StudyArea, area_name: str, stamp: str, question: GapQuestion, graph: str | None
) -> GapResult:
    """Once per study area, database version (an edit recomputes) and question; shared by
    every session (read-only)."""
    return compute_gaps(_area, resources.sites(), question, street_graph=graph)


@st.cache_resource(max_entries=32)
def _language_groups(
    _area: StudyArea, area_name: str, stamp: str, branch_id: str, question: GapQuestion
) -> pd.DataFrame:
    """A branch's language groups, once per study area, database version and question."""
    geoids = _catchment(_area, area_name, stamp, branch_id, question.catchment_m)
    return branch_language_groups(_area, resources.sites(), geoids, question)


@st.cache_resource(max_entries=64)
def _catchment(
    _area: StudyArea, area_name: str, stamp: str, branch_id: str, radius_m: float
) -> list[str]:
    """GEOIDs of a branch's catchment (the branch may have moved: keyed by the stamp too)."""
    branch = _area.branches.set_index("branch_id").loc[branch_id]
    return catchment_tracts(_area.tracts, branch, radius_m)


def show_rules(result: GapResult) -> None:
    """The measure, the reach and catchment rules and every note, in plain words."""
    texts = result.texts(_, current())
    st.markdown(
        _("**Need:** {need} (per tract, ± 90% margin of error).").format(need=texts.need_label)
    )
    st.markdown(_("**Within reach:** {rule}").format(rule=texts.reach_rule))
    st.markdown(_("**Branch catchment:** {rule}").format(rule=texts.catchment_rule))
    for note in texts.notes:
        st.caption(note)
    if result.unmapped_languages:
        listed = joined(f"{k} ({v})" for k, v in result.unmapped_languages.items())
        st.warning(
            _(
                "These languages served by organizations map to no C16001 language group, so "
                "those organizations were not counted for any group: {listed}. Fix the "
                "language code in the asset directory or tell us the group."
            ).format(listed=listed)
        )


def show_map(area: StudyArea, result: GapResult) -> None:
    """Need shaded, matching sites, branches and the top gaps outlined, made once per study
    area, database version, question and language (:mod:`ui.made_maps`); then each layer
    as a table and the legend as text."""
    outlines, settings, code = resources.tract_outlines(), resources.settings(), current()
    made_maps.show_made_map(
        lambda: build_gap_map(
            outlines,
            result,
            area.branches,
            top=TOP,
            vintage=area.vintage,
            tiles=settings.tiles,
            translate=_,
            code=code,
        ),
        inputs=(resources.current_name(), resources.data_stamp(), result.question, code)
        + (settings.street_graph, settings.tiles, area.vintage, TOP),
        parts=(outlines,),  # a re-imported study area has new outlines
        key="gaps.map",
        height=560,
    )
    map_tables.show_gap_tables(outlines, result, area.branches, top=TOP)


def show_table(result: GapResult) -> None:
    """The sortable ranking with a CSV download of the same rows."""
    _show_ranking(result.ranking)
    st.download_button(
        _("Download the ranking (CSV)"),
        ranking_csv(result),
        "gaps.csv",
        "text/csv",
        key="gaps.csv",
    )
    st.caption(_("90% margins of error. {rule}.").format(rule=_(RELIABILITY_RULE)))


def _show_ranking(ranking: pd.DataFrame) -> None:
    number = st.column_config.NumberColumn
    st.dataframe(
        _readable(ranking),
        hide_index=True,
        width="stretch",
        column_config={
            _("Rank"): number(format="%d"),
            _("Need"): number(format="%,.0f"),
            _("± MOE"): number(format="%,.0f"),
            _("Gap"): number(format="%,.0f"),
            _("Gap ± MOE"): number(format="%,.0f"),
        },
    )


def _readable(ranking: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Rank"): ranking["rank"],
            _("Tract"): ranking["tract"] + " (" + ranking["geoid"] + ")",
            _("Need"): ranking["need"],
            _("± MOE"): ranking["need_moe"],
            _("Reliability"): ranking["reliability"].map(
                lambda k: _(RELIABILITY_LABELS.get(k) or str(k))
            )
            + ranking["ranked_after_reliable"].map(
                {True: _(" (ranked after reliable)"), False: ""}
            ),
            _("Organizations within reach"): ranking["organizations"],
            _("Their sites within reach"): ranking["sites"],
            _("Gap"): ranking["gap"],
            _("Gap ± MOE"): ranking["gap_moe"],
            _("Branch catchment"): ranking["branches"].replace("", _("none")),
            _("Organizations"): ranking["organization_names"],
        }
    )


def show_branch(area: StudyArea, result: GapResult) -> None:
    """Per branch: its catchment's ranked gaps and its language groups."""
    if area.branches.empty:
        st.info(_("This study area has no library branches."))
        return
    labels = dict(zip(area.branches["branch_id"], area.branches["name"], strict=True))
    branch_id = st.selectbox(
        _("Branch"), list(labels), format_func=labels.__getitem__, key="gaps.branch"
    )
    name, stamp = resources.current_name(), resources.data_stamp()
    geoids = _catchment(area, name, stamp, branch_id, result.question.catchment_m)
    if not geoids:
        st.info(_("No tract centroid lies within this branch's catchment; widen it above."))
        return
    show_area_summary(summarize_area(result, geoids))
    _show_ranking(branch_ranking(result, geoids))
    _show_language_groups(_language_groups(area, name, stamp, branch_id, result.question))


def _show_language_groups(groups: pd.DataFrame) -> None:
    """A catchment's language groups, largest gap first (need only where C16001 is loaded)."""
    if groups["need"].isna().all():
        st.caption(
            _(
                "Need by language group is not available: table C16001 is not loaded for this "
                "study area. Organizations within reach per group are still counted."
            )
        )
        groups = groups[["language_group", "organizations", "sites"]]
    st.markdown(_("**Language groups in this catchment** (largest gap first)"))
    st.dataframe(
        groups.rename(
            columns={
                "language_group": _("Language group"),
                "need": _("Speak English less than “very well”"),
                "need_moe": _("± MOE"),
                "organizations": _("Organizations within reach"),
                "sites": _("Their sites within reach"),
                "reliability": _("Reliability"),
                "gap": _("Gap"),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            c: st.column_config.NumberColumn(format="%,.0f")
            for c in (_("Speak English less than “very well”"), _("± MOE"), _("Gap"))
        },
    )


def show_profile_gaps(area: StudyArea, filters: Filters, geoids: list[str]) -> None:
    """The gap figures of a community profile's area, for one language group."""
    st.subheader(_("Gaps in this area"))
    missing = unavailable_measures(area.tables)
    measure = "limited_english" if "limited_english" not in missing else "origin"
    if measure in missing or (measure == "origin" and not filters.countries):
        st.info(
            _(
                "Gap figures need table C16001, or countries of origin chosen in the sidebar "
                "(B05006)."
            )
            + " "
            + " ".join(missing.values())
        )
        return
    group = st.selectbox(_("Language group (C16001)"), C16001_GROUPS, key="profile.gap_group")
    question = GapQuestion(
        measure=measure,
        language_group=group,
        countries=filters.countries,
        services=filters.categories,
    )
    result = compute(area, question)
    texts = result.texts(_, current())
    st.caption(
        _("{need}. {reach} {gap}").format(
            need=texts.need_label, reach=texts.reach_rule, gap=texts.notes[0]
        )
    )
    show_area_summary(summarize_area(result, geoids))
    st.caption(_("The Gaps page ranks every tract of the study area."))


def show_area_summary(summary: dict[str, object]) -> None:
    """The gap figures of an area (used by the branch view and the community profile)."""
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("People in need"), f"{summary['need']:,.0f} ± {summary['need_moe']:,.0f}")
    c2.metric(
        _("Matching organizations within reach"),
        str(summary["organizations_within_reach"]),
        help=_(
            "{sites} of their sites are within reach; an organization counts once when any "
            "of its sites is."
        ).format(sites=summary["sites_within_reach"]),
    )
    c3.metric(
        _("Tracts with none within reach"),
        _("{some} of {all}").format(
            some=summary["tracts_without_organization"], all=summary["tracts"]
        ),
    )
    c4.metric(_("People in need there"), f"{summary['need_in_tracts_without_organization']:,.0f}")

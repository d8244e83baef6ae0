"""The gap ranking on a 3×3 grid whose answers are worked out by hand (see conftest.py).

Spanish, legal help, 200 m reach. Sites within reach: T0 = S2, S10 (2); T1 = S2 (100 m
away); T4 = S1; T5 = S5 (150 m); T8 = S8 (199 m). T7 is 201 m from S9: none. S3 (Arabic),
S4 (food), S6 (language 'zz') and S7 (no location) never count.
Gap = need / max(organizations, 1): T0 600/2 = 300, T1 400, T2 300, T3 900 (unreliable,
CV 40.5%), T4 500, T5 200, T6 100, T7 0 (estimate 0: unreliable), T8 250.
"""

import pandas as pd
import pytest

from geo.analysis.branch_gaps import branch_language_groups, catchment_tracts
from geo.analysis.gap_export import ranking_csv
from geo.analysis.gaps import GapQuestion, compute_gaps, rank_gaps, summarize_area
from geo.errors import DataNotAvailable
from tests.analysis.conftest import GEOIDS

ASK = GapQuestion(language_group="Spanish", services=("legal",), reach_m=200, catchment_m=1001)


def _by_tract(result, column):
    return dict(zip(result.ranking["tract"], result.ranking[column], strict=True))


def test_sites_within_reach_are_counted_per_tract(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites, ASK)
    counts = _by_tract(result, "organizations")
    assert counts == {
        "Tract T0": 2,
        "Tract T1": 1,
        "Tract T2": 0,
        "Tract T3": 0,
        "Tract T4": 1,
        "Tract T5": 1,
        "Tract T6": 0,
        "Tract T7": 0,
        "Tract T8": 1,
    }
    assert _by_tract(result, "organization_names")["Tract T0"] == "Org S10; Org S2"


def test_reach_threshold_is_pinned_from_both_sides(grid_area, grid_sites):
    wider = compute_gaps(
        grid_area,
        grid_sites,
        GapQuestion(language_group="Spanish", services=("legal",), reach_m=202),
    )
    assert _by_tract(wider, "organizations")["Tract T7"] == 1  # S9 at 201 m
    narrower = compute_gaps(
        grid_area,
        grid_sites,
        GapQuestion(language_group="Spanish", services=("legal",), reach_m=198),
    )
    assert _by_tract(narrower, "organizations")["Tract T8"] == 0  # S8 at 199 m


def test_gaps_and_ranking_put_unreliable_figures_last(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites, ASK)
    ranking = result.ranking
    assert list(ranking["tract"]) == [f"Tract T{i}" for i in (4, 1, 0, 2, 8, 5, 6, 3, 7)]
    assert list(ranking["rank"]) == list(range(1, 10))
    gaps = _by_tract(result, "gap")
    assert gaps["Tract T0"] == 300 and gaps["Tract T3"] == 900
    assert _by_tract(result, "gap_moe")["Tract T0"] == 50  # MOE 100 over 2 organizations
    assert list(ranking["ranked_after_reliable"]) == [False] * 7 + [True] * 2
    assert _by_tract(result, "reliability")["Tract T3"] == "unreliable"
    assert any("ranked after every reliable tract" in n for n in result.notes)


def test_mixing_unreliable_figures_is_said_out_loud(grid_area, grid_sites):
    result = compute_gaps(
        grid_area, grid_sites, GapQuestion(**{**ASK.__dict__, "unreliable_last": False})
    )
    assert list(result.ranking["tract"])[:2] == ["Tract T3", "Tract T4"]
    assert not result.ranking["ranked_after_reliable"].any()
    assert any("ranked among the reliable ones" in n for n in result.notes)


def test_other_services_languages_and_unplaced_sites_are_reported(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites, ASK)
    assert set(result.sites["organization_id"]) == {"S1", "S2", "S5", "S7", "S8", "S9", "S10"}
    assert result.unmapped_languages == {"zz": 1}
    assert any(
        "Matching sites that have no location yet are not counted for any tract (1;" in n
        for n in result.notes
    )
    any_service = compute_gaps(
        grid_area, grid_sites, GapQuestion(language_group="Spanish", reach_m=200)
    )
    assert _by_tract(any_service, "organizations")["Tract T1"] == 2  # S2 and the food bank S4


def test_branch_catchment_covers_tracts_by_centroid(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites, ASK)
    covered = {t for t, b in _by_tract(result, "branches").items() if b}
    assert covered == {"Tract T1", "Tract T3", "Tract T4", "Tract T5", "Tract T7"}
    branch = grid_area.branches.iloc[0]
    assert catchment_tracts(grid_area.tracts, branch, 999) == [GEOIDS[4]]


def test_area_summary_sums_need_with_moe(grid_area, grid_sites):
    result = compute_gaps(grid_area, grid_sites, ASK)
    summary = summarize_area(result, [GEOIDS[0], GEOIDS[1], GEOIDS[2]])
    assert summary["need"] == 1300
    assert summary["need_moe"] == pytest.approx((100**2 + 80**2 + 120**2) ** 0.5)
    assert summary["organizations_within_reach"] == 2  # S2 reaches two tracts, counted once
    assert summary["tracts_without_organization"] == 1
    assert summary["need_in_tracts_without_organization"] == 300
    assert summary["best_rank"] == 2


def test_branch_language_groups(grid_area, grid_sites):
    groups = branch_language_groups(grid_area, grid_sites, [GEOIDS[3], GEOIDS[4]], ASK)
    spanish = groups.set_index("language_group").loc["Spanish"]
    assert spanish["need"] == 1400 and spanish["organizations"] == 1
    arabic = groups.set_index("language_group").loc["Arabic"]
    assert arabic["need"] == 60 and arabic["organizations"] == 1  # S3 inside T3
    assert len(groups) == 12
    assert groups.set_index("language_group").loc["Korean", "reliability"] == "not available"


def test_unknown_group_and_missing_tables_are_clear(grid_area, grid_sites):
    with pytest.raises(DataNotAvailable, match="12 C16001 language groups"):
        compute_gaps(grid_area, grid_sites, GapQuestion(language_group="Klingon"))
    with pytest.raises(DataNotAvailable, match=r"B05006 \(place of birth\)"):
        compute_gaps(grid_area, grid_sites, GapQuestion(measure="origin", countries=("Mexico",)))


def test_rank_gaps_leaves_tracts_without_figures_unranked():
    need = pd.DataFrame(
        {
            "estimate": [10.0, float("nan")],
            "moe": [1.0, float("nan")],
            "cv": [6.0, float("nan")],
            "reliability": ["high", "unreliable"],
        },
        index=["a", "b"],
    )
    ranked = rank_gaps(need, pd.Series(dtype=int))
    assert ranked.loc["a", "rank"] == 1 and pd.isna(ranked.loc["b", "rank"])


def test_csv_neutralizes_organization_names(grid_area, grid_sites):
    grid_sites.loc[0, "name"] = "=HYPERLINK(1)"
    text = ranking_csv(compute_gaps(grid_area, grid_sites, ASK)).decode()
    assert "'=HYPERLINK(1)" in text and text.splitlines()[0].startswith("rank,geoid,tract,need")


def _street_graph(tmp_path, length_m):
    """Two street corners: one inside T5, one on S5's doorstep 150 m east of T5."""
    ox = pytest.importorskip("osmnx")
    import networkx as nx

    from tests.analysis.conftest import lonlat

    graph = nx.MultiDiGraph(crs="EPSG:4326")
    for node, (x, y) in {1: (2950, 1500), 2: (3150, 1500)}.items():
        lon, lat = lonlat(x, y)
        graph.add_node(node, x=lon, y=lat)
    graph.add_edge(1, 2, length=length_m)
    graph.add_edge(2, 1, length=length_m)
    path = tmp_path / f"streets_{length_m:.0f}.graphml"
    ox.save_graphml(graph, path)
    return path


@pytest.mark.parametrize(("street_m", "reached"), [(190.0, 1), (210.0, 0)])
def test_reach_along_streets(grid_area, grid_sites, tmp_path, street_m, reached):
    graph = _street_graph(tmp_path, street_m)
    result = compute_gaps(grid_area, grid_sites, ASK, street_graph=graph)
    counts = _by_tract(result, "organizations")
    assert counts["Tract T5"] == reached  # S5 by the street, not the 150 m straight line
    assert counts["Tract T4"] == 1  # S1 lies inside T4: always within reach
    assert counts["Tract T0"] == 2  # sites far from any street are not snapped into reach
    assert "along streets" in result.reach_rule and graph.name in result.reach_rule


@pytest.mark.parametrize(
    ("code", "countries", "services"),
    [
        ("zh", "墨西哥、中国", "移民法律援助、英语与成人教育"),
        ("ar", "墨西哥 و中国", "مساعدة قانونية في الهجرة والإنجليزية وتعليم الكبار"),
    ],
)
def test_chosen_countries_and_services_are_listed_as_the_reader_lists_them(
    code, countries, services
):
    from geo.analysis.gap_texts import gap_texts
    from geo.i18n import translator

    q = GapQuestion(measure="origin", countries=("墨西哥", "中国"), services=("legal", "english"))
    texts = gap_texts(q, translate=translator(code).gettext, locale=code)
    assert texts.need_label.endswith(countries)
    assert services in texts.notes[-1] and ", " not in texts.notes[-1]
    english = gap_texts(q)  # the command line's English, as before
    assert english.need_label.endswith("墨西哥, 中国")
    assert "Immigration legal help, English and adult education." in english.notes[-1]

"""Class breaks against margins of error, on values small enough to check by hand."""

import pandas as pd
import pytest

from geo.census.classes import SpanCount, compute_fewest_spanning_breaks, count_spanning_tracts

# Eight tracts, each ± 2: a dense run 10..14 and a sparse one 20..22.
EST = pd.Series([10, 11, 12, 13, 14, 20, 21, 22], dtype=float)
MOE = pd.Series([2.0] * 8)


def test_tracts_whose_interval_spans_a_break_are_counted():
    # Break 13.5 (the median): 12 ± 2, 13 ± 2 and 14 ± 2 reach both sides; 22 closes the top.
    got = count_spanning_tracts(EST, MOE, (13.5, 22.0))
    assert got == SpanCount(spanning=3, checked=8)
    assert got.sentence().startswith("3 of 8 tracts could belong to another class")


def test_an_interval_ending_on_the_break_stays_in_its_class():
    # 10 ± 2 = 8..12: values <= 12 are the lower class, so the break 12 is not spanned.
    assert count_spanning_tracts(pd.Series([10.0]), pd.Series([2.0]), (12.0, 20.0)).spanning == 0
    assert count_spanning_tracts(pd.Series([10.0]), pd.Series([2.0]), (11.9, 20.0)).spanning == 1


def test_breaks_move_to_where_intervals_overlap_least():
    # Between 14 (up to 16) and 20 (from 18) no interval reaches 16: break at 16.
    bounds = compute_fewest_spanning_breaks(EST, MOE, k=2)
    assert bounds == (16.0, 22.0)
    assert count_spanning_tracts(EST, MOE, bounds).spanning == 0


def test_every_class_keeps_a_fair_share_of_tracts():
    # Five classes of 20 tracts: each class holds at least 20 // 10 = 2 tracts. The
    # intervals 0..1, 0.5..1.5, ... leave no gap, so each of the 4 breaks touches one.
    est = pd.Series(range(20), dtype=float)
    bounds = compute_fewest_spanning_breaks(est, pd.Series([0.5] * 20), k=5)
    assert len(bounds) == 5
    sizes = pd.cut(est, [-1, *bounds]).value_counts()
    assert sizes.min() >= 2
    assert count_spanning_tracts(est, pd.Series([0.5] * 20), bounds).spanning == 4


def test_fewer_breaks_than_a_quantile_classification_on_noisy_data():
    import mapclassify
    import numpy as np

    rng = np.random.default_rng(7)
    est = pd.Series(np.concatenate([rng.normal(100, 30, 150), rng.normal(400, 40, 50)]))
    moe = est.abs() * 0.25
    quantiles = tuple(mapclassify.Quantiles(est.to_numpy(), k=5).bins)
    ours = compute_fewest_spanning_breaks(est, moe, k=5)
    before = count_spanning_tracts(est, moe, quantiles).spanning
    after = count_spanning_tracts(est, moe, ours).spanning
    assert len(ours) == 5 and after < before


def test_without_margins_of_error_nothing_can_be_checked():
    got = count_spanning_tracts(EST, pd.Series([float("nan")] * 8), (13.5, 22.0))
    assert got == SpanCount(spanning=0, checked=0, without_moe=8)
    assert got.sentence() == "No margin of error supplied: class breaks cannot be checked."


@pytest.mark.parametrize("values", [[], [5.0, 5.0, 5.0]])
def test_no_or_one_distinct_value(values):
    est = pd.Series(values, dtype=float)
    assert compute_fewest_spanning_breaks(est, est * 0 + 1) == tuple(sorted(set(values)))[-1:]

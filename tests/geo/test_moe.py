"""Margins of error of derived figures, checked against hand calculations."""

import math

import pandas as pd
import pytest

from geo.census import moe


def s(*values):
    return pd.Series(values, dtype=float)


def test_sum_of_estimates_uses_root_sum_of_squares():
    moes = pd.DataFrame({"a": [30.0], "b": [40.0]})
    assert moe.moe_sum(moes).iloc[0] == pytest.approx(50.0)


def test_sum_keeps_only_the_largest_moe_of_zero_estimates():
    # Handbook: for several zero estimates include only the largest zero-estimate MOE.
    est = pd.DataFrame({"a": [0], "b": [0], "c": [10]})
    moes = pd.DataFrame({"a": [20.0], "b": [30.0], "c": [5.0]})
    assert moe.moe_sum(moes, est).iloc[0] == pytest.approx(math.sqrt(30**2 + 5**2))


def test_proportion_moe_subtracts_the_whole():
    # p = 5000/20000 = 0.25 -> sqrt(300² - 0.25² * 600²) / 20000
    got = moe.moe_proportion(s(5000), s(300), s(20000), s(600)).iloc[0]
    assert got == pytest.approx(math.sqrt(90000 - 22500) / 20000)


def test_proportion_falls_back_to_ratio_formula_when_root_is_negative():
    got = moe.moe_proportion(s(10), s(10), s(20), s(60)).iloc[0]
    assert got == pytest.approx(math.sqrt(100 + 0.25 * 3600) / 20)


def test_proportion_of_empty_whole_is_missing_not_zero():
    assert math.isnan(moe.moe_proportion(s(0), s(10), s(0), s(12)).iloc[0])


def test_cv_and_reliability_classes():
    est = s(1000, 100, 10, 0)
    moes = s(100, 40, 20, 15)
    cv = moe.coefficient_of_variation(est, moes)
    assert cv.iloc[0] == pytest.approx(100 / 1.645 / 1000 * 100)
    assert list(moe.classify_reliability(cv)) == ["high", "caution", "unreliable", "unreliable"]

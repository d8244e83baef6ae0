"""Need measures on the three-tract fixture of tests/geo (figures checked by hand)."""

import pytest

from geo.analysis.need import compute_need, unavailable_measures
from geo.errors import DataNotAvailable
from tests.geo.conftest import T1, tiny_tables  # noqa: F401


def test_country_of_origin_need_sums_countries_with_moe(tiny_tables):  # noqa: F811
    need = compute_need(tiny_tables, "origin", countries=("Bhutan", "Nepal"))
    assert need.loc[T1, "estimate"] == 300
    assert need.loc[T1, "moe"] == pytest.approx(50.0)  # sqrt(40² + 30²)


def test_arrived_since_2010_is_a_product_with_the_handbook_moe(tiny_tables):  # noqa: F811
    need = compute_need(tiny_tables, "origin_recent", countries=("Bhutan",))
    # 200 born in Bhutan × 300/400 of the tract's foreign-born arrived 2010 or later
    assert need.loc[T1, "estimate"] == pytest.approx(150.0)
    # share MOE sqrt(50² − 0.75²·(50² + 30²)) / 400; product sqrt(200²·MOEp² + 0.75²·40²)
    assert need.loc[T1, "moe"] == pytest.approx(32.355, abs=0.001)


def test_measures_a_study_area_lacks_say_which_table_is_missing(tiny_tables):  # noqa: F811
    only_origin = {k: v for k, v in tiny_tables.items() if k in ("B05006", "B01003")}
    reasons = unavailable_measures(only_origin)
    assert set(reasons) == {"limited_english", "origin_recent"}
    assert "C16001 (language spoken at home by English ability)" in reasons["limited_english"]
    with pytest.raises(DataNotAvailable, match="B05005"):
        compute_need(only_origin, "origin_recent", countries=("Bhutan",))

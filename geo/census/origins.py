"""The country-of-origin section of a profile: the foreign-born total first, then the
countries the user chose (combined), then the top countries.

A community scan starts from how many foreign-born residents live in the area and what
share of everyone they are; the countries follow as shares of the foreign-born.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from geo.census import moe as m
from geo.census.acs import AcsTable
from geo.census.indicators import country_variables
from geo.errors import DataNotAvailable
from geo.i18n import N_
from geo.messages import Message, enumeration

TITLE = N_("Foreign-born residents and top countries of origin")
FOREIGN_BORN_ITEM = N_("Foreign-born total")
ALL_RESIDENTS = N_("all residents")
FOREIGN_BORN = N_("foreign-born residents")


def cells_total(table: AcsTable, variables: Sequence[str], geoids: Sequence[str]) -> tuple:
    """Sum and MOE of every (tract, variable) cell: handbook equation 1 over all of them.

    The zero-estimate rule (keep only the largest MOE of the zero cells) applies to the
    whole sum, so a combination of countries is not inflated by empty cells.
    """
    ids, cols = list(geoids), list(dict.fromkeys(variables))
    est = table.estimates[cols].reindex(ids).to_numpy(dtype=float).ravel()
    moes = table.moes[cols].reindex(ids).to_numpy(dtype=float).ravel()
    known = ~np.isnan(est)
    if not known.any():
        return float("nan"), float("nan")
    if np.isnan(moes[known]).any():  # a part without an MOE leaves the sum's MOE unknown
        return float(est[known].sum()), float("nan")
    row = (1, -1)  # one row of cells: a 2-D array, not a list (pandas builds that slowly)
    total_moe = m.moe_sum(
        pd.DataFrame(moes[known].reshape(row)), pd.DataFrame(est[known].reshape(row))
    ).iloc[0]
    return float(est[known].sum()), float(total_moe)


def figure_row(
    item: str, part: float, part_moe: float, whole: float, whole_moe: float, share_of: str
) -> dict[str, object]:
    """One profile row: a count ± MOE and its share of ``whole`` ± MOE (equation 3,
    falling back to the ratio formula when the root's argument is negative)."""
    s = pd.Series
    share = part / whole if whole and not np.isnan(whole) else float("nan")
    share_moe = float(
        m.moe_proportion(s([part]), s([part_moe]), s([whole]), s([whole_moe])).iloc[0]
    )
    cv = m.coefficient_of_variation(s([part]), s([part_moe]))
    reliability = m.classify_reliability(cv).iloc[0]
    if np.isnan(part_moe) and not np.isnan(part):
        reliability = "no_moe"
    return {
        "item": item,
        "estimate": part,
        "moe": part_moe,
        "share": share,
        "share_moe": share_moe if not np.isnan(share) else float("nan"),
        "share_of": share_of if not np.isnan(share) else "",
        "cv": float(cv.iloc[0]),
        "reliability": reliability,
    }


def chosen_label(countries: Sequence[str]) -> Message:
    """The row name of the chosen countries' combined total.

    A :class:`~geo.messages.Message`: English in files (CSV, PDF) and for matching rows, said
    in the reader's language on the page, the countries listed as that language lists them.
    """
    return Message(N_("Chosen countries combined ({countries})"), countries=enumeration(countries))


def item_label(item: str, countries: Sequence[str] = ()) -> str | Message:
    """A profile row's name to show: this module's own row names as Messages (said in the
    reader's language), any other (an ACS label, a country) as it is.

    Rows are kept in pandas' string columns, which hold English text only, so the page
    asks here with the chosen ``countries`` of the profile.
    """
    if item == FOREIGN_BORN_ITEM:
        return Message(FOREIGN_BORN_ITEM)
    if countries and item == chosen_label(countries):
        return chosen_label(countries)
    return item


def build_origin_rows(
    tables: Mapping[str, AcsTable],
    geoids: Sequence[str],
    countries: Sequence[str] = (),
) -> pd.DataFrame:
    """The foreign-born total (share of all residents) and the chosen countries combined.

    Raises
    ------
    DataNotAvailable
        If B05006 is not loaded or a chosen country is not one of its labels.
    """
    if "B05006" not in tables:
        raise DataNotAvailable.said(N_("Table B05006 (place of birth) is not loaded."))
    b05006 = tables["B05006"]
    fb, fb_moe = cells_total(b05006, [b05006.find("Total")], geoids)
    pop, pop_moe = float("nan"), float("nan")
    if "B01003" in tables:
        b01003 = tables["B01003"]
        pop, pop_moe = cells_total(b01003, [b01003.find("Total")], geoids)
    rows = [figure_row(FOREIGN_BORN_ITEM, fb, fb_moe, pop, pop_moe, ALL_RESIDENTS)]
    if countries:
        lookup = country_variables(tables)
        unknown = [c for c in countries if c not in lookup]
        if unknown:
            raise DataNotAvailable.said(
                N_("B05006 has no country of birth named '{country}'."),
                country="', '".join(unknown),
            )
        part, part_moe = cells_total(b05006, [lookup[c] for c in countries], geoids)
        rows.append(figure_row(chosen_label(countries), part, part_moe, fb, fb_moe, FOREIGN_BORN))
    return pd.DataFrame(rows)

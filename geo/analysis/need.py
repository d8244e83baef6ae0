"""How many people need help in a language, per tract, each figure with its MOE.

Three measures (:data:`NEED_MEASURES`); a study area that lacks a table says which measure is
not available and why (New York City's real files hold B05006 and B01003 only, so only the
country-of-origin measure works there).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.census import moe as m
from geo.census.acs import AcsTable
from geo.census.indicators import IndicatorOptions, compute_indicator
from geo.errors import DataNotAvailable
from geo.i18n import N_
from geo.messages import Listing, Message, n_


@dataclass(frozen=True, kw_only=True)
class NeedMeasure:
    """One way of counting people in need in a tract."""

    key: str
    label: str
    tables: tuple[str, ...]


NEED_MEASURES: dict[str, NeedMeasure] = {
    n.key: n
    for n in (
        NeedMeasure(
            key="limited_english",
            label=N_('Residents of the language group who speak English less than "very well"'),
            tables=("C16001",),
        ),
        NeedMeasure(
            key="origin",
            label=N_("Foreign-born from the chosen countries"),
            tables=("B05006",),
        ),
        NeedMeasure(
            key="origin_recent",
            label=N_(
                "Foreign-born from the chosen countries who arrived 2010 or later (estimated)"
            ),
            tables=("B05006", "B05005"),
        ),
    )
}
TABLE_TOPICS = {
    "C16001": N_("language spoken at home by English ability"),
    "B05006": N_("place of birth"),
    "B05005": N_("period of entry"),
}
RECENT_NOTE = N_(
    "B05006 is not broken down by year of arrival, so 'arrived 2010 or later' is estimated as "
    "the chosen countries' foreign-born times the tract's share of all foreign-born who arrived "
    "2010 or later (B05005); the MOE uses the handbook's product formula."
)


def unavailable_measures(tables: Mapping[str, AcsTable]) -> dict[str, Message]:
    """Need measures this study area cannot give, each with the reason in plain words.

    The reasons are :class:`~geo.messages.Message` s: English as text, ``say(reason, code)``
    in the interface language.
    """
    out = {}
    for key, measure in NEED_MEASURES.items():
        missing = [t for t in measure.tables if t not in tables]
        if missing:
            # the table names first: a call marked N_() inside n_() hides n_'s plural from
            # the extractor
            listed = Listing(
                (
                    Message(N_("{table} ({topic})"), table=t, topic=Message(TABLE_TOPICS[t]))
                    for t in missing
                ),
                ", ",
            )
            out[key] = n_(
                "{measure}: not available, because table {tables} is not loaded for this "
                "study area.",
                "{measure}: not available, because tables {tables} are not loaded for this "
                "study area.",
                len(missing),
                measure=Message(measure.label),
                tables=listed,
            )
    return out


def compute_need(
    tables: Mapping[str, AcsTable],
    measure: str,
    *,
    language_group: str | None = None,
    countries: Sequence[str] = (),
) -> pd.DataFrame:
    """Per-tract need: ``estimate, moe, cv, reliability`` indexed by GEOID.

    Parameters
    ----------
    tables
        The study area's ACS tables.
    measure
        A key of :data:`NEED_MEASURES`.
    language_group, countries
        The C16001 group (``limited_english``) or B05006 countries (the other two).

    Raises
    ------
    DataNotAvailable
        If a table the measure needs is missing, or the choice it needs is not made.
    """
    reason = unavailable_measures(tables).get(measure)
    if reason:
        raise DataNotAvailable(reason)
    if measure == "limited_english":
        options = IndicatorOptions(language_group=language_group)
        values = compute_indicator(tables, "limited_english_share", options)
        return _counted(values["numerator"], values["numerator_moe"])
    origin = compute_indicator(tables, "origin_count", IndicatorOptions(countries=tuple(countries)))
    if measure == "origin":
        return _counted(origin["estimate"], origin["moe"])
    recent = compute_indicator(tables, "arrived_2010_share").reindex(origin.index)
    a, a_moe = origin["estimate"], origin["moe"]
    p, p_moe = recent["estimate"], recent["moe"]
    # Product of two estimates (ACS handbook 2020, ch. 8, equation 5).
    return _counted(a * p, np.sqrt(a**2 * p_moe**2 + p**2 * a_moe**2))


def _counted(estimate: pd.Series, moe: pd.Series) -> pd.DataFrame:
    cv = m.coefficient_of_variation(estimate, moe)
    return pd.DataFrame(
        {"estimate": estimate, "moe": moe, "cv": cv, "reliability": m.classify_reliability(cv)}
    )

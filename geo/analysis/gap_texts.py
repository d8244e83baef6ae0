"""The gap question, and the measure, rules and notes that state it in words.

The sentences are ``N_`` templates: the command line prints them in English, the page
passes them through the interface language first (:func:`gap_texts` with ``translate``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geo.analysis.need import NEED_MEASURES, RECENT_NOTE
from geo.analysis.reach import CATCHMENT_RULE, STRAIGHT_RULE, STREET_RULE
from geo.i18n import N_, format_list
from geo.vocab import SERVICE_CATEGORIES

GAP_RULE = N_(
    "Gap = people in need per matching organization within reach (an organization counts "
    "once when any of its sites is within reach). A tract with no matching organization "
    "within reach counts as having one, so its gap equals its need."
)
UNRELIABLE_LAST = N_(
    "Tracts whose need figure is unreliable (CV above 30%, or an estimate of 0) are ranked "
    "after every reliable tract, whatever their gap."
)
UNRELIABLE_MIXED = N_(
    "Unreliable need figures are ranked among the reliable ones by their gap (you asked for "
    "this); they are marked in the 'reliability' column."
)


@dataclass(frozen=True, kw_only=True)
class GapQuestion:
    """What the user asks: whose need, which services, how far is within reach."""

    measure: str = "limited_english"
    language_group: str = "Spanish"
    countries: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    reach_m: float = 800.0
    catchment_m: float = 1000.0
    unreliable_last: bool = True


@dataclass(frozen=True, kw_only=True)
class GapTexts:
    """What the page and the command line say beside a ranking, in one language."""

    need_label: str
    reach_rule: str
    catchment_rule: str
    notes: list[str]


def gap_texts(
    q: GapQuestion,
    *,
    unplaced_sites: int = 0,
    street_graph: str | None = None,
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> GapTexts:
    """Sentences from the ``N_`` templates, translated first, figures filled in after.

    ``locale`` lists the chosen countries and services as the interface language lists
    them (``墨西哥、中国和越南``); without one they are joined by ", ".
    """
    tr = translate
    if q.measure == "limited_english":
        need = tr(N_("{group}: speak English less than “very well”")).format(
            group=tr(q.language_group)
        )
    else:
        need = f"{tr(NEED_MEASURES[q.measure].label)}: {format_list(q.countries, locale)}"
    if street_graph:
        reach = tr(STREET_RULE).format(m=q.reach_m, graph=street_graph)
    else:
        reach = tr(STRAIGHT_RULE).format(m=q.reach_m)
    notes = [tr(GAP_RULE), tr(UNRELIABLE_LAST if q.unreliable_last else UNRELIABLE_MIXED)]
    if q.measure == "origin_recent":
        notes.append(tr(RECENT_NOTE))
    if unplaced_sites:
        notes.append(
            tr(
                N_(
                    "Matching sites that have no location yet are not counted for any tract "
                    "({n}; place them in the asset directory)."
                )
            ).format(n=unplaced_sites)
        )
    services = format_list((tr(SERVICE_CATEGORIES.get(s, s)) for s in q.services), locale)
    notes.append(
        tr(N_("Services counted: {services}.")).format(services=services or tr(N_("any service")))
    )
    return GapTexts(
        need_label=need,
        reach_rule=reach,
        catchment_rule=tr(CATCHMENT_RULE).format(m=q.catchment_m),
        notes=notes,
    )

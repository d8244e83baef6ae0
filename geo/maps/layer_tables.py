"""Every layer of the home map as a table: tracts, organization sites, branches; the legend as text.

A map is a picture; these tables carry the same content for people who cannot see it, who
use a keyboard or a screen reader, or who want to sort and download what the map shows
(issue 15). Each table holds exactly what the map draws for the current filters, and its
CSV holds the same rows (cells starting with ``= + - @`` neutralized against spreadsheet
formula injection).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd

from geo.cells import neutralize_cell
from geo.census.moe import RELIABILITY_LABELS
from geo.i18n import N_, english_n, format_list, format_number
from geo.maps.layers import Classes, format_value
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES, split_list

SITE_TABLE_COLUMNS = {
    "name": N_("Organization"),
    "place": N_("Site"),
    "service_labels": N_("Services"),
    "language_labels": N_("Languages"),
    "hours": N_("Opening hours"),
    "phone": N_("Phone"),
    "website": N_("Website"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "organization_id": N_("Organization id"),
}
BRANCH_TABLE_COLUMNS = {
    "branch_id": N_("Branch id"),
    "name": N_("Branch"),
    "address": N_("Address"),
    "hours": N_("Opening hours"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
}
# The tract table's columns the text legend reads (English keys; headings are translated).
CLASS_COLUMN, RELIABILITY_COLUMN, MET_COLUMN = (
    N_("Map class"),
    N_("Reliability"),
    N_("Meets every threshold"),
)
NOT_AVAILABLE = N_("not available")


def class_labels(classes: Classes, kind: str, locale: str | None = None) -> list[str]:
    """Text of each class of the legend, lightest first (``≤ 31.7%``, ``31.7% – 36.6%``).

    With a language code, numbers are written as that language writes them.
    """
    labels, lower = [], None
    for bound in classes.upper_bounds:
        labels.append(
            f"≤ {format_value(bound, kind, locale)}"
            if lower is None
            else f"{format_value(lower, kind, locale)} – {format_value(bound, kind, locale)}"
        )
        lower = bound
    return labels


def class_index(classes: Classes, estimates: pd.Series) -> np.ndarray:
    """Class of each estimate (0 = lightest), -1 when not available; as the map colours."""
    values = estimates.to_numpy(dtype=float)
    if not classes.upper_bounds:
        return np.full(len(values), -1)
    index = np.searchsorted(np.asarray(classes.upper_bounds), values, side="left")
    index = np.minimum(index, len(classes.upper_bounds) - 1)
    return np.where(np.isnan(values), -1, index)


def build_tract_table(
    tracts: pd.DataFrame,
    values: pd.DataFrame | None,
    classes: Classes,
    *,
    label: str,
    kind: str,
    highlighted: pd.Index,
    show_highlight: bool,
    translate: Callable[[str], str] = str,
    locale: str | None = None,
) -> pd.DataFrame:
    """One row per tract: its name, the indicator ± its 90% MOE, reliability and class.

    Parameters
    ----------
    tracts
        The study area's tracts, indexed by GEOID, with ``NAME``.
    values
        ``compute_indicator`` of the indicator shown (None: not available here).
    label, kind
        The indicator's label and kind (``share``: shown in percent).
    highlighted, show_highlight
        Tracts meeting the thresholds; the column is there only when thresholds are set.
    translate
        The interface language's ``gettext`` for headings and words (default: English);
        ``label`` comes already translated; ``locale`` writes the class bounds' numbers.
    """
    tr = translate
    aligned = (
        values.reindex(tracts.index)
        if values is not None
        else pd.DataFrame(index=tracts.index, columns=["estimate", "moe", "reliability"])
    )
    estimate = aligned["estimate"].astype(float)
    moe = aligned["moe"].astype(float)
    scale, unit = (100.0, " (%)") if kind == "share" else (1.0, "")
    labels = np.array([*class_labels(classes, kind, locale), tr(NOT_AVAILABLE)], dtype=object)
    reliability = {k: tr(v) for k, v in RELIABILITY_LABELS.items()}
    table = pd.DataFrame(
        {
            "GEOID": tracts.index.astype(str),
            tr(N_("Tract")): tracts["NAME"].astype(str).to_numpy(),
            f"{label}{unit}": (estimate * scale).round(1).to_numpy(),
            tr(N_("± 90% margin of error")) + unit: (moe * scale).round(1).to_numpy(),
            tr(RELIABILITY_COLUMN): aligned["reliability"].map(reliability).fillna("—").to_numpy(),
            tr(CLASS_COLUMN): labels[class_index(classes, estimate)],
        }
    )
    if show_highlight:
        table[tr(MET_COLUMN)] = tracts.index.isin(highlighted)
    return table


def site_labels(sites: pd.DataFrame) -> pd.DataFrame:
    """``service_labels`` and ``language_labels``: the codes as words, computed once per file."""
    return pd.DataFrame(
        {
            "service_labels": [_labels(v, SERVICE_CATEGORIES) for v in sites["category"]],
            "language_labels": [_labels(v, LANGUAGES) for v in sites["languages"]],
        },
        index=sites.index,
    )


def _labels(cell: object, names: dict[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in split_list(cell))


def build_site_table(
    sites: pd.DataFrame, translate: Callable[[str], str] = str, locale: str | None = None
) -> pd.DataFrame:
    """One row per site drawn (public fields only: no contact persons, no notes).

    ``translate`` gives the headings in the interface language; the services and
    languages cells are the English labels of ``service_labels``/``language_labels`` put
    through it too (names, places, hours and phones stay as recorded).
    """
    frame = sites.reindex(columns=list(SITE_TABLE_COLUMNS))
    if translate is not str or locale:
        word = functools.cache(translate)  # a few dozen labels over hundreds of sites
        for column in ("service_labels", "language_labels"):
            frame[column] = [translated_list(v, word, locale) for v in frame[column]]
    headings = {k: translate(v) for k, v in SITE_TABLE_COLUMNS.items()}
    return frame.rename(columns=headings).reset_index(drop=True)


def translated_list(
    cell: object, translate: Callable[[str], str], locale: str | None = None
) -> object:
    """A cell of English labels joined by ", " with each label put through ``translate``
    and listed as ``locale`` lists them (``西班牙语、法语和阿拉伯语``; ", " without one)."""
    if not isinstance(cell, str) or not cell:
        return cell
    return format_list((translate(label) for label in cell.split(", ")), locale)


def build_branch_table(
    branches: pd.DataFrame, translate: Callable[[str], str] = str
) -> pd.DataFrame:
    """One row per library branch drawn (those with coordinates); headings via ``translate``.

    The home map and the gap map draw the same branches: one table for both.
    """
    placed = branches.dropna(subset=["lat", "lon"])
    frame = placed.reindex(columns=list(BRANCH_TABLE_COLUMNS))
    headings = {k: translate(v) for k, v in BRANCH_TABLE_COLUMNS.items()}
    return frame.rename(columns=headings).reset_index(drop=True)


def legend_lines(
    classes: Classes,
    tract_table: pd.DataFrame,
    *,
    label: str,
    kind: str,
    scheme: str,
    translate: Callable[[str], str] = str,
    n_: Callable[[str, str, int], str] = english_n,
    locale: str | None = None,
) -> list[str]:
    """The legend as plain text: each class, lightest to darkest, with its tract count.

    ``tract_table`` is :func:`build_tract_table` with the same ``translate`` and ``locale``;
    ``label`` and ``scheme`` come already translated; ``n_`` gives the singular or plural
    of a count; ``locale`` writes the numbers (class bounds, counts) as its language does.
    """
    tr = translate
    classes_drawn = tract_table[tr(CLASS_COLUMN)]
    counts = classes_drawn.value_counts()

    def tracts(count: int) -> str:
        shown = count_text(count, locale)
        return n_("{count} tract", "{count} tracts", count).format(count=shown)

    lines = [
        tr(N_("{label} ({scheme}), from the lightest colour to the darkest:")).format(
            label=label, scheme=scheme
        )
    ]
    for position, text in enumerate(class_labels(classes, kind, locale), start=1):
        lines.append(
            tr(N_("class {position}: {range} ({tracts})")).format(
                position=position, range=text, tracts=tracts(int(counts.get(text, 0)))
            )
        )
    missing = int(counts.get(tr(NOT_AVAILABLE), 0))
    lines.append(tr(N_("grey: not available ({tracts})")).format(tracts=tracts(missing)))
    # The map fades an unreliable figure; a tract with no figure is grey, never faded
    # (a zero population gives no share, and its reliability says "unreliable").
    unreliable = tract_table[tr(RELIABILITY_COLUMN)] == tr(RELIABILITY_LABELS["unreliable"])
    faded = int((unreliable & (classes_drawn != tr(NOT_AVAILABLE))).sum())
    lines.append(
        tr(N_("faded with a dashed outline: unreliable estimate ({tracts})")).format(
            tracts=tracts(faded)
        )
    )
    if tr(MET_COLUMN) in tract_table:
        met = int(tract_table[tr(MET_COLUMN)].sum())
        lines.append(
            tr(N_("thick magenta outline: meets every threshold ({tracts})")).format(
                tracts=tracts(met)
            )
        )
    return lines


def branch_legend_line(
    branches: int,
    radius_m: float,
    n_: Callable[[str, str, int], str] = english_n,
    locale: str | None = None,
) -> str:
    """The legend's line for the branches' circles and their dashed catchments.

    Said alike under every map that draws branches (the Gaps map, presenter slides).
    """
    return n_(
        "dark blue circle: a library branch, with its {metres} m catchment dashed ({count} drawn)",
        "dark blue circles: library branches, with their {metres} m catchments dashed "
        "({count} drawn)",
        branches,
    ).format(count=count_text(branches, locale), metres=count_text(radius_m, locale))


def count_text(count: float, locale: str | None = None) -> str:
    """A whole number as ``locale`` writes it (``1 000`` in French); ``1,000`` without one."""
    return format_number(count, locale) if locale else f"{count:,.0f}"


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with BOM, so spreadsheets read accents), formulas defused."""
    safe = table.copy()
    for column in safe.select_dtypes(include=["object", "string"]).columns:
        safe[column] = safe[column].map(neutralize_cell)
    return safe.to_csv(index=False).encode("utf-8-sig")

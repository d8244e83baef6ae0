"""Every layer of the home map as a table: tracts, organization sites, branches; the legend as text.

A map is a picture; these tables carry the same content for people who cannot see it, who
use a keyboard or a screen reader, or who want to sort and download what the map shows
(issue 15). Each table holds exactly what the map draws for the current filters, and its
CSV holds the same rows (cells starting with ``= + - @`` neutralized against spreadsheet
formula injection).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.cells import neutralize_cell
from geo.census.moe import RELIABILITY_LABELS
from geo.maps.layers import Classes, format_value
from geo.vocab import LANGUAGES, SERVICE_CATEGORIES, split_list

SITE_TABLE_COLUMNS = {
    "name": "Organization",
    "place": "Site",
    "service_labels": "Services",
    "language_labels": "Languages",
    "hours": "Opening hours",
    "phone": "Phone",
    "website": "Website",
    "lat": "Latitude",
    "lon": "Longitude",
    "organization_id": "Organization id",
}
BRANCH_TABLE_COLUMNS = {
    "branch_id": "Branch id",
    "name": "Branch",
    "address": "Address",
    "hours": "Opening hours",
    "lat": "Latitude",
    "lon": "Longitude",
}


def class_labels(classes: Classes, kind: str) -> list[str]:
    """Text of each class of the legend, lightest first (``≤ 31.7%``, ``31.7% – 36.6%``)."""
    labels, lower = [], None
    for bound in classes.upper_bounds:
        labels.append(
            f"≤ {format_value(bound, kind)}"
            if lower is None
            else f"{format_value(lower, kind)} – {format_value(bound, kind)}"
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
    """
    aligned = (
        values.reindex(tracts.index)
        if values is not None
        else pd.DataFrame(index=tracts.index, columns=["estimate", "moe", "reliability"])
    )
    estimate = aligned["estimate"].astype(float)
    moe = aligned["moe"].astype(float)
    scale, unit = (100.0, " (%)") if kind == "share" else (1.0, "")
    labels = np.array([*class_labels(classes, kind), "not available"], dtype=object)
    table = pd.DataFrame(
        {
            "GEOID": tracts.index.astype(str),
            "Tract": tracts["NAME"].astype(str).to_numpy(),
            f"{label}{unit}": (estimate * scale).round(1).to_numpy(),
            f"± 90% margin of error{unit}": (moe * scale).round(1).to_numpy(),
            "Reliability": aligned["reliability"].map(RELIABILITY_LABELS).fillna("—").to_numpy(),
            "Map class": labels[class_index(classes, estimate)],
        }
    )
    if show_highlight:
        table["Meets every threshold"] = tracts.index.isin(highlighted)
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


def build_site_table(sites: pd.DataFrame) -> pd.DataFrame:
    """One row per site drawn (public fields only: no contact persons, no notes)."""
    frame = sites.reindex(columns=list(SITE_TABLE_COLUMNS))
    return frame.rename(columns=SITE_TABLE_COLUMNS).reset_index(drop=True)


def build_branch_table(branches: pd.DataFrame) -> pd.DataFrame:
    """One row per library branch drawn (those with coordinates)."""
    placed = branches.dropna(subset=["lat", "lon"])
    frame = placed.reindex(columns=list(BRANCH_TABLE_COLUMNS))
    return frame.rename(columns=BRANCH_TABLE_COLUMNS).reset_index(drop=True)


def legend_lines(
    classes: Classes, tract_table: pd.DataFrame, *, label: str, kind: str, scheme: str
) -> list[str]:
    """The legend as plain text: each class, lightest to darkest, with its tract count."""
    counts = tract_table["Map class"].value_counts()
    lines = [f"{label} ({scheme}), from the lightest colour to the darkest:"]
    for position, text in enumerate(class_labels(classes, kind), start=1):
        lines.append(f"class {position}: {text} ({int(counts.get(text, 0)):,} tracts)")
    lines.append(f"grey: not available ({int(counts.get('not available', 0)):,} tracts)")
    faded = int((tract_table["Reliability"] == RELIABILITY_LABELS["unreliable"]).sum())
    lines.append(f"faded with a dashed outline: unreliable estimate ({faded:,} tracts)")
    if "Meets every threshold" in tract_table:
        met = int(tract_table["Meets every threshold"].sum())
        lines.append(f"thick magenta outline: meets every threshold ({met:,} tracts)")
    return lines


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with BOM, so spreadsheets read accents), formulas defused."""
    safe = table.copy()
    for column in safe.select_dtypes(include=["object", "string"]).columns:
        safe[column] = safe[column].map(neutralize_cell)
    return safe.to_csv(index=False).encode("utf-8-sig")

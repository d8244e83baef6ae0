"""The profile's bar charts (Altair), shared by the page and the PDF.

The PDF renders the same Vega-Lite spec to PNG with ``vl-convert-python``, which runs
Vega in-process: no browser, no network.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo.census.moe import RELIABILITY_LABELS
from geo.census.profiles import ProfileSection

RELIABILITY_COLOURS = ["#2c7fb8", "#7fb3d5", "#cccccc", "#e0c080"]


def chart_rows(section: ProfileSection) -> pd.DataFrame:
    """Rows whose shares share one universe (the foreign-born total, a share of all
    residents, is left out of a chart of shares of the foreign-born)."""
    rows = section.rows.dropna(subset=["share"])
    if "share_of" in rows and section.universe:
        rows = rows[rows["share_of"].isin([section.universe, ""])]
    return rows[rows["item"] != section.universe]  # the universe itself is always 100%


def build_section_chart(section: ProfileSection, vintage: str) -> alt.LayerChart | None:
    """Bars of the shares with their 90% MOE as error bars; None for fewer than two."""
    r = chart_rows(section)
    if len(r) < 2:
        return None
    data = pd.DataFrame(
        {
            "item": r["item"],
            "share": r["share"] * 100,
            "low": (r["share"] - r["share_moe"]).clip(lower=0) * 100,
            "high": (r["share"] + r["share_moe"]) * 100,
            "reliability": r["reliability"].map(RELIABILITY_LABELS),
        }
    )
    of = f" of {section.universe}" if section.universe else ""
    x_title = f"Share{of} (%), ± 90% MOE · {vintage}"
    y = alt.Y("item:N", sort=None, title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("share:Q", title=x_title),
            color=alt.Color(
                "reliability:N",
                title="Reliability",
                legend=alt.Legend(labelLimit=240),
                scale=alt.Scale(
                    domain=list(RELIABILITY_LABELS.values()), range=RELIABILITY_COLOURS
                ),
            ),
            tooltip=["item", alt.Tooltip("share:Q", format=".1f"), "reliability"],
        )
    )
    errors = (
        alt.Chart(data).mark_errorbar().encode(y=y, x=alt.X("low:Q", title=x_title), x2="high:Q")
    )
    return (bars + errors).properties(height=30 * len(data) + 60)


def render_chart_png(chart: alt.LayerChart, *, width: int = 330, scale: float = 3.0) -> bytes:
    """The chart as a PNG for print, rendered offline (vl-convert runs Vega in-process);
    the legend goes below so the bars keep the width."""
    import vl_convert

    spec = chart.properties(width=width).configure_legend(orient="bottom").to_dict()
    return vl_convert.vegalite_to_png(spec, scale=scale)

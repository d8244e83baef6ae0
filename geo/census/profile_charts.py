"""The profile's bar charts (Altair), shared by the page and the PDF.

The PDF renders the same Vega-Lite spec to PNG with ``vl-convert-python``, which runs
Vega in-process: no browser, no network. The chart's own words (axis title, legend,
tooltips) come from a ``translate`` callable and its numbers are written as the reader's
``language`` writes them (a Vega number locale from Babel: ``12,5`` in Spanish);
the census's row labels are data and stay as recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType

import altair as alt
import pandas as pd

from geo.census.area_words import say_vintage
from geo.census.moe import RELIABILITY_LABELS
from geo.census.origins import item_label
from geo.census.profiles import ProfileSection
from geo.i18n import DEFAULT, N_, format_number, format_share, is_rtl
from geo.messages import Message

__all__ = ["build_section_chart", "chart_rows", "number_locale", "render_chart_png"]

RELIABILITY_COLOURS = ["#2c7fb8", "#7fb3d5", "#cccccc", "#e0c080"]
_X_TITLE = N_("Share (%), ± 90% MOE · {vintage}")
_X_TITLE_OF = N_("Share of {universe} (%), ± 90% MOE · {vintage}")


def chart_rows(section: ProfileSection) -> pd.DataFrame:
    """Rows whose shares share one universe (the foreign-born total, a share of all
    residents, is left out of a chart of shares of the foreign-born)."""
    rows = section.rows.dropna(subset=["share"])
    if "share_of" in rows and section.universe:
        rows = rows[rows["share_of"].isin([section.universe, ""])]
    return rows[rows["item"] != section.universe]  # the universe itself is always 100%


def number_locale(language: str) -> dict:
    """The Vega (d3-format) number locale of ``language``, from Babel as the tables use:
    the axis reads ``12,5`` in Spanish and ``12.5`` in English."""
    sample = format_number(1000.5, language, decimals=1)  # "1,000.5", "1.000,5", "1 000,5"
    return {
        "decimal": sample[-2],
        "thousands": sample[1],
        "grouping": [3],
        "currency": ["", ""],
    }


def _chart_data(
    rows: pd.DataFrame, translate: Callable[[str], str], language: str, countries: Sequence[str]
) -> pd.DataFrame:
    """The plotted figures (percent) and their tooltips, written as the reader writes them;
    the app's own row names (the chosen countries combined) in the reader's words."""
    low = (rows["share"] - rows["share_moe"]).clip(lower=0)
    high = rows["share"] + rows["share_moe"]
    labels = {key: translate(label) for key, label in RELIABILITY_LABELS.items()}
    return pd.DataFrame(
        {
            "item": [_say(item_label(str(i), countries), language) for i in rows["item"]],
            "share": rows["share"] * 100,
            "low": low * 100,
            "high": high * 100,
            "reliability": rows["reliability"].map(labels),
            "share_text": [
                f"{format_share(s, language)} ± {format_share(m, language)}"
                for s, m in zip(rows["share"], rows["share_moe"], strict=True)
            ],
            "interval_text": [
                f"{format_share(a, language)} – {format_share(b, language)}"
                for a, b in zip(low, high, strict=True)
            ],
        }
    )


def _x_title(section: ProfileSection, vintage: str, tr: Callable[[str], str]) -> str:
    """What the bars measure: share of which universe, with MOE and vintage."""
    if section.universe:
        universe = tr(section.universe)
        return tr(_X_TITLE_OF).format(universe=universe, vintage=say_vintage(vintage, tr))
    return tr(_X_TITLE).format(vintage=say_vintage(vintage, tr))


def _say(label: object, language: str) -> str:
    """A row name as the reader reads it: a Message in ``language``, data as recorded."""
    return label.in_language(language) if isinstance(label, Message) else str(label)


def _isolated(title: str, language: str) -> str:
    """A title in a right-to-left language set as a right-to-left isolate (RLI … PDI):
    Vega lays a title out left to right, which put "90%" and "ACS 2019-2023" of an
    Arabic title in the wrong places."""
    return f"\u2067{title}\u2069" if is_rtl(language) else title


def build_section_chart(
    section: ProfileSection,
    vintage: str,
    *,
    translate: Callable[[str], str] = str,
    language: str = DEFAULT,
    countries: Sequence[str] = (),
) -> alt.LayerChart | None:
    """Bars of the shares with their 90% MOE as error bars; None for fewer than two.

    Parameters
    ----------
    section : ProfileSection
        One section of the profile.
    vintage : str
        The survey and years, said in the axis title.
    translate : callable, optional
        The reader's gettext for the chart's own words; English by default.
    language : str, optional
        How the axis and tooltips write numbers (``12,5`` in Spanish).
    countries : sequence of str, optional
        The profile's chosen countries, whose combined row is the app's own words.

    Returns
    -------
    alt.LayerChart or None
        Bars and error bars, or None when the section has fewer than two shares.
    """
    r = chart_rows(section)
    if len(r) < 2:
        return None
    tr = translate
    data = _chart_data(r, tr, language, countries)
    x_title = _isolated(_x_title(section, vintage, tr), language)
    legend_title = _isolated(tr(N_("Reliability")), language)
    item = alt.Tooltip("item:N", title="title")  # vega-tooltip's heading: the row, unlabelled
    interval = alt.Tooltip("interval_text:N", title=_isolated(tr(N_("Interval (90%)")), language))
    y = alt.Y("item:N", sort=None, title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("share:Q", title=x_title),
            color=alt.Color(
                "reliability:N",
                title=legend_title,
                legend=alt.Legend(labelLimit=240),
                scale=alt.Scale(
                    domain=[tr(label) for label in RELIABILITY_LABELS.values()],
                    range=RELIABILITY_COLOURS,
                ),
            ),
            tooltip=[
                item,
                alt.Tooltip("share_text:N", title=_isolated(tr(N_("Share ± MOE")), language)),
                alt.Tooltip("reliability:N", title=legend_title),
            ],
        )
    )
    errors = (
        alt.Chart(data)
        .mark_errorbar()
        .encode(y=y, x=alt.X("low:Q", title=x_title), x2="high:Q", tooltip=[item, interval])
    )
    chart = (bars + errors).properties(height=30 * len(data) + 60)
    return chart.configure(locale=alt.Locale(number=number_locale(language)))


def render_chart_png(chart: alt.LayerChart, *, width: int = 330, scale: float = 3.0) -> bytes:
    """The chart as a PNG for print, rendered offline (vl-convert runs Vega in-process);
    the legend goes below so the bars keep the width."""
    import vl_convert

    _use_fonts(vl_convert)
    spec = chart.properties(width=width).configure_legend(orient="bottom").to_dict()
    return vl_convert.vegalite_to_png(spec, scale=scale)


@cache
def _use_fonts(vl_convert: ModuleType) -> None:
    """Give Vega the PDF's Noto fonts (Chinese, Arabic...): without them a Chinese chart
    printed empty boxes. Missing fonts are reported by the PDF itself."""
    from geo.pdf.fonts import default_font_dir

    if default_font_dir().is_dir():
        vl_convert.register_font_directory(str(default_font_dir()))

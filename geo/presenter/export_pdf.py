"""A story as a PDF handout: one page per slide with the map drawn in Python (GeoPandas and
matplotlib, no browser), the caption, the legend and the slide's figures with their MOE."""

from __future__ import annotations

import io
import math
import textwrap
from datetime import date

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display: handouts are built on servers
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from geo.census.study_area import StudyArea  # noqa: E402
from geo.maps.gap_map import BRANCH_COLOUR, SITE_COLOUR  # noqa: E402
from geo.maps.layers import NO_DATA_COLOUR, format_value  # noqa: E402
from geo.presenter.slide_map import SlideFigures  # noqa: E402

A4_LANDSCAPE = (11.69, 8.27)


def _draw_map(
    ax: plt.Axes, area: StudyArea, outlines: gpd.GeoDataFrame, figures: SlideFigures
) -> None:
    values = figures.values.reindex(outlines.index)
    colours = [figures.classes.colour_of(v) for v in values["estimate"]]
    faded = (values["reliability"] == "unreliable") & values["estimate"].notna()
    outlines.plot(ax=ax, color=colours, edgecolor="#555555", linewidth=0.2)
    if faded.any():
        outlines[faded.to_numpy()].plot(
            ax=ax, color="white", alpha=0.55, edgecolor="#555555", linewidth=0.4, linestyle="--"
        )
    orgs = figures.organizations
    ax.scatter(orgs["lon"], orgs["lat"], s=9, c=SITE_COLOUR, edgecolors="#222222", linewidths=0.3)
    branches = area.branches.dropna(subset=["lat", "lon"])
    ax.scatter(
        branches["lon"], branches["lat"], s=28, c=BRANCH_COLOUR, marker="s", edgecolors="white"
    )
    ax.set_axis_off()
    ax.set_aspect(1 / max(0.2, math.cos(math.radians(float(outlines.total_bounds[1])))))


def _legend(figures: SlideFigures) -> list[Patch | Line2D]:
    handles: list[Patch | Line2D] = []
    lower = None
    for bound, colour in zip(figures.classes.upper_bounds, figures.classes.colours, strict=True):
        upper = format_value(bound, figures.kind)
        text = f"≤ {upper}" if lower is None else f"{format_value(lower, figures.kind)} – {upper}"
        handles.append(Patch(facecolor=colour, edgecolor="#777777", label=text))
        lower = bound
    handles += [
        Patch(facecolor=NO_DATA_COLOUR, edgecolor="#777777", label="not available"),
        Patch(facecolor="white", edgecolor="#555555", linestyle="--", label="unreliable (faded)"),
        Line2D([], [], marker="o", ls="", color=SITE_COLOUR, label="organization"),
        Line2D([], [], marker="s", ls="", color=BRANCH_COLOUR, label="library branch"),
    ]
    return handles


def export_story_pdf(
    title: str,
    area_pages: list[tuple[StudyArea, gpd.GeoDataFrame, SlideFigures, str, tuple[str, ...]]],
) -> bytes:
    """One A4 landscape page per slide: ``(area, outlines, figures, caption, figure lines)``."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": title, "Creator": "Welcome Atlas"}) as pdf:
        for number, (area, outlines, figures, caption, lines) in enumerate(area_pages, start=1):
            fig = plt.figure(figsize=A4_LANDSCAPE)
            ax = fig.add_axes((0.02, 0.08, 0.6, 0.8))
            _draw_map(ax, area, outlines, figures)
            fig.text(0.02, 0.94, title, fontsize=11, color="#555555")
            fig.text(
                0.64,
                0.86,
                "\n".join(textwrap.wrap(caption or "(no caption)", 30)),
                fontsize=18,
                va="top",
                weight="bold",
            )
            fig.text(
                0.64,
                0.62,
                "\n".join(textwrap.fill(line, 52) for line in lines),
                fontsize=10,
                va="top",
            )
            fig.legend(
                handles=_legend(figures),
                loc="lower left",
                bbox_to_anchor=(0.64, 0.08),
                fontsize=9,
                title=textwrap.fill(figures.label, 45),
                title_fontsize=9,
                frameon=False,
            )
            labelled = "not a real place" in area.label.casefold()
            note = (
                " · Illustrative data, not a real place"
                if area.illustrative and not labelled
                else ""
            )
            fig.text(
                0.02,
                0.025,
                f"{area.label} · {area.vintage}{note} · 90% margins of error · "
                f"{date.today():%Y-%m-%d} · page {number}/{len(area_pages)}",
                fontsize=8,
                color="#555555",
            )
            pdf.savefig(fig)
            plt.close(fig)
    return buffer.getvalue()

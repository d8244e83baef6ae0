"""Turn a stored story into what is shown or exported: per slide its map, figures and caption."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd

from geo.census.study_area import StudyArea
from geo.presenter.export_html import ExportSlide, export_story_html
from geo.presenter.export_pdf import HandoutPage, export_story_pdf
from geo.presenter.slide_map import build_slide_map, compute_slide, figure_lines
from geo.presenter.stories import StoryRecord

AreaLoader = Callable[[str], tuple[StudyArea, gpd.GeoDataFrame]]  # name -> (area, outlines)


def story_html(story: StoryRecord, load_area: AreaLoader, organizations: pd.DataFrame) -> str:
    """The story as one self-contained HTML file (see :mod:`geo.presenter.export_html`)."""
    slides, stamps = [], set()
    for slide in story.slides:
        area, outlines = load_area(slide.view.study_area)
        figures = compute_slide(area, organizations, slide.view)
        slides.append(
            ExportSlide(
                caption=slide.caption,
                figures=figure_lines(area, figures),
                map=build_slide_map(area, outlines, figures, slide.view),
            )
        )
        labelled = "not a real place" in area.label.casefold()
        note = (
            " · Illustrative data, not a real place" if area.illustrative and not labelled else ""
        )
        stamps.add(f"{area.label} · {area.vintage}{note}")
    return export_story_html(story.name, slides, stamp=" | ".join(sorted(stamps)))


def story_pdf(story: StoryRecord, load_area: AreaLoader, organizations: pd.DataFrame) -> bytes:
    """The story as a PDF handout, one page per slide."""
    pages = []
    for slide in story.slides:
        area, outlines = load_area(slide.view.study_area)
        figures = compute_slide(area, organizations, slide.view)
        pages.append(
            HandoutPage(
                area=area,
                outlines=outlines,
                figures=figures,
                caption=slide.caption,
                lines=figure_lines(area, figures),
                view=slide.view,
            )
        )
    return export_story_pdf(story.name, pages)

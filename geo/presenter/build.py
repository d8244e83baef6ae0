"""Turn a stored story into what is shown or exported: per slide its map, figures and caption.

``language`` is the interface language of whoever exports (the page passes the session's):
the exports' own words are in it and their numbers written as it writes them, while
captions and names stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd

from geo.census.study_area import StudyArea
from geo.i18n import DEFAULT, translator
from geo.presenter.export_html import ExportSlide, export_story_html
from geo.presenter.export_pdf import HandoutPage, export_story_pdf
from geo.presenter.slide_map import area_stamp, build_slide_map, compute_slide, figure_lines
from geo.presenter.slide_tables import build_slide_tables
from geo.presenter.stories import StoryRecord

AreaLoader = Callable[[str], tuple[StudyArea, gpd.GeoDataFrame]]  # name -> (area, outlines)


def story_html(
    story: StoryRecord,
    load_area: AreaLoader,
    organizations: pd.DataFrame,
    *,
    language: str = DEFAULT,
) -> str:
    """The story as one self-contained HTML file (see :mod:`geo.presenter.export_html`)."""
    catalog = translator(language)
    tr = catalog.gettext
    slides, stamps = [], set()
    for slide in story.slides:
        area, outlines = load_area(slide.view.study_area)
        figures = compute_slide(area, organizations, slide.view, tr, language)
        slides.append(
            ExportSlide(
                caption=slide.caption,
                figures=figure_lines(area, figures, translate=tr, code=language),
                map=build_slide_map(
                    area, outlines, figures, slide.view, translate=tr, code=language
                ),
                tables=build_slide_tables(
                    area,
                    outlines,
                    figures,
                    slide.view,
                    translate=tr,
                    n_=catalog.ngettext,
                    code=language,
                ),
            )
        )
        stamps.add(area_stamp(area, tr))
    return export_story_html(
        story.name, slides, stamp=" | ".join(sorted(stamps)), language=language
    )


def story_pdf(
    story: StoryRecord,
    load_area: AreaLoader,
    organizations: pd.DataFrame,
    *,
    language: str = DEFAULT,
) -> bytes:
    """The story as a PDF handout, one page per slide."""
    catalog = translator(language)
    tr = catalog.gettext
    pages = []
    for slide in story.slides:
        area, outlines = load_area(slide.view.study_area)
        figures = compute_slide(area, organizations, slide.view, tr, language)
        tables = build_slide_tables(
            area, outlines, figures, slide.view, translate=tr, n_=catalog.ngettext, code=language
        )
        pages.append(
            HandoutPage(
                area=area,
                outlines=outlines,
                figures=figures,
                caption=slide.caption,
                lines=figure_lines(area, figures, translate=tr, code=language),
                view=slide.view,
                legend=tables.legend,
            )
        )
    return export_story_pdf(story.name, pages, language=language)

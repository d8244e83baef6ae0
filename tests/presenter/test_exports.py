"""A story exported as one self-contained HTML file and as a PDF handout."""

import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from geo.presenter.build import story_html, story_pdf


def test_html_links_nothing_outside_the_file(demo_story, demo_loader, demo_organizations):
    html = story_html(demo_story, demo_loader, demo_organizations)
    assert re.findall(r"(?:src|href)=[\"']?https?://", html) == []
    assert "L.geoJson" in html and "leaflet" in html.casefold()
    assert "Legal help &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Riverton — illustrative data, not a real place · ACS 2019-2023 5-year" in html


def test_html_shows_only_public_organization_fields(demo_story, demo_loader, demo_organizations):
    orgs = demo_organizations.assign(phone="(999) 555-SECRET", collected_by="Secret Staffer")
    html = story_html(demo_story, demo_loader, orgs)
    assert "SECRET" not in html and "Secret Staffer" not in html


def test_pdf_has_one_page_per_slide_with_caption_and_moe(
    demo_story, demo_loader, demo_organizations, tmp_path
):
    pdf = story_pdf(demo_story, demo_loader, demo_organizations)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 2
    assert "Where newcomers live" in pages[0] and "Legal help" in pages[1]
    assert "±" in pages[1] and "Slide 2 of 2" in pages[1]
    assert "Speaks English less than" in pages[1]


def _pdf_text(pdf: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


ARABIC = "مساعدة قانونية للقادمين الجدد"  # legal help for newcomers
CHINESE = "新移民的英语课程"  # English classes for new immigrants


def test_pdf_prints_arabic_and_chinese_captions(
    demo_story, demo_loader, demo_organizations, tmp_path
):
    slides = tuple(
        replace(slide, caption=caption)
        for slide, caption in zip(demo_story.slides, (ARABIC, CHINESE), strict=True)
    )
    story = replace(demo_story, name="ورشة الربيع · 春季讲习班", slides=slides)
    pages = _pdf_text(story_pdf(story, demo_loader, demo_organizations), tmp_path)
    assert len(pages) == 2
    # pdftotext gives Arabic back in logical order when the font shaped it (HarfBuzz);
    # compare without spaces, which shaping may place differently
    assert ARABIC.replace(" ", "") in pages[0].replace(" ", "")
    assert CHINESE in pages[1]
    assert "春季讲习班" in pages[1]
    assert "?" not in "".join(pages) and "could not be printed" not in "".join(pages)


def test_pdf_map_shows_the_slides_centre_and_zoom(demo_story, demo_loader):
    from geo.presenter.export_pdf import HandoutPage, _extent

    area, outlines = demo_loader("demo")
    whole, zoomed = (
        HandoutPage(
            area=area, outlines=outlines, figures=None, caption="", lines=(), view=slide.view
        )
        for slide in demo_story.slides
    )
    assert _extent(whole) is None  # fitted to the study area
    minx, miny, maxx, maxy = _extent(zoomed)  # centre (41.0, -45.0) at zoom 13
    assert ((minx + maxx) / 2, (miny + maxy) / 2) == pytest.approx((-45.0, 41.0))
    assert maxx - minx == pytest.approx(900 * 360 / (256 * 2**13))


@pytest.mark.parametrize("index", [0, 1])
def test_each_handout_page_carries_its_slides_legend_as_text(
    demo_story, demo_loader, demo_organizations, tmp_path, index
):
    from geo.presenter.slide_map import compute_slide
    from geo.presenter.slide_tables import build_slide_tables

    pages = _pdf_text(story_pdf(demo_story, demo_loader, demo_organizations), tmp_path)
    view = demo_story.slides[index].view
    area, outlines = demo_loader(view.study_area)
    figures = compute_slide(area, demo_organizations, view)
    legend = build_slide_tables(area, outlines, figures, view).legend
    page = " ".join(pages[index].split())  # lines wrap in the column
    for line in legend:  # the same lines as the in-app slide's text legend
        assert " ".join(line.split()) in page
    assert "class 1: ≤ " in page and "tracts)" in page
    assert "dashed (10 drawn)" in page  # the branches and their catchments

"""The printable profile: what a reader sees on paper (text extracted with pypdf)."""

import io

import pytest
from pypdf import PdfReader

from geo.census.community import build_community_profile
from geo.census.profile_charts import build_section_chart
from geo.census.profile_pdf import export_pdf
from tests.geo.conftest import T1, T2
from tests.pdf.reading import pdf_text, squeeze


@pytest.fixture
def profile(tiny_area):
    return build_community_profile(
        tiny_area, [T1, T2], title="Two tracts", rule="Picked by hand.", countries=("Nepal",)
    )


def _pages(pdf: bytes) -> list:
    return PdfReader(io.BytesIO(pdf)).pages


def test_pdf_has_the_pages_charts_as_images(profile):
    pdf = export_pdf(profile)
    charts = [s for s in profile.sections if build_section_chart(s, profile.vintage) is not None]
    assert len(charts) == 4  # countries, period of entry, citizenship, English ability
    images = [image for page in _pages(pdf) for image in page.images]
    assert len(images) == len(charts)
    assert all(image.image.width > 600 for image in images)  # print resolution


def test_pdf_prints_less_or_equal_sign_and_vintage_on_every_page(profile):
    pages = _pages(export_pdf(profile))
    text = "\n".join(page.extract_text() for page in pages)
    assert "High: CV ≤ 15%" in text and "<=" not in text
    assert all("Tiny test town · ACS 2019-2023 5-year" in p.extract_text() for p in pages)
    assert "Foreign-born total" in text and "600 ± 72" in text  # sqrt(60² + 40²) = 72.1
    assert "20.0% ± 2.1%*" in text and "* Foreign-born total: share of all residents" in text
    assert "Chosen countries combined (Nepal)" in text


def test_pdf_prints_titles_in_every_script(tiny_area, tmp_path):
    title = "حي المكتبة · 华埠 · Квартал · नया बाज़ार"
    profile = build_community_profile(tiny_area, [T1, T2], title=title, rule="Picked by hand.")
    text = pdf_text(export_pdf(profile), tmp_path)
    for part in title.split(" · "):
        assert squeeze(part) in text, part
    # A line mixing fonts (≤ comes from a fallback) stays whole, no gap inside words.
    assert "Unreliable:CV>30%" in text

"""A story exported as one self-contained HTML file and as a PDF handout."""

import re
import shutil
import subprocess

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
    assert "±" in pages[1] and "page 2/2" in pages[1]
    assert "Speaks English less than" in pages[1]

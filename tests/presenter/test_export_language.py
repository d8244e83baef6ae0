"""Exports speak the exporter's interface language; captions, names and figures stay as typed."""

import shutil
import subprocess
from dataclasses import replace

import pytest

from geo.presenter.build import story_html, story_pdf

CAPTION = "Where newcomers live"  # typed by staff in English: never translated


def _pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_a_spanish_handout_has_spanish_words_and_the_caption_as_typed(
    demo_story, demo_loader, demo_organizations, tmp_path
):
    pages = _pdf_pages(
        story_pdf(demo_story, demo_loader, demo_organizations, language="es"), tmp_path
    )
    last = " ".join(pages[1].split())
    assert "Diapositiva 2 de 2" in last and "Slide" not in last
    assert "Márgenes de error del 90%" in last
    # the legend as text, in Spanish: classes with their tracts, faded tracts, points
    assert "clase 1: ≤ " in last and "atenuado con contorno discontinuo" in last
    assert "círculos naranjas: organizaciones que coinciden" in last
    assert "Habla inglés menos que «muy bien»" in last  # the indicator's label
    assert "Legal help <script>alert(1)</script>" in last  # the caption, as typed
    assert CAPTION in pages[0] and "Spring workshop" in pages[0]


def test_an_english_handout_keeps_english_words(
    demo_story, demo_loader, demo_organizations, tmp_path
):
    pages = _pdf_pages(story_pdf(demo_story, demo_loader, demo_organizations), tmp_path)
    assert "Slide 1 of 2" in " ".join(pages[0].split())
    assert "Diapositiva" not in "".join(pages)


def test_a_french_story_page_has_french_controls_and_the_captions_as_typed(
    demo_story, demo_loader, demo_organizations
):
    html = story_html(demo_story, demo_loader, demo_organizations, language="fr")
    assert '<html lang="fr" dir="ltr">' in html
    assert "◀ Précédente" in html and "Suivante ▶" in html and "Next ▶" not in html
    assert '"Diapositive {number} sur {count}"' in html  # the counter's template
    assert "non disponible" in html and "organisme" in html  # the maps' legends
    assert f"<h2>{CAPTION}</h2>" in html
    assert "<h2>Legal help &lt;script&gt;alert(1)&lt;/script&gt;</h2>" in html


def test_an_arabic_story_page_reads_right_to_left(demo_story, demo_loader, demo_organizations):
    story = replace(demo_story, name="Spring <b>workshop</b>")
    html = story_html(story, demo_loader, demo_organizations, language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "التالي ▶" in html and "الشريحة {number} من {count}" in html
    assert "<title>Spring &lt;b&gt;workshop&lt;/b&gt;</title>" in html  # the name, as typed


def test_an_arabic_handout_prints_every_character_of_its_own_words(
    demo_story, demo_loader, demo_organizations, tmp_path
):
    pdf = story_pdf(demo_story, demo_loader, demo_organizations, language="ar")
    pages = _pdf_pages(pdf, tmp_path)
    text = "".join(pages)
    # Arabic dates carry right-to-left marks no font has: they must not print as "?"
    assert "?" not in text.replace("alert(1)", "")
    assert "الشريحة" in text.replace(" ", "")  # pdftotext may space shaped letters apart
    assert CAPTION in pages[0]


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_latin_captions_after_a_chinese_or_arabic_line_read_as_typed(
    language, demo_story, demo_loader, demo_organizations, tmp_path
):
    # fpdf2 2.8.9 drew a line after one ending in Chinese or Arabic in the page's previous
    # font (geo.pdf.fonts works around it): a caption's second line, wrapped right after its
    # Chinese words, came back as "Spri" (zh) or "wokrisnh·5r" (ar).
    from tests.pdf.reading import pdf_text, squeeze

    captions = [
        "华人社区服务中心的分布地图Where newcomers live",
        "مراكز مساعدة المجتمع في المدينة Legal help",
    ]
    slides = tuple(
        replace(slide, caption=caption)
        for slide, caption in zip(demo_story.slides, captions, strict=True)
    )
    story = replace(demo_story, slides=slides)
    text = pdf_text(story_pdf(story, demo_loader, demo_organizations, language=language), tmp_path)
    for typed in ("Where newcomers live", "Legal help", "Spring workshop"):
        assert squeeze(typed) in text, typed
    assert text.count("Springworkshop") == 2  # the title over each slide

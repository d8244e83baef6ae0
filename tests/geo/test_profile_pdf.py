"""The printable profile: what a reader sees on paper (text extracted with pypdf)."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from geo.census.community import RULES, build_community_profile
from geo.census.profile_charts import build_section_chart
from geo.census.profile_pdf import export_pdf
from geo.i18n import translator
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


# The sheet in the reader's language -------------------------------------------------


def _in(code: str) -> dict:
    """export_pdf's keywords for a reader of ``code``, as the page passes them."""
    words = translator(code)
    return {"translate": words.gettext, "n_": words.ngettext, "language": code}


@pytest.fixture
def nepal(tiny_area):
    """A one-country profile: the group section, its notes and a missing table too."""
    return build_community_profile(
        tiny_area,
        [T1, T2],
        title="Two tracts",
        rule=RULES["centroid"],
        country="Nepal",
        countries=("Nepal",),
    )


ENGLISH = (
    "Community profile",
    "Illustrative data",
    "Aggregation rule",
    "tracts)",
    "margins of error",
    "Estimate±MOE",
    "Share±MOE",
    "Reliability",
    "Whole study area",
    "High reliability",
    "Use with caution",
    "universe",
    "Group: born in",
    "Born in",
    "share of the foreign-born",
    "is not broken down by country of birth",
    "Not available for this study area",
    "page1",
)


def test_spanish_sheet_speaks_spanish_and_writes_numbers_as_spanish_does(nepal, tmp_path):
    text = pdf_text(export_pdf(nepal, **_in("es")), tmp_path)
    for words in (
        "Perfil de la comunidad: Two tracts",
        "Datos ilustrativos, no es un lugar real",
        "Regla de agregación: Un sector censal se cuenta cuando su centroide",
        "(2 sectores censales)",
        "Márgenes de error del 90 %. Alta: CV ≤ 15%",
        "B01003 (población total) no se desglosa por país de nacimiento",
        "Grupo: nacidos en Nepal (B05006; universo: Nacidos en el extranjero;",
        "Población total (B01003; universo: todos los residentes; ACS 2019-2023, estimaciones",
        "Estimación ± MOE",
        "Proporción ± MOE",
        "Confiabilidad",
        "Área de estudio completa",
        "Alta confiabilidad",
        "Usar con precaución",
        "* Total de nacidos en el extranjero: proporción de todos los residentes",
        "No disponible para esta área de estudio (tabla no cargada): C16002 (hogares con",
        "ACS 2019-2023, estimaciones de 5 años · Datos ilustrativos, no es un lugar real",
        "página 1",
    ):
        assert squeeze(words) in text, words
    # numbers as Spanish writes them; the census's own labels and the country as recorded,
    # the profile's own row names in Spanish, its countries listed the Spanish way
    assert squeeze("3.000 ± 180 100,0 % ± 0,0 %") in text
    assert squeeze("Total de nacidos en el extranjero 600 ± 72 20,0 % ± 2,1 %*") in text
    assert squeeze("Países elegidos en conjunto (Nepal)") in text
    assert "Foreign-born total" not in text and "Chosen countries" not in text
    assert "3,000" not in text and "20.0%" not in text
    for english in ENGLISH:
        assert squeeze(english) not in text, english


def test_arabic_sheet_reads_from_the_right_with_its_figures_whole(nepal, tmp_path):
    pdf = export_pdf(nepal, **_in("ar"))
    text = pdf_text(pdf, tmp_path)
    for words in (
        "الملف المجتمعي",
        "قاعدة التجميع",
        "مقطعان إحصائيان",
        "التقدير",
        "الموثوقية",
        "منطقة الدراسة كاملة",
        "موثوقية عالية",
        "الفئة: المولودون في",
        "حسب بلد الميلاد: أرقامه تخص جميع سكان المنطقة",
        "غير متاح لمنطقة الدراسة هذه",
        "الصفحة",
    ):
        assert squeeze(words) in text, words
    assert "Nepal" in text and "Foreign-born" not in text  # the country as recorded
    for english in ENGLISH:
        assert squeeze(english) not in text, english
    # The table is mirrored: the row's label on the right, its figures to its left, each
    # figure left to right ("600 ± 72", not "72 ± 600").
    row = _row_left_to_right(pdf, tmp_path)
    label = [i for i, w in enumerate(row) if re.search("[\u0600-\u06ff]", w)]  # its Arabic name
    assert label and min(label) > row.index("600"), row
    assert row[row.index("600") : row.index("600") + 3] == ["600", "±", "72"]
    english = _row_left_to_right(export_pdf(nepal), tmp_path)
    assert english.index("Foreign-born") < english.index("600")


def test_chinese_sheet_keeps_latin_text_after_a_chinese_line(nepal, tmp_path):
    text = pdf_text(export_pdf(nepal, **_in("zh")), tmp_path)
    for words in (
        "社区概况：Two tracts",
        "汇总规则：",
        "（2 个普查区）",
        "估计值 ± MOE",
        "可靠性高",
        "整个研究区域",
        "第 1 页",
        # a line starting in Latin letters after one ending in Chinese (fpdf2's fallback
        # font left set printed these as garbage)
        "Tiny test town · ACS 2019-2023 5年估计 · 示例数据，并非真实地点",
        "90% 误差幅度。",
        "B01003（总人口）未按出生国细分",
    ):
        assert squeeze(words) in text, words
    for english in ENGLISH:
        assert squeeze(english) not in text, english


@pytest.mark.parametrize("code", ["es", "fr", "ar", "zh"])
def test_stamp_says_the_demo_city_and_the_vintage_in_the_readers_words(code, nepal, tmp_path):
    from dataclasses import replace

    from geo.census.area_words import DEMO_LABEL

    demo = replace(nepal, study_area=DEMO_LABEL)
    words = translator(code).gettext
    text = pdf_text(export_pdf(demo, **_in(code)), tmp_path)
    assert squeeze(words(DEMO_LABEL)) in text
    vintage = words("ACS {first}-{last} {span}-year")  # "مسح المجتمع الأمريكي (ACS) {first}…"
    assert squeeze(vintage.split("{")[0].split("(")[0]) in text
    for english in ("illustrative data, not a real place", "5-year"):
        assert squeeze(english) not in text, english


def test_french_sheet_groups_thousands_with_a_space_it_can_draw_and_names_group_rows(
    nepal, tmp_path
):
    text = pdf_text(export_pdf(nepal, **_in("fr")), tmp_path)
    assert "?" not in text  # "3?000": French's narrow no-break space has no glyph
    assert squeeze("3 000 ± 180") in text
    assert squeeze("Nés en/au Nepal : part des personnes nées à l'étranger") in text
    for english in ENGLISH:
        if english != "page1":  # French says "page 1" too
            assert squeeze(english) not in text, english


def _row_left_to_right(pdf: bytes, tmp_path) -> list[str]:
    """The words of page 1's 'Foreign-born total' row in the order they are drawn."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    row = next(float(y) for x, y, w in found if w == "600")  # only in that row
    return [w for x, y, w in sorted(found, key=lambda f: float(f[0])) if abs(float(y) - row) < 2]

"""Census, analysis and study-area refusals in the reader's language (issue 15).

``str(err)`` stays English (logs, the command line); ``err.in_language(code)`` says the
sentence in the interface language, with file names, typed names and a library's own
reason left exactly as they were.
"""

import pytest

from geo.analysis.need import unavailable_measures
from geo.census.indicators import IndicatorOptions, compute_indicator
from geo.census.store import check_name
from geo.census.tables import read_census_downloads
from geo.errors import DataNotAvailable, GeoError, ImportFormatError
from geo.messages import say


def test_a_file_that_is_not_a_census_download_is_refused_in_french(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("item,amount\nbooks,12\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_census_downloads([path])
    assert str(caught.value).startswith("budget.csv: not a data.census.gov table download.")
    said = caught.value.in_language("fr")
    assert said.startswith("budget.csv : ce n'est pas une table téléchargée de data.census.gov.")
    assert "'-Column-Metadata.csv'" in said


def test_a_study_area_name_is_refused_in_spanish_with_the_name_as_typed():
    with pytest.raises(GeoError) as caught:
        check_name("Nueva York")
    assert str(caught.value).startswith("Study-area name 'Nueva York': use lowercase")
    assert caught.value.in_language("es").startswith(
        "Nombre de área de estudio 'Nueva York': use letras minúsculas"
    )


def test_an_indicator_without_its_countries_says_so_in_arabic(tiny_tables):
    with pytest.raises(DataNotAvailable) as caught:
        compute_indicator(tiny_tables, "origin_share", IndicatorOptions())
    assert str(caught.value) == "Choose at least one country of origin in the sidebar."
    assert caught.value.in_language("ar") == "اختر بلد منشأ واحدًا على الأقل في الشريط الجانبي."


def test_a_need_measure_without_its_tables_is_explained_in_spanish():
    reasons = unavailable_measures({})
    english = reasons["limited_english"]
    assert "not available, because table C16001 (language spoken at home" in english
    said = say(english, "es")
    assert said.startswith("Residentes del grupo lingüístico que hablan inglés"), said
    assert "no disponible, porque la tabla C16001 (idioma hablado en casa según" in said

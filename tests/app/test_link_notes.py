"""A link's notes (what it held that the app could not use) are said in the reader's
language, the link's own values quoted as the link wrote them and listed as that language
lists them."""

from __future__ import annotations

from ui import text

LINK = {"country": ["Bhutan", "Narnia", "Atlantis"], "language": ["es", "zz"], "arrived": "7"}


def _notes(at) -> str:
    return " ".join(i.value for i in at.info)


def test_a_link_with_unknown_countries_opened_in_spanish_says_so_in_spanish(app):
    at = app(query=LINK, language="es")
    assert not at.exception
    assert at.sidebar.multiselect(key="filters.countries").value == ["Bhutan"]
    notes = _notes(at)
    for said in (
        "Esta área de estudio no tiene cifras para 'Narnia' y 'Atlantis'; "
        "se mantienen las demás opciones del enlace.",
        "No conocemos el idioma 'zz' del enlace; se ignoró.",
        "El umbral 'arrived=7' del enlace no es un porcentaje de 0 a 100",
    ):
        assert text.literal(said) in notes, notes
    assert "study area" not in notes and "link" not in notes


def test_the_same_link_in_english_and_chinese(app):
    english = _notes(app(query=LINK))
    assert text.literal("This study area has no figures for 'Narnia', 'Atlantis';") in english
    chinese = _notes(app(query=LINK, language="zh"))
    assert text.literal("此研究区域没有 “Narnia”、“Atlantis” 的数据") in chinese, chinese

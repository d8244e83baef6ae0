"""The community profile page in Spanish: its title, universes, figures and the demo's label."""

import re

from geo.demo import city


def _cells(at) -> list[str]:
    return [str(v) for d in at.dataframe for col in d.value.columns for v in d.value[col]]


def test_the_profile_page_speaks_spanish(app, in_language):
    at = in_language(app("pages/community_profile.py"), "es")
    assert not at.exception
    branch = at.selectbox(key="profile.branch")
    name = branch.format_func(branch.value)
    subheaders = [h.value for h in at.subheader]
    assert f"Perfil: A menos de 1.000 m de {name}" in subheaders, subheaders

    headings = [m.value for m in at.markdown if "universo:" in m.value]
    assert any("universo: todos los residentes" in h for h in headings), headings
    assert not any("universe" in h or "all residents" in h for h in headings)
    assert all("ACS 2019-2023, estimaciones de 5 años" in h for h in headings)

    cells = _cells(at)
    assert "100,0\u00a0% ± 0,0\u00a0%" in cells  # the total population is all residents
    shares = [c for c in cells if "%" in c]
    assert shares and not [c for c in shares if re.search(r"\d\.\d\s?%", c)], shares[:5]
    assert any(c.endswith("de todos los residentes") for c in cells)  # "12,3 % ± … de …"

    caption = " ".join(c.value for c in at.caption)
    assert "Riverton — datos ilustrativos, no es un lugar real" in caption
    assert city.LABEL not in caption
    area_box = at.sidebar.selectbox(key="filters.study_area")
    assert area_box.format_func(area_box.value) == (
        "Riverton — datos ilustrativos, no es un lugar real"
    )


def test_hand_picked_tracts_and_a_country_group_in_spanish(app, in_language):
    at = app("pages/community_profile.py")  # chosen in English: AppTest formats the options
    at.radio(key="profile.kind").set_value("tracts").run()  # in English outside the session
    first = at.multiselect(key="profile.tracts").options[0].split("(")[-1].rstrip(")")
    at.multiselect(key="profile.tracts").set_value([first]).run()
    country = at.selectbox(key="profile.group").options[1]
    at.selectbox(key="profile.group").set_value(country).run()
    at = in_language(at, "es")
    assert not at.exception
    assert "Perfil: 1 sector censal elegido a mano" in [h.value for h in at.subheader]
    assert any(f"**Grupo: nacidos en {country}**" in m.value for m in at.markdown)
    notes = [i.value for i in at.info]
    assert notes and all("no se desglosa por país de nacimiento" in n for n in notes), notes


def test_in_arabic_each_figure_keeps_its_order_beside_arabic_words(app, in_language):
    at = in_language(app("pages/community_profile.py"), "ar")
    assert not at.exception
    branch = at.selectbox(key="profile.branch")
    assert f"الملف: في نطاق 1,000 متر من {branch.format_func(branch.value)}" in [
        h.value for h in at.subheader
    ]
    figures = [c for c in _cells(at) if " ± " in c]
    # the grid draws a cell with Arabic words right to left: a left-to-right mark keeps
    # "20.8% ± 2.2%" from reading "2.2% ± 20.8%"
    assert figures and all(c.startswith("\u200e") for c in figures), figures[:3]
    assert any(c.endswith("من جميع السكان") for c in figures)

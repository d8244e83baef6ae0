"""Presenting a story: under each slide, its map as text and tables (AppTest).

The tables hold what the slide's map draws (the same tract classes, organizations and
branches); the map's words and numbers follow the interface language, data as recorded.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from sqlalchemy.orm import Session

from geo.db import add_asset, make_engine

TYPED = "<img src=x onerror=alert(1)> Clinic"  # an organization's name, as someone typed it


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def _present(app, tmp_path, language="en"):
    """An editor saves two slides (every organization; then legal help only) and presents."""
    at = app("pages/presenter.py", role="editor")
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as s, s.begin():
        site = {"address": "1 Test Street", "lat": 41.0, "lon": -45.0}
        add_asset(
            s, {"name": TYPED, "category": "legal", "languages": "ar", "sites": [site]}, user="t"
        )
    engine.dispose()
    at.text_input(key="presenter.new_name").set_value("Workshop")
    _button(at, "presenter.create").click().run()
    at.text_input(key="presenter.caption").set_value("Everyone")
    _button(at, "presenter.save").click().run()
    at.switch_page("pages/map_explorer.py").run()
    # the map part reruns alone; AppTest's tree then lacks the sidebar: run the page again
    at.sidebar.multiselect(key="filters.categories").set_value(["legal"]).run().run()
    at.switch_page("pages/presenter.py").run()
    at.text_input(key="presenter.caption").set_value("Legal help")
    _button(at, "presenter.save").click().run()
    if language != "en":
        at.sidebar.selectbox(key="ui.language").set_value(language).run()
    _button(at, "presenter.start").click().run()
    assert not at.exception
    return at


def _script(at, *, raw: bool = False) -> str:
    """The slide map's page as streamlit-folium gets it (JSON escapes undone unless ``raw``)."""
    args = next(json.loads(e.proto.json_args) for e in at.get("component_instance"))
    text = args["script"] + args["html"]
    return text if raw else re.sub(r"\\u([0-9a-f]{4})", lambda x: chr(int(x.group(1), 16)), text)


def _colour_groups(script: str) -> set[frozenset[str]]:
    """GEOIDs of the tract layer's features grouped by the fill colour the map gives them."""
    start = script.index("_styler(feature)")
    styler = script[start : script.index("}", script.index("default:", start))]
    groups: dict[str, set[str]] = {}
    for cases, colour in re.findall(
        r'((?:case "\d+":\s*)+)return \{[^}]*"fillColor": "(#\w+)"', styler
    ):
        groups.setdefault(colour, set()).update(re.findall(r'"(\d+)"', cases))
    default = re.search(r'default:\s*return \{[^}]*"fillColor": "(#\w+)"', styler + "}")
    listed = set().union(*groups.values())
    features = set(re.findall(r'"id": "(\d{11})"', script))
    groups.setdefault(default.group(1), set()).update(features - listed)
    return {frozenset(g) for g in groups.values()}


def _tables(at) -> dict:
    """The tables under the slide, in their order (AppTest does not give a frame's key)."""
    tracts, organizations, branches = (d.value for d in at.dataframe)
    return {"tracts": tracts, "organizations": organizations, "branches": branches}


def _the_tables_match_the_slide(at) -> dict:
    script, tables = _script(at), _tables(at)
    tracts = tables["tracts"]
    assert set(tracts.groupby(tracts.columns[-1])["GEOID"].agg(frozenset)) == (
        _colour_groups(script)
    )
    # the circles' names for screen readers (set as text, never markup)
    drawn = Counter(re.findall(r'"label": "Organization site: ((?:[^"\\]|\\.)*)"', script))
    assert drawn == Counter(tables["organizations"]["Organization"])
    branches = re.findall(r'"label": "Library branch: ((?:[^"\\]|\\.)*)"', script)
    assert sorted(branches) == sorted(tables["branches"]["Branch"])
    return tables


def test_each_slides_tables_hold_what_its_map_draws(app, tmp_path):
    at = _present(app, tmp_path)
    (expander,) = at.expander
    assert expander.label.startswith("This slide's map as text and tables")
    everyone = _the_tables_match_the_slide(at)["organizations"]
    assert TYPED in set(everyone["Organization"])  # the name as typed, in its cell
    legend = next(t.value for t in at.text if t.value.startswith("Legend of the map: "))
    assert f"orange circles: matching organizations ({len(everyone)} drawn)" in legend
    assert {d.label for d in at.get("download_button")} >= {"Download tracts (CSV)"}
    _button(at, "presenter.next").click().run()
    legal = _the_tables_match_the_slide(at)["organizations"]
    assert 0 < len(legal) < len(everyone)
    assert set(legal["Services"]) == {"Immigration legal help"}


def test_a_typed_name_reaches_the_slide_map_escaped(app, tmp_path):
    at = _present(app, tmp_path)
    assert "<b>&lt;img src=x onerror=alert(1)&gt; Clinic</b>" in _script(at)  # its tooltip
    assert "<img" not in _script(at, raw=True)  # no markup anywhere in the map's page


def test_a_french_slide_speaks_french_and_writes_french_numbers(app, tmp_path):
    at = _present(app, tmp_path)
    english = _tables(at)["organizations"]
    at.sidebar.selectbox(key="ui.language").set_value("fr").run()  # while presenting
    assert not at.exception
    script = _script(at)
    for words in (
        "Part de la population née à l&#x27;étranger : <b>",  # a tract's tooltip
        "Fiabilité élevée",
        "Bibliothèque de quartier : ",  # a branch's name for screen readers
        'aria-label="Légende"',
        "≤ 31,7\xa0%",  # the legend box's first class, as French writes it
    ):
        assert words in script, words
    for english_words in ("High reliability", "Library branch: ", "not available", "≤ 31.7%"):
        assert english_words not in script, english_words
    legend = next(t.value for t in at.text if t.value.startswith("Légende de la carte : "))
    assert "classe 1 : ≤ 31,7\xa0% (37 secteurs)" in legend
    tables = _tables(at)
    assert list(tables["tracts"].columns[:2]) == ["GEOID", "Secteur de recensement"]
    assert list(tables["organizations"]["Organisme"]) == list(english["Organization"])
    assert at.expander[0].label.startswith("La carte de cette diapositive en texte")


def test_an_arabic_slide_has_arabic_words(app, tmp_path):
    at = _present(app, tmp_path, "ar")
    script = _script(at)
    assert 'aria-label="وسيلة الإيضاح"' in script and "فرع المكتبة: " in script
    assert "Library branch: " not in script and "Legend" not in script
    assert any(t.value.startswith("مفتاح الخريطة: ") for t in at.text)
    assert _tables(at)["organizations"].columns[0] == "المنظمة"

"""The gap map's and the walkabout map's layers as tables of exactly what each map draws."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from sqlalchemy.orm import Session

from geo.db import add_asset, list_assets, make_engine
from tests.app.test_walk_stops import walk_page  # noqa: F401 - the planner, signed in


def _unescaped(text: str) -> str:
    """JSON's \\uXXXX escapes undone (names stay HTML-escaped, as the browser gets them)."""
    return re.sub(r"\\u([0-9a-f]{4})", lambda x: chr(int(x.group(1), 16)), text)


def _map_args(at) -> dict:
    """streamlit-folium's arguments: the map's script and the layers swapped onto it."""
    elements = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
    return next(e for e in elements if "script" in e)


def _table(at, first_column: str, containing: str = ""):
    return next(
        d.value
        for d in at.dataframe
        if d.value.columns[0] == first_column and (not containing or containing in d.value.columns)
    )


def _colour_groups(script: str) -> set[frozenset[str]]:
    """GEOIDs of the need layer's features grouped by the fill colour the map gives them."""
    start = script.index("_styler(feature)")
    end = script.index("}", script.index("default:", start))
    styler = script[start:end]
    groups: dict[str, set[str]] = {}
    pattern = r'((?:case "\d+":\s*)+)return \{[^}]*"fillColor": "(#\w+)"'
    for cases, colour in re.findall(pattern, styler):
        groups.setdefault(colour, set()).update(re.findall(r'"(\d+)"', cases))
    default = re.search(r'default:\s*return \{[^}]*"fillColor": "(#\w+)"', styler + "}")
    features = set(re.findall(r'"id": "(\d{11})"', script))
    listed = set().union(*groups.values())
    groups.setdefault(default.group(1), set()).update(features - listed)
    return {frozenset(g) for g in groups.values()}


def _gap_tables_match_the_map(at) -> None:
    script = _unescaped(_map_args(at)["script"])
    tracts = _table(at, "GEOID")
    sites = _table(at, "Organization", "Organization id")
    branches = _table(at, "Branch id")
    # tracts: one row per outline, grouped into classes exactly as the map colours them
    classes = tracts.groupby("Map class")["GEOID"].agg(frozenset)
    drawn = _colour_groups(script)
    assert set(classes) == drawn
    outlined = set(re.findall(r"Gap rank \d+</b> · [^\[]*\[(\d+)\]", script))
    assert set(tracts.loc[tracts["Outlined as a top gap"], "GEOID"]) == outlined
    assert len(outlined) == 10
    # sites and branches: the names the map's circles carry, one row each
    drawn_sites = Counter(re.findall(r'"label": "Organization site: ((?:[^"\\]|\\.)*)"', script))
    assert drawn_sites == Counter(sites["Organization"])
    drawn_branches = re.findall(r'"label": "Library branch: ((?:[^"\\]|\\.)*)"', script)
    assert sorted(drawn_branches) == sorted(branches["Branch"])
    assert f"Organization sites ({len(sites)})" in [m.value.strip("*") for m in at.markdown]


def test_the_gap_maps_layers_are_tables_of_what_it_draws(app):
    at = app("pages/gaps.py")
    assert not at.exception
    _gap_tables_match_the_map(at)
    everyone = len(_table(at, "Organization", "Organization id"))
    assert {"Need", "Gap"} <= set(_table(at, "Rank").columns)  # the ranking stays too
    legend = next(t.value for t in at.text if t.value.startswith("Legend of the map"))
    assert f"matching organization sites ({everyone} drawn)" in legend
    assert "the 10 best-ranked gaps" in legend
    # another language group: other sites on the map, the same ones in the table
    at.selectbox(key="gaps.language_group").set_value("Arabic").run()
    _gap_tables_match_the_map(at)
    assert len(_table(at, "Organization", "Organization id")) != everyone
    assert "Need" not in _table(at, "GEOID").columns.str.cat()


def test_the_gap_maps_tables_and_legend_speak_the_interface_language(app):
    at = app("pages/gaps.py")
    at.sidebar.selectbox(key="ui.language").set_value("fr").run()
    assert not at.exception
    headings = [c for d in at.dataframe for c in d.value.columns]
    assert "Rang de l'écart" in headings, headings
    assert any(t.value.startswith("Légende de la carte") for t in at.text)


def test_the_gap_maps_own_words_speak_the_interface_language(app):
    """Inside the map too: layer names, tooltips, screen-reader names, the legend box."""
    at = app("pages/gaps.py")
    at.sidebar.selectbox(key="ui.language").set_value("fr").run()
    assert not at.exception
    args = _map_args(at)
    script = _unescaped(args["script"] + args["html"])  # the legend box is in the html
    for words in (
        "Besoin : ",  # the need layer's name
        "très bien” : <b>",  # a tract's tooltip: need label : figure
        "Rang de l&#x27;écart 1",  # a top gap's tooltip
        "personnes dans le besoin par organisme",
        "Les 10 plus grands écarts",  # the outlines' layer name
        "Bibliothèque de quartier : ",  # a branch's name for screen readers
        "Organismes correspondants (",
        "Quantiles · ",
        'aria-label="Légende"',
        "les 10 plus grands écarts",  # the legend box
    ):
        assert words in script, words
    for english in ("Gap rank", "Library branch: ", "Organization site: ", "people in need"):
        assert english not in script, english


def test_the_walk_maps_own_words_speak_the_interface_language(walk_page):  # noqa: F811
    at = walk_page
    at.sidebar.selectbox(key="ui.language").set_value("fr").run()
    options = at.multiselect(key="walkabout.stops").options
    at.multiselect(key="walkabout.stops").set_value(options[:2]).run()
    assert not at.exception
    args = _map_args(at)
    layers, script = _unescaped(args["feature_group"]), _unescaped(args["script"])
    assert re.findall(r"Arrêt (\d) : [^<]*</span>", layers) == ["1", "2"]
    assert "cliquez pour l&#x27;ajouter à la marche" in layers
    assert "cliquez pour le retirer" in layers
    assert "Bibliothèque de quartier, départ et arrivée : " in script
    for english in ("click to add to the walk", "click to drop", "Stop 1: ", "start and end"):
        assert english not in layers + script, english


def test_the_walk_maps_layers_are_tables_of_what_it_draws(walk_page):  # noqa: F811
    at = walk_page
    options = at.multiselect(key="walkabout.stops").options
    at.multiselect(key="walkabout.stops").set_value(options[:3]).run()
    assert not at.exception
    layers = _unescaped(_map_args(at)["feature_group"])  # the layer swapped onto the map
    walk = _table(at, "Stop")
    # the walk: B, the numbered badges in order (their screen-reader names), B again
    named = re.findall(r"Stop (\d+): ([^<]*)</span>", layers)
    assert list(walk["Stop"]) == ["B", *[n for n, _ in named], "B"]
    assert list(walk["Place"][1:-1]) == [html.unescape(label) for _, label in named]
    assert len(named) == 3
    # distances: each leg once, summed into the last row, as the route's totals say
    legs = walk["Distance from the previous stop (m)"][1:]
    assert walk["Distance walked so far (m)"].iloc[-1] == legs.sum()
    km = next(m.value for m in at.metric if m.label == "Distance")
    assert abs(legs.sum() / 1000 - float(km.split()[0])) < 0.01
    # the grey dots: every stop offered and not picked
    grey = re.findall(r"<div>\s*([^<]*)<br><i>click to add to the walk</i>", layers)
    offered = _table(at, "Place", "Distance from the branch, straight line (m)")
    assert Counter(offered["Place"]) == Counter(html.unescape(g) for g in grey)
    assert len(offered) == len(options) - 3


def test_an_organization_saved_elsewhere_is_in_the_gap_tables_at_the_next_rerun(app, tmp_path):
    at = app("pages/gaps.py")
    group = at.selectbox(key="gaps.language_group").value
    sites = _table(at, "Organization", "Organization id")
    first = sites.iloc[0]  # a matching site: a new one beside it is within reach too
    engine = make_engine(f"sqlite:///{tmp_path / 'assets.db'}")
    with Session(engine) as s, s.begin():
        listed = list_assets(s).set_index("organization_id")
        code = listed.loc[first["Organization id"], "languages"]
        add_asset(
            s,
            {
                "name": "Rerun Test Clinic",
                "category": "health",
                "languages": code,
                "sites": [
                    {
                        "address": "1 Test Street",
                        "lat": first["Latitude"],
                        "lon": first["Longitude"],
                    }
                ],
            },
            user="another branch",
        )
    engine.dispose()
    at.run()
    assert at.selectbox(key="gaps.language_group").value == group
    _gap_tables_match_the_map(at)
    assert "Rerun Test Clinic" in set(_table(at, "Organization", "Organization id")["Organization"])

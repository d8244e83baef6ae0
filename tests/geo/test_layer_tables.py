"""The home map's layers as tables: the same tracts, classes, sites and branches as the map."""

from __future__ import annotations

import io

import pandas as pd

from geo.filters import Filters
from geo.maps.asset_map import MapOptions, build_asset_map
from geo.maps.layer_tables import (
    build_branch_table,
    build_site_table,
    build_tract_table,
    legend_lines,
    table_csv,
)
from tests.geo.test_asset_map import build, files  # noqa: F401 - the fixture


def _tract_table(area, view):
    return build_tract_table(
        area.tracts,
        view.values,
        view.classes,
        label=view.indicator_label,
        kind=view.kind,
        highlighted=view.highlighted,
        show_highlight=view.show_highlight,
    )


def test_the_tract_table_gives_each_tract_the_class_the_map_colours_it_with(tiny_area, files):
    view = build(tiny_area, files, min_arrived_2010_pct=50)
    table = _tract_table(tiny_area, view).set_index("GEOID")
    assert list(table.index) == list(tiny_area.tracts.index)
    # The map's own code per tract (map_state): its digit is the class, lightest = 0.
    legend_classes = [
        line.split(": ", 1)[1].rsplit(" (", 1)[0]
        for line in legend_lines(view.classes, table, label="x", kind=view.kind, scheme="q")[1:-2]
    ]
    for geoid, code in zip(files[0].geoids, view.state.codes, strict=True):
        cls = table.loc[geoid, "Map class"]
        assert (
            (cls == "not available") if code == "-" else cls == legend_classes[int(code, 36) % 10]
        )
    share = view.values["estimate"].reindex(table.index) * 100
    column = f"{view.indicator_label} (%)"
    assert (table[column] - share).abs().max() < 0.051
    assert table["Meets every threshold"].to_dict() == {
        g: g in view.highlighted for g in table.index
    }


def test_the_legend_as_text_counts_every_tract_once(tiny_area, files):
    view = build(tiny_area, files)
    table = _tract_table(tiny_area, view)
    lines = legend_lines(view.classes, table, label="Foreign-born", kind=view.kind, scheme="Q")
    counted = sum(int(line.rsplit("(", 1)[1].split()[0]) for line in lines[1:-1])
    assert counted == len(tiny_area.tracts)
    assert lines[0].startswith("Foreign-born (Q)")


def test_site_and_branch_tables_hold_what_the_map_draws_and_no_staff_fields(tiny_area, files):
    view = build(tiny_area, files, languages=("es",))
    sites = build_site_table(view.organizations)
    assert sorted(sites["Organization"]) == sorted(
        ["<img src=x onerror=alert(1)>", "Clinica Latina"]
    )
    assert not {"Collected by", "collected_by", "entry_technique", "description"} & set(sites)
    branches = build_branch_table(tiny_area.branches)
    assert len(branches) == tiny_area.branches.dropna(subset=["lat", "lon"]).shape[0]


def test_the_csv_holds_the_rows_with_formulas_defused(tiny_area, files):
    tracts, sites, site_file = files
    sites = sites.copy()
    sites.loc[sites.index[0], "name"] = '=HYPERLINK("http://x")'
    view = build_asset_map(tiny_area, tracts, sites, Filters(), MapOptions(), sites=site_file)
    table = build_site_table(view.organizations)
    back = pd.read_csv(io.BytesIO(table_csv(table)), dtype=str, encoding="utf-8-sig")
    assert len(back) == len(table)
    assert back["Organization"].iloc[0] == '\'=HYPERLINK("http://x")'
    assert list(back.columns) == list(table.columns)


def test_the_legend_as_text_says_one_tract_in_the_singular(tiny_area, files):
    view = build(tiny_area, files)
    table = _tract_table(tiny_area, view)
    counts = table["Map class"].value_counts()
    assert (counts == 1).any()  # the tiny area has a class of a single tract
    lines = legend_lines(view.classes, table, label="x", kind=view.kind, scheme="q")
    text = "\n".join(lines)
    assert "(1 tract)" in text and "(1 tracts)" not in text


def test_the_tables_and_text_legend_speak_the_interface_language(tiny_area, files):
    from geo.i18n import translator

    es = translator("es")
    view = build(tiny_area, files)
    table = build_tract_table(
        tiny_area.tracts,
        view.values,
        view.classes,
        label=view.indicator_label,
        kind=view.kind,
        highlighted=view.highlighted,
        show_highlight=view.show_highlight,
        translate=es.gettext,
    )
    assert {"Sector censal", "Confiabilidad", "Clase en el mapa"} <= set(table)
    assert set(table["Sector censal"]) == set(tiny_area.tracts["NAME"])  # names as recorded
    lines = legend_lines(
        view.classes,
        table,
        label="x",
        kind=view.kind,
        scheme="q",
        translate=es.gettext,
        n_=es.ngettext,
    )
    assert lines[0] == "x (q), del color más claro al más oscuro:"
    assert "(1 sector censal)" in "\n".join(lines)
    assert sum(int(line.rsplit("(", 1)[1].split()[0]) for line in lines[1:-1]) == len(table)
    sites = build_site_table(view.organizations, translate=es.gettext)
    assert "Clinica Latina" in set(sites["Organización"])  # data stays as recorded


def test_a_tract_with_no_figure_is_counted_grey_not_faded_as_the_map_draws_it(tiny_area, files):
    from geo.maps.map_state import encode_tracts
    from tests.geo.conftest import T3

    view = build(tiny_area, files)
    values = view.values.copy()
    # A tract where nobody lives has no share, and its reliability says "unreliable".
    values.loc[T3, ["estimate", "moe"]] = float("nan")
    assert values.loc[T3, "reliability"] == "unreliable"
    table = build_tract_table(
        tiny_area.tracts,
        values,
        view.classes,
        label="x",
        kind=view.kind,
        highlighted=view.highlighted,
        show_highlight=False,
    )
    lines = legend_lines(view.classes, table, label="x", kind=view.kind, scheme="q")
    codes = encode_tracts(tuple(tiny_area.tracts.index), values, view.classes, view.kind)[0]
    assert codes.count("-") == 1 and not set(codes) & set("abcdefghij")  # grey, none faded
    assert "grey: not available (1 tract)" in lines
    assert "faded with a dashed outline: unreliable estimate (0 tracts)" in lines


def test_a_sites_services_and_languages_are_listed_as_the_reader_lists_them(tiny_area, files):
    from geo.i18n import translator
    from geo.maps.layer_tables import translated_list

    zh = translator("zh").gettext
    assert translated_list("Spanish, Arabic", zh, "zh") == f"{zh('Spanish')}、{zh('Arabic')}"
    assert translated_list("Spanish, Arabic", str) == "Spanish, Arabic"  # no locale: as before
    view = build(tiny_area, files)
    sites = build_site_table(view.organizations, translate=zh, locale="zh")
    cells = sites[zh("Languages")].dropna()
    assert cells.str.contains("、").any() and not cells.str.contains(",").any()

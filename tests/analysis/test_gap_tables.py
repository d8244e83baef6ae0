"""The gap map's legend as text says what the map draws, in the map's own numbers."""

import re

from geo.analysis.gaps import GapQuestion, compute_gaps
from geo.i18n import translator
from geo.maps.gap_map import build_gap_map
from geo.maps.gap_tables import build_gap_tract_table, gap_legend_lines

ASK = GapQuestion(language_group="Spanish", services=("legal",), reach_m=200, catchment_m=1500)


def test_the_legend_text_counts_each_tract_once_with_the_map_boxs_numbers(grid_area, grid_sites):
    fr = translator("fr")
    result = compute_gaps(grid_area, grid_sites, ASK)
    table = build_gap_tract_table(
        grid_area.tracts, result, top=3, translate=fr.gettext, locale="fr"
    )
    lines = gap_legend_lines(
        table, result, sites=6, branches=1, translate=fr.gettext, n_=fr.ngettext, locale="fr"
    )
    classes = [line for line in lines if line.startswith("classe ")]
    counts = [int(re.search(r"\((\d+) secteurs?\)", line)[1]) for line in classes]
    grey = next(line for line in lines if "non disponible" in line)
    assert sum(counts) + int(re.search(r"\((\d+) secteurs?\)", grey)[1]) == len(grid_area.tracts)
    box = (
        build_gap_map(
            grid_area.tracts, result, grid_area.branches, top=3, translate=fr.gettext, code="fr"
        )
        .get_root()
        .render()
    )
    for line in classes:  # the bounds as the legend box on the map writes them
        bounds = line.split(" : ", 1)[1].rsplit(" (", 1)[0]
        assert bounds in box, bounds
    assert "1\u202f500" in lines[-1] and "1,500" not in lines[-1]

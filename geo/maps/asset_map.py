"""The asset map of the home page: what the filters select, and the map that shows it.

:func:`build_asset_map` returns the fixed map (:mod:`geo.maps.home_map`, the same on every
rerun for one study area) and the per-filter :class:`~geo.maps.map_state.MapState` the
browser applies to it, with the figures shown above the map and notices for the user.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import folium
import numpy as np
import pandas as pd

from geo.census.classes import SpanCount, count_spanning_tracts
from geo.census.indicators import IndicatorOptions, compute_indicator, get_indicator
from geo.census.study_area import StudyArea
from geo.errors import DataNotAvailable
from geo.filters import (
    Filters,
    compute_acculturation,
    match_list_cells,
    select_organizations,
    select_tracts_meeting_thresholds,
)
from geo.i18n import english_n, list_patterns
from geo.maps.home_map import build_home_map
from geo.maps.layers import Classes, basemap_data, classify, escape
from geo.maps.legend import build_legend_html
from geo.maps.map_state import (
    MapState,
    class_colours,
    encode_tracts,
    number_format,
    reliability_texts,
)
from geo.maps.map_words import layer_names, map_words, threshold_notices
from geo.maps.sites import ID_COLUMN, SITE_KEY, SiteFile, encode_bits, encode_mask
from geo.maps.tract_file import TractFile
from geo.messages import N_, Message, reason

COUNTRY_INDICATORS = ("origin_share", "origin_count")


@dataclass(frozen=True, kw_only=True)
class MapOptions:
    """How the user wants the map drawn."""

    indicator: str = "foreign_born_share"
    scheme: str = "quantiles"
    catchment_radius_m: float = 1000.0
    language_group: str | None = None
    tiles: str = ""
    legend_note: str | None = None


@dataclass
class MapView:
    """The fixed map, its per-filter state, the figures shown above it and notices."""

    map: folium.Map
    state: MapState
    values: pd.DataFrame | None
    highlighted: pd.Index
    organizations: pd.DataFrame
    headline: dict[str, int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    classes: Classes = field(default_factory=lambda: Classes((), (), "quantiles"))
    indicator_label: str = ""
    kind: str = "share"
    show_highlight: bool = False


def build_asset_map(
    area: StudyArea,
    tracts: TractFile,
    organizations: pd.DataFrame,
    filters: Filters,
    options: MapOptions,
    sites: SiteFile | None = None,
    acculturation: pd.DataFrame | None = None,
    basemap: dict[str, list] | None = None,
    places_url: str | None = None,
    translate: Callable[[str], str] = str,
    n_: Callable[[str, str, int], str] = english_n,
    locale: str = "en",
) -> MapView:
    """Build the home-page map and its headline figures for the current filters.

    Parameters
    ----------
    tracts
        The study area's outlines file (:func:`geo.maps.tract_file.write_tract_file`).
    organizations
        The sites the map may show, one row per site (``geo.maps.sites.placed_sites`` of
        ``geo.db.sites.list_sites``), in the order of ``sites`` when given; the filters
        act on sites.
    sites
        The written sites file; without it the map shows no organizations.
    acculturation, basemap
        ``geo.filters.compute_acculturation(area.tables)`` and
        ``geo.maps.layers.basemap_data(area.basemap)``, passed in when cached.
    places_url
        The written ``geo.maps.home_map.build_places_json`` of the area's branches and base
        layers; without it they are sent inside the map's script.
    translate, n_
        The interface language's ``gettext`` and ``ngettext`` for the map's words, legend,
        notices and layer names (default: English). Names and addresses stay as recorded.
    locale
        The interface language's code: the tooltips' and legend's numbers are written as it
        writes them (``12,3 %`` in French).
    """
    tr = translate
    indicator = get_indicator(area.tables, options.indicator)
    label = tr(indicator.label)
    values, notices = _indicator_values(area, indicator.key, filters, options, label, locale)
    if acculturation is None:
        acculturation = compute_acculturation(area.tables)
    highlighted = select_tracts_meeting_thresholds(acculturation, filters)
    notices += threshold_notices(acculturation, filters, tr)
    keep = _matching(organizations, filters)
    matching = organizations[keep]
    classes, spanning = _classes(values, options.scheme)
    codes, estimates, moes = encode_tracts(tracts.geoids, values, classes, indicator.kind)
    position = {g: i for i, g in enumerate(tracts.geoids)}
    state = MapState(
        codes=codes,
        estimates=estimates,
        moes=moes,
        colours=class_colours(classes),
        kind=indicator.kind,
        label=escape(label),
        reliability=reliability_texts(tr),
        highlight=[position[g] for g in highlighted if g in position],
        sites_url=sites.url if sites is not None else None,
        sites_mask=_sites_mask(sites, organizations, keep, matching),
        sites_shown=len(matching),
        radius_m=float(options.catchment_radius_m),
        legend=build_legend_html(
            classes,
            label=label,
            kind=indicator.kind,
            vintage=area.vintage,
            show_highlight=bool(filters.thresholds),
            note=options.legend_note or (spanning.sentence(tr, n_) if spanning else None),
            translate=tr,
            locale=locale,
        ),
        layer_names=layer_names(
            area,
            label,
            filters,
            highlighted,
            matching,
            options.catchment_radius_m,
            options.tiles,
            tr,
            n_,
        ),
        words=map_words(tr),
        numbers=number_format(locale),
        lists={} if locale == "en" else list_patterns(locale),
    )
    if basemap is None and area.basemap is not None:
        basemap = basemap_data(area.basemap)
    return MapView(
        map=build_home_map(
            bounds=tracts.bounds,
            tracts_url=tracts.url,
            tract_count=len(tracts.geoids),
            branches=area.branches,
            basemap=None if options.tiles else basemap,
            places_url=places_url,
            tiles=options.tiles,
            translate=tr,
        ),
        state=state,
        values=values,
        highlighted=highlighted,
        organizations=matching,
        headline={
            **_headline(area, highlighted, matching),
            "organizations_in_area": int(organizations[ID_COLUMN].nunique()),
            "sites_in_area": len(organizations),
        },
        notices=notices,
        classes=classes,
        indicator_label=label,
        kind=indicator.kind,
        show_highlight=bool(filters.thresholds),
    )


def _classes(values: pd.DataFrame | None, scheme: str) -> tuple[Classes, SpanCount | None]:
    """Class breaks of the indicator, and the tracts whose interval spans a break (None
    without figures)."""
    estimates = values["estimate"] if values is not None else pd.Series(dtype=float)
    moes = values["moe"] if values is not None else pd.Series(dtype=float)
    classes = classify(estimates, scheme, moes=moes)
    if values is None:
        return classes, None
    return classes, count_spanning_tracts(estimates, moes, classes.upper_bounds)


def _indicator_values(
    area: StudyArea, key: str, filters: Filters, options: MapOptions, label: str, locale: str
) -> tuple[pd.DataFrame | None, list[str]]:
    """The indicator per tract, or None with a notice saying why (in language ``locale``)."""
    try:
        chosen = IndicatorOptions(
            countries=filters.countries, language_group=options.language_group
        )
        return compute_indicator(area.tables, key, chosen), []
    except DataNotAvailable as err:
        notice = Message(N_("{label}: {reason}"), label=label, reason=reason(err))
        return None, [notice.in_language(locale)]


def _matching(organizations: pd.DataFrame, filters: Filters) -> pd.Series:
    """Sites matching the filters; with countries chosen, of organizations serving any of them."""
    keep = select_organizations(organizations, filters)
    if filters.countries:
        keep &= match_list_cells(organizations["communities"], filters.countries)
    return keep


def _sites_mask(
    sites: SiteFile | None, organizations: pd.DataFrame, keep: np.ndarray, matching: pd.DataFrame
) -> str | None:
    """The file's bit mask: by position when the rows are the file's sites in its order."""
    if sites is None:
        return None
    if len(organizations) == len(sites.ids) and (
        SITE_KEY not in organizations
        or not len(organizations)
        or (
            organizations[SITE_KEY].iat[0] == sites.ids[0]
            and organizations[SITE_KEY].iat[-1] == sites.ids[-1]
        )
    ):
        return encode_bits(keep)
    return encode_mask(sites.ids, matching)


def _headline(area: StudyArea, highlighted: pd.Index, matching: pd.DataFrame) -> dict[str, int]:
    foreign_born = 0
    if "B05006" in area.tables and len(highlighted):
        t = area.tables["B05006"]
        foreign_born = int(t.estimate(t.find("Total")).reindex(highlighted).fillna(0).sum())
    return {
        "tracts_highlighted": len(highlighted),
        "foreign_born_in_highlighted": foreign_born,
        "organizations_matching": int(matching[ID_COLUMN].nunique()),
        "sites_matching": len(matching),
        "branches": len(area.branches),
    }


def identify_click(
    tooltip: str | None, area: StudyArea, sites: pd.DataFrame
) -> tuple[str, str] | None:
    """What a map click hit, from its tooltip text: ``("tract"|"branch"|"site", key)``.

    Every tooltip of the asset map carries its record's id in square brackets; a site's is
    its :data:`~geo.maps.sites.SITE_KEY` (organization id and site position). A bare
    organization id gives ``("organization", id)``.
    """
    if not tooltip:
        return None
    found = re.search(r"\[([^\[\]]+)\]", tooltip)
    if not found:
        return None
    key = found.group(1)
    if key in area.tracts.index:
        return ("tract", key)
    if key in set(area.branches["branch_id"]):
        return ("branch", key)
    if SITE_KEY in sites and key in set(sites[SITE_KEY]):
        return ("site", key)
    if key in set(sites[ID_COLUMN].astype(str)):
        return ("organization", key)
    return None

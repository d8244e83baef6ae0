"""What a filter click sends to the home map: a few kilobytes, never geometry.

The map in the browser keeps its tract outlines (fetched once, :mod:`geo.maps.tract_file`)
and its sites (:mod:`geo.maps.sites`). Each rerun sends one :class:`MapState`: a class code
per tract, the figures its tooltip shows, the tracts meeting the thresholds, the sites that
match, the catchment radius, the legend and the layer names. streamlit-folium resends its
``feature_group_to_add`` on every rerun; :func:`build_state_layer` wraps the state in one,
so the map's own script (and the iframe holding it) stays the same and the view keeps its
centre and zoom.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.census.moe import RELIABILITY_LABELS
from geo.i18n import format_number, format_share, is_rtl
from geo.maps.layers import NO_DATA_COLOUR, Classes, escape

# One character per tract: class 0-4 as "0"-"4" (reliable), "A"-"E" (use with caution),
# "a"-"e" (unreliable: drawn faded and dashed); "-" when not available;
# "k"-"o" (no published margin of error).
_CLASS_CHARS = {
    "high": "0123456789",
    "caution": "ABCDEFGHIJ",
    "unreliable": "abcdefghij",
    "no_moe": "klmnopqrst",
}


_FAMILIES = pd.Index(list(_CLASS_CHARS))
_CODE_TABLE = np.array([list(chars) for chars in _CLASS_CHARS.values()], dtype=object)


@dataclass(frozen=True, kw_only=True)
class MapState:
    """Everything on the home map that depends on the filters (sent as JSON)."""

    codes: str
    estimates: list[float | None]
    moes: list[float | None]
    colours: list[str]
    kind: str
    label: str
    reliability: dict[str, str]
    highlight: list[int]
    sites_url: str | None
    sites_mask: str | None
    sites_shown: int
    radius_m: float
    legend: str
    layer_names: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)  # English -> interface language
    numbers: dict[str, str | int] = field(default_factory=dict)  # see number_format
    lists: dict[str, str] = field(default_factory=dict)  # geo.i18n.list_patterns; English: none

    def to_json(self) -> str:
        """JSON safe to put inside a ``<script>`` (no ``</`` sequence survives)."""
        shallow = {f.name: getattr(self, f.name) for f in fields(self)}  # asdict deep-copies
        text = json.dumps(shallow, separators=(",", ":"), allow_nan=False)
        return text.replace("</", "<\\/")


def encode_tracts(
    geoids: tuple[str, ...], values: pd.DataFrame | None, classes: Classes, kind: str
) -> tuple[str, list[float | None], list[float | None]]:
    """Class codes, estimates and MOEs in the order of the outlines file.

    Shares travel as tenths of a percent and counts as whole numbers: the tooltip shows no
    more digits than that, and small integers keep the payload small.
    """
    if values is None:
        return "-" * len(geoids), [None] * len(geoids), [None] * len(geoids)
    aligned = values.reindex(list(geoids))
    estimate = aligned["estimate"].to_numpy(dtype=float)
    bounds = np.asarray(classes.upper_bounds, dtype=float)
    index = np.searchsorted(bounds, estimate, side="left") if len(bounds) else estimate * 0
    index = np.minimum(np.nan_to_num(index), max(len(bounds) - 1, 0)).astype(int)
    family = _FAMILIES.get_indexer(aligned["reliability"])
    family[family < 0] = _FAMILIES.get_loc("unreliable")  # missing or unknown
    chars = _CODE_TABLE[family, index]
    chars[np.isnan(estimate)] = "-"
    scale = 1000.0 if kind == "share" else 1.0
    return (
        "".join(chars.tolist()),
        _compact(estimate, scale),
        _compact(aligned["moe"].to_numpy(dtype=float), scale),
    )


def _compact(numbers: np.ndarray, scale: float) -> list[float | None]:
    scaled = np.rint(numbers * scale)
    missing = np.isnan(scaled)
    out = np.where(missing, 0, scaled).astype(np.int64).astype(object)
    out[missing] = None
    return out.tolist()


def number_format(code: str) -> dict[str, str | int]:
    """How the interface language writes the tooltips' numbers (Babel, as the page does).

    ``group`` and ``decimal`` symbols, ``min``: the fewest whole digits that take a group
    symbol minus 3 (Spanish writes 1234 but 12.345), ``percent``: ``{}`` and its sign,
    ``rtl``: 1 when the language reads right to left (a tooltip's lines then read from the
    right, as the Gaps map's do).
    """
    million = format_number(1_000_000, code)  # "1,000,000": two group symbols
    share = format_number(12.5, code, 1)
    return {
        "group": million[1 : 1 + (len(million) - 7) // 2],
        "decimal": share[2:-1] or ".",
        "min": 1 if format_number(1234, code) != "1234" else 2,
        "percent": format_share(0.125, code).replace(share, "{}", 1),
        "rtl": int(is_rtl(code)),
    }


def reliability_texts(translate: Callable[[str], str] = str) -> dict[str, str]:
    """Tooltip line per class-character family (first character of the family), escaped."""
    return {chars[0]: escape(translate(RELIABILITY_LABELS[k])) for k, chars in _CLASS_CHARS.items()}


def class_colours(classes: Classes) -> list[str]:
    """Colours by class index; the browser uses ``NO_DATA_COLOUR`` for ``-``."""
    return [*classes.colours, NO_DATA_COLOUR]


class StateScript(MacroElement):
    """``AtlasMap.apply(state)`` as a script: the only thing a filter click changes."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        window.AtlasMap && window.AtlasMap.apply({{ this.state_json }});
        {% endmacro %}
    """)

    def __init__(self, state: MapState) -> None:
        super().__init__()
        self._name = "AtlasState"
        self.state_json = state.to_json()


def build_state_layer(state: MapState) -> folium.FeatureGroup:
    """The state inside an empty feature group, for ``st_folium(feature_group_to_add=...)``."""
    group = folium.FeatureGroup(name="state", control=False)
    group.add_child(StateScript(state))
    return group

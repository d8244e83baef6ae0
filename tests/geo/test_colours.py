"""Map colours people with colour-vision deficiency can tell apart (issue 15).

Colour vision is simulated with colorspacious (Machado et al. 2009, full severity) and colours
are compared in CAM02-UCS, where a distance of about 1 is just noticeable.
"""

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from geo.maps.layers import PALETTE
from geo.vocab import CATEGORY_COLOURS

VISION = (None, "protanomaly", "deuteranomaly", "tritanomaly")
# ColorBrewer 2.0 qualitative sets the category colours are taken from.
COLORBREWER = {
    "Set1": "e41a1c 377eb8 4daf4a 984ea3 ff7f00 ffff33 a65628 f781bf 999999",
    "Set2": "66c2a5 fc8d62 8da0cb e78ac3 a6d854 ffd92f e5c494 b3b3b3",
    "Set3": "8dd3c7 ffffb3 bebada fb8072 80b1d3 fdb462 b3de69 fccde5 d9d9d9 bc80bd ccebc5 ffed6f",
    "Dark2": "1b9e77 d95f02 7570b3 e7298a 66a61e e6ab02 a6761d 666666",
    "Paired": "a6cee3 1f78b4 b2df8a 33a02c fb9a99 e31a1c fdbf6f ff7f00 cab2d6 6a3d9a ffff99 b15928",
}


def _seen(hex_colour: str, vision: str | None) -> np.ndarray:
    rgb = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]) / 255
    if vision is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CAM02-UCS")


@pytest.mark.parametrize("vision", VISION)
def test_every_two_service_categories_stay_apart(vision):
    seen = {k: _seen(c, vision) for k, c in CATEGORY_COLOURS.items()}
    closest = min(
        (float(np.linalg.norm(seen[a] - seen[b])), a, b) for a, b in itertools.combinations(seen, 2)
    )
    assert closest[0] >= 8, closest


def test_the_category_colours_are_colorbrewer_colours():
    published = {c for colours in COLORBREWER.values() for c in colours.split()}
    assert {c.lstrip("#") for c in CATEGORY_COLOURS.values()} <= published


@pytest.mark.parametrize("vision", VISION)
def test_the_tract_classes_read_light_to_dark_for_everyone(vision):
    lightness = [_seen(c, vision)[0] for c in PALETTE]
    steps = np.diff(lightness)
    assert (steps < -5).all(), lightness  # each class clearly darker than the one before

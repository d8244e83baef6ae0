"""The sidebar's list filters, vectorized: same answers as splitting every cell in Python."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from geo.filters import Filters, filter_organizations, match_list_cells
from geo.vocab import split_list


@pytest.mark.parametrize(
    ("cell", "wanted", "expected"),
    [
        ("es;ar", ("ar",), True),
        (" es ; ar ", ("es",), True),  # items are trimmed, as split_list trims them
        ("es", ("e",), False),  # whole items only
        ("fes", ("es",), False),
        ("es;fr", ("de", "fr"), True),  # ANY of the chosen
        ("", ("es",), False),
        (None, ("es",), False),
        (float("nan"), ("es",), False),
        ("a.r", ("a.r",), True),  # regular-expression characters are literal
        ("aXr", ("a.r",), False),
        ("es", (), True),  # nothing chosen: no restriction
        (None, (), True),
    ],
)
def test_a_cell_matches_when_it_lists_any_chosen_item(cell, wanted, expected):
    assert match_list_cells(pd.Series([cell], dtype=object), wanted).tolist() == [expected]


def test_the_vectorized_filter_agrees_with_splitting_every_cell():
    rng = random.Random(7)
    codes = ["es", "ar", "e", "fr", "zh-Hans", "ne", "a+b"]
    cells = [
        ";".join(rng.sample(codes, rng.randint(0, 3))) if rng.random() > 0.05 else None
        for _ in range(2_000)
    ]
    frame = pd.DataFrame(
        {"languages": cells, "category": rng.choices(["legal", "health;legal", ""], k=2_000)}
    )
    for wanted in [("es",), ("e",), ("a+b", "ne"), ("zh-Hans",)]:
        reference = [bool(set(split_list(c)) & set(wanted)) for c in cells]
        assert match_list_cells(frame["languages"], wanted).tolist() == reference
        shown = filter_organizations(frame, Filters(languages=wanted, categories=("legal",)))
        expected = [
            r and "legal" in split_list(cat)
            for r, cat in zip(reference, frame["category"], strict=True)
        ]
        assert list(shown.index) == list(np.flatnonzero(expected))

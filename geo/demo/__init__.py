"""Deterministic generator of Riverton, the illustrative demo city (not a real place).

Run ``python -m geo.demo`` to write ``data/demo/``; see ``docs/data-contract.md``.
"""

from __future__ import annotations

from geo.demo.city import LABEL, SEED
from geo.demo.generate import generate_demo_city

__all__ = ["LABEL", "SEED", "generate_demo_city"]

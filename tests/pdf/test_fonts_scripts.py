"""A help handout prints the demo city's Bengali, Burmese and Amharic organization names.

Riverton's own organizations (``data/demo/organizations.csv``) are named in the scripts of
its Bangladeshi, Burmese and Ethiopian newcomers; without the Noto Bengali, Myanmar and
Ethiopic fonts the handout printed them as empty boxes that copy as nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from geo.config import DEMO_DIR
from geo.pdf.handout import HandoutInfo, build_handout, find_help
from tests.pdf.reading import pdf_text, squeeze

DEMO_IDS = ["ORG-0267", "ORG-0275", "ORG-0277"]  # Bengali, Burmese, Amharic names
SCRIPTS = {"bengali": "বাংলাদেশ সমিতি", "myanmar": "ရွှေ", "ethiopic": "ሀበሻ"}


@pytest.fixture(scope="module")
def handout() -> bytes:
    """An English handout listing the three demo organizations, all placed near the branch."""
    demo = pd.read_csv(DEMO_DIR / "organizations.csv", dtype=str)
    orgs = demo[demo["organization_id"].isin(DEMO_IDS)].assign(
        languages="en", lat=[41.0 + i * 0.001 for i in range(len(DEMO_IDS))], lon=-45.0
    )
    info = HandoutInfo(
        branch_name="Central Library",
        branch_address="10 Library Sq",
        language="en",
        radius_m=1000.0,
        illustrative=True,
        branch_lat=41.0,
        branch_lon=-45.0,
    )
    return build_handout(info, find_help(orgs, info))


def test_the_demo_names_read_back_from_the_handout(handout, tmp_path):
    demo = pd.read_csv(DEMO_DIR / "organizations.csv", dtype=str).set_index("organization_id")
    names = list(demo.loc[DEMO_IDS, "name"])
    assert [name for name in names if any(s in name for s in SCRIPTS.values())] == names
    text = pdf_text(handout, tmp_path)
    for name in names:
        assert squeeze(name) in text


def test_the_handout_renders_to_an_image_for_a_human_to_look_at(handout, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is needed")
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout)
    out = Path("test-artifacts")
    out.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(out / "handout-scripts")],
        check=True,
    )
    assert (out / "handout-scripts.png").stat().st_size > 5_000

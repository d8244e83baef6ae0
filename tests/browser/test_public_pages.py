"""Gaps and Help handouts in Chromium, offline, as a desk worker uses them (public pages).

Gaps: choosing a language group re-ranks the tracts, and the CSV holds the rows the table
shows. Handouts: a branch and a language give a PDF whose text (pdftotext) names the
nearest organization serving that language, and no organization that does not.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from geo.config import DEMO_DIR
from geo.db import list_assets, list_branches, make_engine, open_database
from geo.vocab import split_list
from tests.browser.conftest import ARTIFACTS_DIR, settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('public') / 'assets.db'}"
    open_database(url, seed_demo_from=DEMO_DIR).dispose()
    return url


@pytest.fixture(scope="module")
def app_env(db_url) -> dict[str, str]:
    return {"DATABASE_URL": db_url}


def _choose(page, label: str, option: str) -> None:
    """Open the box and pick ``option``; open it again if a rerun closed the list."""
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        page.get_by_role("combobox", name=label).click()
        try:
            choice.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            settle(page)
    else:
        raise AssertionError(f"{option!r} never offered in {label!r}")
    settle(page)


def _geoid(cell: str) -> str:
    """'Census Tract 505 (99001050500)' -> '99001050500'."""
    return cell.rsplit("(", 1)[-1].rstrip(")")


# The ranking's grid: the first after its heading (the map's layer tables come before it).
RANKING_GRID = (
    "//h3[normalize-space()='Tracts ranked by gap']/following::*[@data-testid='stDataFrame'][1]"
)


def _ranking_rows(page, count: int) -> list[list[str]]:
    grid = page.locator(f"xpath={RANKING_GRID}")
    grid.scroll_into_view_if_needed(timeout=60_000)
    grid.locator("[role=gridcell]").nth(count * 2).wait_for(state="attached", timeout=60_000)
    headers = grid.locator("[role=columnheader]").all_text_contents()
    cells = grid.locator("[role=gridcell]").all_text_contents()
    width = len(headers)
    return [cells[i * width : (i + 1) * width] for i in range(count)]


def test_gaps_rank_tracts_for_a_language_group_and_the_csv_matches(offline_page, streamlit_url):
    page = offline_page
    page.goto(f"{streamlit_url}/gaps")
    page.get_by_text("Tracts ranked by gap").wait_for(timeout=120_000)
    settle(page)
    before = [(_geoid(r[1]), r[2]) for r in _ranking_rows(page, 3)]  # (tract, need)
    _choose(page, "Language group (C16001)", "Arabic")
    expect(page.get_by_text("Arabic: speak English", exact=False).first).to_be_visible()
    # Spanish (the default) and Arabic speakers differ: other need figures, other order.
    page.wait_for_function(
        """([first, xpath]) => {
            const grid = document.evaluate(xpath, document, null,
                XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
            const cell = (col) => grid && grid.querySelector(
                '[role=gridcell][aria-colindex="' + col + '"]');
            const tract = cell(2), need = cell(3);
            return tract && need && !(tract.textContent.includes('(' + first[0] + ')')
                                      && need.textContent === first[1]);
        }""",
        arg=[before[0], RANKING_GRID],
        timeout=60_000,
    )
    settle(page)
    shown = _ranking_rows(page, 5)
    assert [r[0] for r in shown] == ["1", "2", "3", "4", "5"]
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the ranking (CSV)").click()
    csv = pd.read_csv(Path(download.value.path()), dtype=str, keep_default_na=False)
    assert [_geoid(r[1]) for r in shown] == list(csv["geoid"][:5])  # the CSV = the table
    assert [r[2] for r in shown] == list(csv["need"][:5])
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / "gaps_arabic.png"), full_page=True)
    assert len(csv) > 100  # every tract of the demo city is ranked, not a page of them


def _metres(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


def test_a_handout_pdf_names_the_nearest_organization_in_that_language(
    offline_page, streamlit_url, db_url, tmp_path
):
    with Session(make_engine(db_url)) as session:
        branch = list_branches(session).dropna(subset=["lat"]).iloc[0]
        orgs = list_assets(session).dropna(subset=["lat", "lon"])
    orgs = orgs.assign(
        metres=[_metres(branch.lat, branch.lon, r.lat, r.lon) for r in orgs.itertuples()],
        spanish=[("es" in split_list(v)) for v in orgs["languages"]],
    )
    near = orgs[orgs["metres"] <= 3000].sort_values("metres")
    expected = near[near["spanish"]].iloc[0]["name"]
    not_spanish = near[~near["spanish"]].iloc[0]["name"]

    page = offline_page
    page.goto(f"{streamlit_url}/handouts")
    page.get_by_role("heading", name="Help handouts").wait_for(timeout=120_000)
    settle(page)
    _choose(page, "Branch", branch["name"])
    _choose(page, "Language of the newcomer", "Spanish")
    page.get_by_role("button", name="Make the handout (PDF)").click()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download the handout").click(timeout=120_000)
    pdf = tmp_path / "handout.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert expected in flat
    assert not_spanish not in flat
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    (ARTIFACTS_DIR / "handout-es.pdf").write_bytes(pdf.read_bytes())

"""Build a community profile and download its PDF, in Chromium, offline (public view)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_env(tmp_path_factory) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('profile') / 'assets.db'}"}


def test_profile_of_a_branch_catchment_downloads_as_a_pdf_with_charts(
    offline_page, streamlit_url, blocked_requests
):
    page = offline_page
    page.goto(streamlit_url)
    page.get_by_role("link", name="Community profile").click(timeout=180_000)
    page.get_by_role("button", name="Download PDF").wait_for(timeout=120_000)
    settle(page)
    # The tables are canvas grids: their cells exist for screen readers, not to be seen.
    page.get_by_text("Foreign-born total").first.wait_for(state="attached")
    shown = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "ACS 2019-2023 5-year" in shown
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download PDF").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "\n".join(p.extract_text() for p in pages)
    assert "Foreign-born total" in text and "CV ≤ 15%" in text and "<=" not in text
    assert "Riverton" in text and "ACS 2019-2023 5-year" in text
    assert sum(len(p.images) for p in pages) >= 4  # the page's charts
    assert not blocked_requests

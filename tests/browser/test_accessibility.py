"""axe-core (npm, package.json) on every page: no serious or critical violation in the app's own
content. Streamlit's own navigation list is the one known exception (docs/accessibility.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import create_accounts, find_map_frame, settle, sign_in
from ui.navigation import PAGES

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "accessibility-test"
# Known violations inside Streamlit's own sidebar menu (st.navigation with sections puts
# the section headers directly in the <ul>); see docs/accessibility.md.
STREAMLIT_NAV = '[data-testid="stSidebarNav"]'
_RUN = """async (nav) => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
  return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => {
      const el = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
      const box = el && el.closest('[data-testid="stElementContainer"], .element-container');
      const inactive = v.id === "color-contrast" && !!(box && box.querySelector(
        'input:disabled, [aria-disabled="true"]'));
      return {target: n.target.join(" >> "), html: n.html.slice(0, 200),
              streamlit_nav: !!(el && el.closest(nav)), inactive};
    })}));
}"""


@pytest.fixture(scope="module")
def app_env(tmp_path_factory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("a11y") / "assets.db"
    create_accounts(db, {"ada": "admin"}, PASSWORD)
    return {"DATABASE_URL": f"sqlite:///{db}"}


def app_violations(page) -> list[str]:
    """Serious/critical axe findings outside Streamlit's menu, one line each."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci`")
    for frame in page.frames:  # the maps live in streamlit-folium's iframes
        frame.evaluate(AXE.read_text(encoding="utf-8"))
    found = []
    for violation in page.evaluate(_RUN, STREAMLIT_NAV):
        for node in violation["nodes"]:
            # WCAG 1.4.3 exempts text of an inactive component (a disabled widget's label).
            if not (node["streamlit_nav"] or node["inactive"]):
                found.append(f"{violation['id']}: {node['target']} {node['html']}")
    return found


def test_every_page_has_no_serious_or_critical_violation(offline_page, streamlit_url):
    page = offline_page
    page.set_default_timeout(120_000)
    sign_in(page, streamlit_url, "ada", PASSWORD)
    failures = {}
    for spec in PAGES:
        page.get_by_role("link", name=spec.title).click()
        page.get_by_role("heading", name=spec.title).first.wait_for()
        settle(page)
        page.wait_for_timeout(2000)  # maps draw after the page settles
        if found := app_violations(page):
            failures[spec.title] = found
    assert not failures, "\n".join(f"{t}: {v}" for t, vs in failures.items() for v in vs)


_MARKER_NAMES = """() => Array.from(
    document.querySelectorAll('.leaflet-marker-pane [role="button"]'))
    .map(el => el.getAttribute("aria-label") || "")"""


def test_every_marker_and_cluster_of_the_map_has_a_name(offline_page, streamlit_url, app_env):
    from sqlalchemy.orm import Session

    from geo.db import open_database
    from geo.db.branches import list_branches

    with Session(open_database(app_env["DATABASE_URL"])) as session:
        branch_names = set(list_branches(session)["name"])
    page = offline_page
    page.goto(streamlit_url)
    frame = find_map_frame(page)
    frame.wait_for_selector(".awesome-marker i.fa-book", timeout=30_000)
    frame.wait_for_function("window.AtlasMap && AtlasMap.cluster.getLayers().length > 0")
    names = frame.evaluate(_MARKER_NAMES)
    assert names and all(names), f"a focusable marker has no name: {names}"
    assert {n.removeprefix("Library branch: ") for n in names if "branch:" in n} == branch_names
    # Zoomed out, the organization sites gather into clusters: each says how many it holds.
    frame.evaluate("AtlasMap.map.setZoom(10, {animate: false})")
    frame.wait_for_function(
        """() => Array.from(document.querySelectorAll('.marker-cluster'))
            .some(el => / organization sites$/.test(el.getAttribute('aria-label') || ''))"""
    )
    names = frame.evaluate(_MARKER_NAMES)
    assert names and all(names), f"a focusable marker has no name: {names}"
    assert not [v for v in app_violations(page) if v.startswith("aria-command-name")]

"""Staff's daily tasks end to end in Chromium, offline: walk, report, log, plan, import.

One server per module on its own database; every test signs in on its own page, so the
tests run in any order and on any xdist worker.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import gpxpy
import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from geo.db import add_asset, list_assets, list_branches, make_engine
from geo.db.sites import list_sites
from geo.db.walkabouts import get_walkabout, list_walkabouts, save_walkabout
from geo.fieldwork.points import haversine_m
from geo.fieldwork.routes import Stop
from tests.browser.conftest import (
    PROJECT_ROOT,
    _Server,
    create_accounts,
    find_map_frame,
    settle,
    sign_in,
)

pytestmark = pytest.mark.browser
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
PASSWORD = "daily-work-test"
PHONE = {"width": 390, "height": 844}
SERVER_LOG_PROBLEMS = ("Traceback", "ArrowInvalid", "Error:")


CLINIC = "Evening Clinic"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("daily") / "assets.db"
    create_accounts(path, {"amira": "editor"}, PASSWORD)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        # Near the second branch (the walk test uses the first): a clinic whose head office
        # is far away and whose evening room, 300 m from the branch, opens Mo-Fr 09-17.
        branch = list_branches(session).iloc[1]
        add_asset(
            session,
            {
                "name": CLINIC,
                "category": "health",
                "languages": "es",
                "sites": [
                    {"name": "Head office", "address": "9 Far Road", "lat": 45.0, "lon": -40.0},
                    {
                        "name": "Ferry Street room",
                        "address": "12 Ferry Street",
                        "lat": float(branch.lat) + 0.0027,
                        "lon": float(branch.lon),
                    },
                ],
                "hours": [
                    {"weekday": d, "opens_at": "09:00", "closes_at": "17:00", "site": 1}
                    for d in range(1, 6)
                ],
            },
            user="test",
        )
        org = list_assets(session).dropna(subset=["lat"]).iloc[0]
        save_walkabout(
            session,
            title="Saturday walk",
            branch_id=None,
            area={"kind": "catchment", "radius_m": 1000},
            stops=[
                Stop(
                    label=org["name"],
                    lat=org["lat"],
                    lon=org["lon"],
                    organization_id=org["organization_id"],
                ),
                Stop(label="Mural by the bus stop", lat=org["lat"] + 0.001, lon=org["lon"]),
            ],
            user="test",
        )
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def server(db_path, chromium_browser, tmp_path_factory):
    """Our own `streamlit run`, so the test can read its log."""
    log = tmp_path_factory.mktemp("daily-log") / "streamlit.log"
    running = _Server(PROJECT_ROOT / "app.py", {"DATABASE_URL": f"sqlite:///{db_path}"}, log)
    warm = chromium_browser.new_page()  # the first run loads the study area: not a test's time
    warm.goto(running.url)
    warm.get_by_text("Staff sign-in").wait_for(timeout=180_000)
    warm.close()
    yield running
    running.stop()


@pytest.fixture
def page(request, chromium_browser, server):
    context = chromium_browser.new_context(
        viewport={"width": 1400, "height": 1000}, service_workers="block", accept_downloads=True
    )
    blocked: list[str] = []

    def route(route) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    sign_in(page, server.url, "amira", PASSWORD)
    yield page
    report = getattr(request.node, "_report_call", None)
    if report is not None and report.failed:
        _shot(page, f"failed-{request.node.name}")
    context.close()
    assert not blocked, blocked


def _open(page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
    settle(page)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _walk_list(page):
    return page.locator("[data-testid=stMarkdownContainer] ol").first.locator("li")


def _wait_for_stops(page, count: int) -> None:
    page.wait_for_function(
        """n => {
            const lists = [...document.querySelectorAll('[data-testid=stMarkdownContainer] ol')];
            return (lists.length ? lists[0].querySelectorAll('li').length : 0) === n;
        }""",
        arg=count,
        timeout=30_000,
    )


def _grey_dots(frame):
    return frame.locator("path.leaflet-interactive[stroke='#555']")


def test_plan_a_walk_by_clicking_the_map_download_gpx_and_save(page, server, db_path):
    _open(page, "Walkabout planner")
    frame = find_map_frame(page)
    settle(page)
    for _ in range(2):  # stops near the branch overlap at the starting zoom
        frame.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(500)
    offered = _grey_dots(frame).count()
    assert offered >= 3
    for picked in (1, 2, 3):
        _grey_dots(frame).first.click()
        _wait_for_stops(page, picked)
        expect(_grey_dots(frame)).to_have_count(offered - picked)
    frame.locator(".leaflet-marker-icon", has_text="2").click()  # drop stop 2
    _wait_for_stops(page, 2)
    settle(page)
    names = [item.split(" · ")[0] for item in _walk_list(page).all_inner_texts()]
    _shot(page, "walkabout_planned")

    with page.expect_download(timeout=120_000) as download:  # built on the server at click
        page.get_by_role("button", name="Route for phones (GPX)").click()
    gpx = gpxpy.parse(Path(download.value.path()).read_text(encoding="utf-8"))
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        orgs = list_assets(session).set_index("name")
    expected = [c for n in names for c in (orgs.loc[n, "lat"], orgs.loc[n, "lon"])]
    waypoints = [c for w in gpx.waypoints for c in (w.latitude, w.longitude)]
    assert waypoints == pytest.approx(expected, abs=1e-6)  # latitude first: not swapped
    assert len(gpx.tracks) == 1 and len(gpx.routes) == 1

    page.get_by_label("Title of the walk").fill("Clicked-map walk")
    settle(page)
    page.get_by_role("button", name="Save this walk").click()
    page.get_by_text("Saved 'Clicked-map walk'").wait_for(timeout=30_000)
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        walks = list_walkabouts(session).set_index("title")
        walk = get_walkabout(session, walks.loc["Clicked-map walk", "id"])
    assert [s.label for s in walk.stops] == names
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    assert not [p for p in SERVER_LOG_PROBLEMS if p in log], server.log_tail()


def test_after_the_walk_on_a_phone_without_sideways_scrolling(page, db_path):
    _open(page, "Walkabout planner")
    page.set_viewport_size(PHONE)
    page.get_by_role("tab", name="After the walk").click()
    page.get_by_label("Who we met").first.wait_for(timeout=30_000)
    settle(page)
    # Other tests save walks too (one sorts first by title): choose ours by its name.
    page.get_by_label("Walk", exact=True).click()
    page.get_by_role("option", name=re.compile(r"^Saturday walk")).click()
    settle(page)
    expect(page.get_by_text("Mural by the bus stop")).to_be_visible()
    page.get_by_text("Visited", exact=True).first.click()
    page.get_by_label("Who we met").first.fill("Owner, Mrs Tran")
    page.get_by_label("What we learned").first.fill("Wants evening English classes")
    _assert_no_sideways_scroll(page)
    _shot(page, "after_the_walk_phone")
    page.get_by_role("button", name="Save the walk report").click()
    page.get_by_text("Walk report saved.").wait_for(timeout=30_000)
    settle(page)
    page.get_by_text("Add a place we found on the way").click()
    settle(page)
    page.get_by_label("Name", exact=True).fill("Himalayan grocery")
    page.get_by_label("Latitude").fill("40.9535")
    page.get_by_label("Longitude").fill("-44.9935")
    _assert_no_sideways_scroll(page)
    _shot(page, "after_the_walk_found_place_phone")
    page.get_by_role("button", name="Add to the shared directory").click()
    page.get_by_text("It is on everyone's map now").wait_for(timeout=30_000)
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        assert len(list_assets(session, search="Himalayan grocery")) == 1
        walks = list_walkabouts(session).set_index("title")
        walk = get_walkabout(session, walks.loc["Saturday walk", "id"])
    assert walk.stops[0].visited and walk.stops[0].met == "Owner, Mrs Tran"


def test_the_walk_says_whether_each_stop_is_open_when_the_team_gets_there(page, db_path, tmp_path):
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        branch = list_branches(session).iloc[1]["name"]
    _open(page, "Walkabout planner")
    page.get_by_label("Branch (start and end)").click()
    page.get_by_role("option", name=branch, exact=True).click()
    settle(page)
    date_box = page.get_by_label("Date", exact=True)
    for part, value in (("year", "2026"), ("month", "12"), ("day", "07")):  # a Monday
        date_box.get_by_role("spinbutton", name=re.compile(part, re.I)).first.click()
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    settle(page)
    picker = page.get_by_role("combobox", name=re.compile(r"^Organizations to visit"))
    picker.click()
    page.get_by_role("option", name=f"{CLINIC} (Ferry Street room)").click()
    page.keyboard.press("Escape")
    _wait_for_stops(page, 1)
    settle(page)
    item = _walk_list(page).first
    expect(item).to_contain_text(f"{CLINIC} (Ferry Street room)")
    expect(item).to_contain_text("Open at 10:03 on Mon 07 Dec (hours: Mo-Fr 09:00-17:00)")
    _shot(page, "walkabout_opening_hours")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Walk sheet (PDF)").click()
    sheet = tmp_path / "walk-sheet.pdf"
    download.value.save_as(sheet)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "walk-sheet.pdf").write_bytes(sheet.read_bytes())
    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Mon 2026-12-07, leaving at 10:00" in text
    assert f"1. {CLINIC} (Ferry Street room)" in text
    assert "Open at 10:03 on Mon 07 Dec (hours: Mo-Fr 09:00-17:00)" in text


def test_the_stop_picker_offers_the_places_inside_the_ring_nearest_first(page, db_path):
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        branch = list_branches(session).iloc[0]
        sites = list_sites(session).dropna(subset=["lat", "lon"])
    metres = sorted(
        (haversine_m(branch.lat, branch.lon, r.lat, r.lon), r.name) for r in sites.itertuples()
    )
    inside = [name for distance, name in metres if distance <= 1000]  # the default ring
    _open(page, "Walkabout planner")
    picker = page.get_by_role("combobox", name=re.compile(r"^Organizations to visit"))
    expect(picker).to_have_attribute(
        "aria-label", f"Organizations to visit ({len(inside)} in the area, nearest first)"
    )
    picker.click()
    options = page.get_by_role("option")
    expect(options).to_have_count(len(inside))  # no "Select all", nothing outside the ring
    assert options.all_inner_texts() == inside
    page.keyboard.press("Escape")


def _assert_no_sideways_scroll(page) -> None:
    widths = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid=stMain]') || document.body;
            return [document.documentElement.scrollWidth, window.innerWidth,
                    main.scrollWidth, main.clientWidth];
        }"""
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths


def test_log_a_contact(page, db_path):
    _open(page, "Engagement log")
    page.get_by_label("Staff who took part").first.fill("Amira, Ben")
    page.get_by_label("Needs").first.fill("Evening English classes <b>now</b>")
    page.get_by_role("button", name="Add to the log").click()
    page.get_by_text("Added to the shared log.").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Log").click()
    settle(page)
    _shot(page, "engagement_log")
    from geo.db.engagement import list_engagement

    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        needs = list(list_engagement(session)["needs"])
    assert "Evening English classes <b>now</b>" in needs

    page.get_by_role("tab", name="Edit an entry").click()
    edit = page.get_by_role("tabpanel", name="Edit an entry")
    edit.get_by_label("Needs").fill("Evening English classes, and childcare during them")
    edit.get_by_role("button", name="Save changes").click()
    page.get_by_text("Saved the entry.").wait_for(timeout=30_000)
    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        needs = list(list_engagement(session)["needs"])
    assert "Evening English classes, and childcare during them" in needs
    assert "Evening English classes <b>now</b>" not in needs


def test_add_and_download_an_action_step(page, db_path):
    _open(page, "Action plan")
    page.get_by_label("Step", exact=True).fill("Invite the youth club to the library")
    page.get_by_label("Who", exact=True).first.fill("Ben")
    page.get_by_role("button", name="Add step").click()
    page.get_by_text("Added 'Invite the youth club to the library'").wait_for(timeout=30_000)
    page.get_by_text("leaves out 1 step without a due date", exact=False).wait_for()
    _shot(page, "action_plan")
    with page.expect_download() as download:
        page.get_by_role("button", name="Action plan (CSV)").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Invite the youth club to the library" in csv and "Ben" in csv
    settle(page)
    with page.expect_download(timeout=60_000) as download:  # built on the click (fonts load)
        page.get_by_role("button", name="Action plan (PDF)").click()
    pdf = Path(download.value.path())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Invite the youth club to the library" in text and "Who: Ben" in text

    settle(page)  # the download and the step's rerun done: a click during a rerun is lost
    page.get_by_text("Add a person").click()
    page.get_by_label("Name", exact=True).fill("Rosa")
    settle(page)
    page.get_by_role("button", name="Add person").click()
    page.get_by_text("Added Rosa.").wait_for(timeout=30_000)
    settle(page)
    page.get_by_text("Update a person's trainings").click()
    updating = page.get_by_test_id("stExpander").filter(has_text="Update a person's trainings")
    trainings = updating.get_by_role("combobox", name="Trainings done")
    trainings.wait_for()
    settle(page)
    trainings.click()
    page.get_by_role("option", name="Listening skills").click()
    page.keyboard.press("Escape")
    # The chosen training shows as a chip before the form is sent (else the click can win).
    updating.get_by_test_id("stMultiSelect").get_by_text("Listening skills").wait_for()
    page.get_by_role("button", name="Save trainings").click()
    page.get_by_text("Saved the trainings of Rosa.").wait_for(timeout=30_000)
    from geo.db.action_plan import list_staff

    with Session(make_engine(f"sqlite:///{db_path}")) as session:
        staff = list_staff(session).set_index("name")
    assert list(staff.loc["Rosa", "trainings"]) == ["listening"]


def test_import_a_file_with_one_bad_row(page):
    _open(page, "Import and export")
    page.locator("input[type=file]").first.set_input_files(
        files=[
            {
                "name": "orgs.csv",
                "mimeType": "text/csv",
                "buffer": (
                    b"name,category,languages,lat,lon\n"
                    b"Kyiv Cultural Club,cultural,uk,40.951,-44.991\n"
                    b"Broken Row,health,es,not-a-number,-44.993\n"
                    b"Somali Mothers Circle,social,so,40.952,-44.992\n"
                ),
            }
        ]
    )
    page.get_by_text("3 data rows read; 1 rejected", exact=False).wait_for(timeout=60_000)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("cannot be imported", exact=False).wait_for(timeout=30_000)
    settle(page)
    expect(page.locator("[data-testid=stProgress]")).to_have_count(0)
    _shot(page, "import_refused")
    page.get_by_text("Import only the valid rows (1 row will be left out)").click()
    settle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Imported 2 organizations", exact=False).wait_for(timeout=60_000)
    expect(page.locator("[data-testid=stProgress]")).to_have_count(0)


def test_build_a_profile_and_download_its_pdf(page):
    _open(page, "Community profile")
    page.get_by_role("button", name="Download PDF").wait_for(timeout=60_000)
    settle(page)
    _shot(page, "community_profile")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000

"""The duplicate guard: same normalized name within 150 m, same phone, same website."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from geo.db import (
    add_asset,
    add_assets,
    find_duplicates,
    normalize_name,
    normalize_phone,
    normalize_website,
)
from geo.db.duplicates import distance_m
from geo.errors import DuplicateAsset
from tests.db.conftest import org

LAT, LON = 41.0, -45.0
METRES_PER_DEGREE_LAT = 111_195.0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Café  Amal, Inc. ", "cafe amal"),
        ("CAFE AMAL LLC", "cafe amal"),
        ("Café-Amal L.L.C.", "cafe amal"),
        ("St. Mary's Food Pantry", "st mary s food pantry"),
        ("Inc", "inc"),
        ("Центр «Помощь»", "центр помощь"),
        ("नेपाली सेवा", "नेपाली सेवा"),
        ("", None),
    ],
)
def test_normalize_name(raw: str, expected: str | None) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+1 (555) 010-2030", "5550102030"),
        ("555.010.2030", "5550102030"),
        ("12", None),
        (None, None),
    ],
)
def test_normalize_phone(raw: str | None, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.amal.example.org/",
        "http://amal.example.org",
        "amal.example.org",
        "WWW.AMAL.EXAMPLE.ORG/?utm=1",
    ],
)
def test_normalize_website(raw: str) -> None:
    assert normalize_website(raw) == "amal.example.org"


def test_distance_m() -> None:
    assert distance_m(LAT, LON, LAT + 0.001, LON) == pytest.approx(111.2, abs=0.5)


@pytest.fixture
def stored(session: Session) -> str:
    record = org(
        "Café Amal",
        lat=LAT,
        lon=LON,
        phone="(555) 010-2030",
        website="https://www.amal.example.org/",
    )
    organization_id = add_asset(session, record, user="ana").id
    session.commit()
    return organization_id


def _north(metres: float) -> float:
    return LAT + metres / METRES_PER_DEGREE_LAT


def test_same_name_within_150_m_is_flagged(session: Session, stored: str) -> None:
    (match,) = find_duplicates(session, {"name": "CAFE AMAL, INC.", "lat": _north(120), "lon": LON})
    assert (match.organization_id, match.reasons) == (stored, ("name",))
    assert match.distance_m == pytest.approx(120, abs=1)


def test_same_name_2_km_away_is_not_flagged(session: Session, stored: str) -> None:
    assert find_duplicates(session, {"name": "Cafe Amal", "lat": _north(2000), "lon": LON}) == []


def test_same_name_without_coordinates_is_flagged(session: Session, stored: str) -> None:
    assert find_duplicates(session, {"name": "Cafe Amal"})[0].reasons == ("name",)


def test_same_phone_in_another_format_is_flagged(session: Session, stored: str) -> None:
    (match,) = find_duplicates(session, {"name": "Other", "phone": "+1 555.010.2030"})
    assert match.reasons == ("phone",)


@pytest.mark.parametrize(
    "website",
    ["http://amal.example.org", "amal.example.org/", "https://WWW.amal.example.org"],
)
def test_same_website_variants_are_flagged(session: Session, stored: str, website: str) -> None:
    assert find_duplicates(session, {"name": "Other", "website": website})[0].reasons == (
        "website",
    )


def test_different_organization_is_not_flagged(session: Session, stored: str) -> None:
    candidate = {
        "name": "Amal Legal",
        "lat": LAT,
        "lon": LON,
        "phone": "555-010-9999",
        "website": "amal.example.org/legal",
    }
    assert find_duplicates(session, candidate) == []


def test_an_asset_is_not_its_own_duplicate(session: Session, stored: str) -> None:
    assert (
        find_duplicates(session, {"id": stored, "name": "Café Amal", "lat": LAT, "lon": LON}) == []
    )


def test_add_refuses_duplicates_unless_allowed(session: Session, stored: str) -> None:
    with pytest.raises(DuplicateAsset) as caught:
        add_asset(session, org("Cafe Amal", phone="5550102030"), user="bo")
    assert caught.value.duplicates[0].organization_id == stored
    assert "Café Amal" in str(caught.value) and "save anyway" in str(caught.value)
    assert (
        add_asset(
            session,
            org("Cafe Amal", phone="5550102030"),
            user="bo",
            allow_duplicate=True,
        ).name
        == "Cafe Amal"
    )


def test_bulk_add_flags_duplicates_within_the_batch(session: Session) -> None:
    with pytest.raises(DuplicateAsset) as caught:
        add_assets(
            session,
            [org("Twin", phone="555-0001"), org("Other", phone="5550001")],
            user="bo",
        )
    assert caught.value.problems[0]["row"] == 1


# --- organizations, not sites -------------------------------------------------------------


def _site(metres_north: float, name: str = "Office") -> dict[str, object]:
    return {
        "name": name,
        "address": f"{metres_north:.0f} North St",
        "lat": _north(metres_north),
        "lon": LON,
    }


@pytest.fixture
def agency(session: Session) -> str:
    """One agency with three offices: its head office at 0 m, two more 2 km and 2.05 km north."""
    record = org(
        "Refugee Services Agency",
        sites=[_site(0, "Head office"), _site(2000, "North office"), _site(2050, "Annex")],
    )
    organization_id = add_asset(session, record, user="ana").id
    session.commit()
    return organization_id


def test_an_organization_with_several_sites_is_saved_without_a_flag(
    session: Session, agency: str
) -> None:
    # The annex is 50 m from the north office, under the same name: still one organization.
    assert (
        find_duplicates(
            session,
            {
                "id": agency,
                "name": "Refugee Services Agency",
                "sites": [_site(0), _site(2000), _site(2050)],
            },
        )
        == []
    )


def test_a_batch_organization_is_not_compared_with_its_own_sites(session: Session) -> None:
    record = org("Amal Centre", sites=[_site(5000), _site(5010), _site(5020)])
    ids = add_assets(session, [record, org("Other", lat=LAT, lon=LON)], user="ana")
    assert len(ids) == 2


def test_a_namesake_near_any_site_is_flagged_once(session: Session, agency: str) -> None:
    # 2 km from the head office but 30 m from the north office and 80 m from the annex.
    (match,) = find_duplicates(
        session, {"name": "Refugee Services Agency Inc", "lat": _north(1970), "lon": LON}
    )
    assert match.organization_id == agency and match.reasons == ("name",)
    assert match.distance_m == pytest.approx(30, abs=1)


def test_a_namesake_far_from_every_site_is_not_flagged(session: Session, agency: str) -> None:
    assert (
        find_duplicates(
            session, {"name": "Refugee Services Agency", "lat": _north(1000), "lon": LON}
        )
        == []
    )


def test_a_new_organization_is_compared_by_all_its_sites(session: Session, agency: str) -> None:
    # Its first site is 3 km away; its second is 100 m from the agency's head office.
    candidate = {"name": "Refugee Services Agency", "sites": [_site(3000), _site(-100)]}
    (match,) = find_duplicates(session, candidate)
    assert match.distance_m == pytest.approx(100, abs=1)


def test_a_refused_duplicate_is_said_in_french_with_the_stored_name_as_saved(
    session: Session, stored: str
) -> None:
    with pytest.raises(DuplicateAsset) as caught:
        add_asset(session, org("Cafe Amal", phone="5550102030"), user="bo")
    assert str(caught.value).startswith("This organization may already be saved: looks like")
    said = caught.value.in_language("fr")
    expected = f"Cet organisme est peut-être déjà enregistré : ressemble à 'Café Amal' ({stored})"
    assert said.startswith(expected + " : même nom, téléphone"), said
    assert "enregistrez quand même comme un organisme distinct" in said

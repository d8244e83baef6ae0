"""The per-language help handout: who is listed, what it says, one page, every script."""

from __future__ import annotations

import io
import re
import subprocess

import pandas as pd
import pypdf
import pytest

from geo.pdf.handout import MAX_ON_PAGE, HandoutInfo, build_handout, find_help
from tests.pdf.reading import pdf_text, squeeze

BRANCH = {"branch_lat": 41.0, "branch_lon": -45.0}
METRES_PER_DEG_LAT = 111_195.0  # haversine on the 6,371 km sphere


def _org(name: str, north_m: float, languages: str, **extra) -> dict:
    return {
        "name": name,
        "category": "legal;english",
        "languages": languages,
        "address": "1 Main St",
        "phone": "(999) 555-0100",
        "lat": 41.0 + north_m / METRES_PER_DEG_LAT,
        "lon": -45.0,
        **extra,
    }


def _info(language: str = "ar", radius_m: float = 1000.0) -> HandoutInfo:
    return HandoutInfo(
        branch_name="Central Library",
        branch_address="10 Library Sq",
        language=language,
        radius_m=radius_m,
        illustrative=True,
        **BRANCH,
    )


def test_lists_only_organizations_serving_the_language_within_the_radius_nearest_first():
    orgs = pd.DataFrame(
        [
            _org("Far", 1001, "ar"),
            _org("Edge", 999, "ar;en"),
            _org("Near", 10, "en;ar"),
            _org("Spanish only", 5, "es"),
            _org("Arabic-ish code", 5, "arc"),
            {**_org("Unplaced", 0, "ar"), "lat": None},
        ]
    )
    assert list(find_help(orgs, _info())["name"]) == ["Near", "Edge"]


def test_an_organization_with_several_offices_is_listed_once_at_its_nearest():
    sites = pd.DataFrame(
        [
            _org("Five Offices Agency", 900, "ar", organization_id="a", address="9 Far Rd"),
            _org("Five Offices Agency", 200, "ar", organization_id="a", address="2 Near St"),
            _org("Five Offices Agency", 5000, "ar", organization_id="a", address="50 Out Rd"),
            _org("One Office Org", 400, "ar", organization_id="b"),
        ]
    )
    found = find_help(sites, _info())
    assert list(found["name"]) == ["Five Offices Agency", "One Office Org"]
    assert found["address"].iloc[0] == "2 Near St"


def test_handout_prints_names_in_their_own_script_phone_hours_and_the_illustrative_note(tmp_path):
    orgs = pd.DataFrame(
        [
            _org("مركز الجالية العربية", 100, "ar", hours="Mon-Fri 09:00-17:00"),
            _org("华人服务中心", 200, "ar"),
        ]
    )
    text = pdf_text(build_handout(_info(), find_help(orgs, _info())), tmp_path)
    for expected in (
        "Where to get help near Central Library",
        "Organizations that work in Arabic",
        "مركز الجالية العربية",
        "华人服务中心",
        "Phone: (999) 555-0100",
        "Opening hours: Mon-Fri 09:00-17:00",
        "Immigration legal help, English and adult education",
        "Illustrative data, not a real place",
    ):
        assert squeeze(expected) in text, expected


def test_handout_words_come_from_the_translation_but_data_does_not():
    seen = []
    orgs = pd.DataFrame([_org("Centro Hispano", 100, "es")])

    def translate(text: str) -> str:
        seen.append(text)
        return text

    build_handout(_info("es"), find_help(orgs, _info("es")), translate=translate)
    assert "Where to get help near {branch}" in seen and "Phone" in seen
    assert not any("Centro Hispano" in s or "555" in s for s in seen)


@pytest.mark.parametrize("language", ["ar", "es"])
def test_many_organizations_stay_on_one_page_and_the_rest_are_counted(language, tmp_path):
    long = "Community services, with a very long name that wraps over two lines " * 2
    orgs = pd.DataFrame([_org(f"{long} {i}", 10 * i, language) for i in range(1, 21)])
    pdf = build_handout(_info(language), find_help(orgs, _info(language)))
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    more = int(re.search(r"(\d+)moreinthelibrary'sdirectory", pdf_text(pdf, tmp_path))[1])
    assert 20 - MAX_ON_PAGE <= more < 20  # at least one listed, never more than fit


def test_no_organization_says_so(tmp_path):
    pdf = build_handout(_info(), find_help(pd.DataFrame([_org("X", 5, "es")]), _info()))
    assert "Noorganizationinthedirectoryservesthislanguage" in pdf_text(pdf, tmp_path)


def test_services_are_listed_as_the_sheets_language_lists_them(tmp_path):
    from geo.i18n import translator

    orgs = pd.DataFrame([_org("华人服务中心", 100, "zh")])
    pdf = build_handout(
        _info("zh"), find_help(orgs, _info("zh")), translate=translator("zh").gettext
    )
    assert squeeze("移民法律援助、英语与成人教育") in pdf_text(pdf, tmp_path)
    # a language without a catalog gets English words, so an English list
    somali = build_handout(
        _info("so"),
        find_help(pd.DataFrame([_org("Xarunta", 100, "so")]), _info("so")),
        translate=translator("so").gettext,
    )
    assert squeeze("Immigration legal help, English and adult education") in pdf_text(
        somali, tmp_path
    )


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_a_latin_address_after_services_in_chinese_or_arabic_reads_as_recorded(language, tmp_path):
    # fpdf2 2.8.9 printed the line after one ending in Chinese or Arabic, in the same
    # font, with the wrong font: "12 Elm St" came back as "C.e□□□el1" (py-pdf/fpdf2#1488).
    from geo.i18n import translator

    orgs = pd.DataFrame(
        [
            _org("Riverton Help Center", 100, language, address="12 Elm St"),
            _org("Second Org", 200, language, address="14 Oak Ave", phone="(999) 555-0101"),
        ]
    )
    orgs["hours"] = "Mo-Fr 09:00-17:00"
    info = _info(language)
    pdf = build_handout(info, find_help(orgs, info), translate=translator(language).gettext)
    text = pdf_text(pdf, tmp_path)
    services = translator(language).gettext("Immigration legal help")
    assert services != "Immigration legal help"  # the services line is in Chinese / Arabic
    for expected in (
        "Central Library",
        "10 Library Sq",
        "Riverton Help Center",
        "12 Elm St",
        "(999) 555-0100",
        "09:00-17:00",
        "Second Org",
        "14 Oak Ave",
        "(999) 555-0101",
    ):
        assert squeeze(expected) in text, expected


def test_a_missing_phone_address_or_hours_is_left_out_not_printed_as_nan(tmp_path):
    orgs = pd.DataFrame(
        [
            _org("No Phone Org", 100, "es", phone=float("nan"), hours=None),
            _org("No Address Org", 200, "es", address=float("nan"), hours=float("nan")),
        ]
    )
    text = pdf_text(build_handout(_info("es"), find_help(orgs, _info("es"))), tmp_path)
    assert "NoPhoneOrg" in text and "NoAddressOrg" in text
    assert text.count("Phone:") == 1 and "Openinghours" not in text
    for missing in ("nan", "None", "<NA>"):
        assert missing not in text, missing


@pytest.mark.parametrize(
    ("language", "km", "radius"), [("es", "0,3", "2,5"), ("fr", "0,3", "2,5"), ("zh", "0.3", "2.5")]
)
def test_distances_are_written_as_the_handout_language_writes_numbers(
    language, km, radius, tmp_path
):
    from geo.i18n import translator

    info = HandoutInfo(**{**_info(language).__dict__, "radius_m": 2500.0})
    orgs = pd.DataFrame([_org("Centro", 300, language)])
    pdf = build_handout(info, find_help(orgs, info), translate=translator(language).gettext)
    text = pdf_text(pdf, tmp_path)
    assert f"{km}km" in text or f"{km}公里" in text
    assert f"{radius}km" in text or f"{radius}公里" in text


def test_an_arabic_handout_numbers_each_name_on_the_right_and_keeps_addresses_whole(tmp_path):
    from geo.i18n import translator

    orgs = pd.DataFrame([_org("Riverton Help Center", 100, "ar", address="12 Elm St")])
    pdf = build_handout(
        _info("ar"), find_help(orgs, _info("ar")), translate=translator("ar").gettext
    )
    path = tmp_path / "ar.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    x = {w: float(x0) for x0, _, w in words}
    number = next(w for w in x if w.strip(".") == "1")
    assert x["Riverton"] < x["Help"] < x["Center"] < x[number]  # "1." on the reader's side
    assert x["12"] < x["Elm"] < x["St"]  # not "Elm St 12"


@pytest.mark.parametrize(
    ("language", "days"),
    [
        ("es", ["lun–vie", "sáb"]),
        ("fr", ["lun.–ven.", "sam."]),
        ("ar", ["الاثنين–الجمعة", "السبت"]),
    ],
)
def test_hours_name_the_days_in_the_sheets_language_and_keep_each_time_range(
    language, days, tmp_path
):
    from geo.i18n import translator

    orgs = pd.DataFrame([_org("Riverton Help Center", 100, language)])
    orgs["hours"] = "Mo-Fr 08:30-16:30; Sa 09:00-13:00"
    info = _info(language)
    pdf = build_handout(info, find_help(orgs, info), translate=translator(language).gettext)
    text = pdf_text(pdf, tmp_path)
    for expected in (*days, "08:30-16:30", "09:00-13:00"):
        assert squeeze(expected) in text, expected
    # after Arabic letters the '-' between two times would swap them
    assert "16:30-08:30" not in text and "Mo-Fr" not in text


def test_a_latin_phone_after_a_chinese_address_reads_as_recorded(tmp_path):
    # no services: the address is the first line in the regular font after the bold name
    orgs = pd.DataFrame([_org("华人服务中心", 100, "zh", address="纽约市坚尼街12号", category="")])
    text = pdf_text(build_handout(_info("zh"), find_help(orgs, _info("zh"))), tmp_path)
    assert squeeze("纽约市坚尼街12号") in text
    assert squeeze("Phone: (999) 555-0100") in text


@pytest.mark.parametrize(
    ("language", "phone"), [("fr", "Téléphone : (999)"), ("es", "Teléfono: (999)")]
)
def test_phone_label_is_punctuated_as_the_handout_language_does(language, phone, tmp_path):
    from geo.i18n import translator

    orgs = pd.DataFrame([_org("Centre", 100, language)])
    info = _info(language)
    pdf = build_handout(info, find_help(orgs, info), translate=translator(language).gettext)
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    assert phone in raw.stdout.decode("utf-8").replace("\u00a0", " ")  # spaces kept

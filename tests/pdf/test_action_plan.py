"""The action plan PDF: every script as typed, overdue steps said in words, groups, pages."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta

import pandas as pd
import pypdf
import pytest

from geo.fieldwork.action_plan import StepFilter
from geo.i18n import translator
from geo.pdf.action_plan import PlanSheet, build_action_plan_pdf, describe_links, group_steps
from tests.pdf.reading import pdf_text, squeeze

TODAY = date(2026, 12, 2)
TYPED = {
    "arabic": "دعوة مركز الجالية العربية إلى ورشة",
    "arabic note": "الاتصال بعد صلاة الجمعة",
    "chinese": "联系华人服务中心",
    "japanese": "日本語教室の先生に連絡する",
    "korean": "한인 커뮤니티 센터 방문",
    "cyrillic": "Встреча с центром помощи мигрантам",
    "devanagari": "नेपाली महिला समूहलाई आमन्त्रित गर्नुहोस्",
}


def _step(title: str, due: date | None = None, status: str = "open", **extra) -> dict:
    row = {
        "id": title,
        "title": title,
        "who": "Amira",
        "due_on": due,
        "status": status,
        "branch_id": "BR-01",
        "branch": "Central Library",
        "notes": None,
        "links": "",
        "archived": False,
    }
    return {**row, **extra}


def _sheet(**extra) -> PlanSheet:
    return PlanSheet(scope="Central Library", today=TODAY, **extra)


def _pdf(steps: list[dict], language: str = "en", **extra) -> bytes:
    tr = translator(language)
    return build_action_plan_pdf(
        pd.DataFrame(steps, columns=list(_step("x"))),
        _sheet(language=language, **extra),
        translate=tr.gettext,
        n_=tr.ngettext,
    )


def _pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_steps_names_and_notes_print_in_every_script_with_embedded_fonts(tmp_path):
    steps = [
        _step(TYPED["arabic"], TODAY + timedelta(days=2), who="أمينة", notes=TYPED["arabic note"]),
        _step(TYPED["chinese"], who="李华", notes=TYPED["japanese"]),
        _step(TYPED["korean"], who="김민준", notes=TYPED["cyrillic"]),
        _step(TYPED["devanagari"], who="Ольга", links="asset:o1", status="in_progress"),
    ]
    pdf = _pdf(steps, link_names={"asset:o1": "नेपाली समुदाय केंद्र"})
    text = pdf_text(pdf, tmp_path)
    for script, typed in {**TYPED, "who": "أمينة", "link": "नेपाली समुदाय केंद्र"}.items():
        assert squeeze(typed) in text, script  # Arabic comes back in logical order
    assert "?" not in text
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    families = {re.sub(r"^\w+\+", "", line.split()[0]) for line in fonts}
    assert {"NotoSans", "NotoSansBold", "NotoSansArabic", "NotoSansDevanagari", "NotoSansSC"} <= (
        families
    )
    assert any(f.startswith("NotoSansKR") for f in families)
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column


def test_overdue_steps_say_so_in_words_and_how_late(tmp_path):
    steps = [
        _step("Call the imam", TODAY - timedelta(days=5)),
        _step("Print flyers", TODAY - timedelta(days=1), status="in_progress"),
        _step("Story time held", TODAY - timedelta(days=9), status="done"),
        _step("Visit the youth club", TODAY),
    ]
    text = pdf_text(_pdf(steps), tmp_path)
    assert squeeze("1. Call the imam OVERDUE: 5 days late") in text
    assert squeeze("2. Print flyers OVERDUE: 1 day late") in text
    assert text.count("OVERDUE") == 2  # done on time or not, and due today: not overdue
    assert squeeze("6 steps · 2 overdue") not in text and squeeze("4 steps · 2 overdue") in text


def test_groups_by_due_date_overdue_first_or_by_status():
    steps = pd.DataFrame(
        [
            _step("Later", TODAY + timedelta(days=7)),
            _step("Undated"),
            _step("Soon", TODAY + timedelta(days=6)),
            _step("Late", TODAY - timedelta(days=1), status="in_progress"),
            _step("Finished", TODAY - timedelta(days=3), status="done"),
            _step("Given up", status="dropped"),
        ]
    )
    by_due = [(h, list(g["title"])) for h, g in group_steps(steps, "due", TODAY)]
    assert by_due == [
        ("Overdue", ["Late"]),
        ("Due within a week", ["Soon"]),
        ("Due later", ["Later"]),
        ("No due date", ["Undated"]),
        ("Done or dropped", ["Finished", "Given up"]),
    ]
    by_status = [(h, list(g["title"])) for h, g in group_steps(steps, "status", TODAY)]
    assert by_status == [
        ("Open", ["Later", "Undated", "Soon"]),
        ("In progress", ["Late"]),
        ("Done", ["Finished"]),
        ("Dropped", ["Given up"]),
    ]


def test_pages_are_numbered_and_the_filters_are_printed(tmp_path):
    steps = [
        _step(f"Step number {i}", TODAY + timedelta(days=i), notes="A note. " * 20)
        for i in range(40)
    ]
    chosen = StepFilter(statuses=("open", "in_progress"), branch_id="BR-01", who="Amira")
    pdf = _pdf(steps, chosen=chosen, branch_name="Central Library")
    pages = _pages(pdf)
    assert pages > 2
    text = pdf_text(pdf, tmp_path)
    for page in range(1, pages + 1):
        assert squeeze(f"page {page} of {pages}") in text
    expected = "Showing status: Open, In progress · branch: Central Library · who: Amira"
    assert squeeze(expected) in text


def test_an_arabic_reader_gets_arabic_words_dates_left_to_right_and_data_as_typed(tmp_path):
    steps = [
        _step(
            "Call the imam", TODAY - timedelta(days=5), notes="Bring the flyers. Ask about Friday."
        )
    ]
    text = pdf_text(_pdf(steps, language="ar", rtl=True), tmp_path)
    ar = translator("ar").gettext
    assert ar("Overdue") != "Overdue"  # the catalog has the sheet's words
    for words in (ar("Overdue"), ar("Who"), "Call the imam"):
        assert squeeze(words) in text, words
    # An English note keeps its own direction: its full stop ends it, not starts it.
    assert squeeze("Bring the flyers. Ask about Friday.") in text
    assert "2026-11-27" in text  # not 27-11-2026, as Arabic digits' bidi would draw it
    assert "Overdue" not in text and "Notes" not in text


def test_the_sheets_own_words_go_through_translate_but_data_does_not():
    seen: list[str] = []

    def translate(text: str) -> str:
        seen.append(text)
        return text

    steps = pd.DataFrame(
        [_step("Centro Hispano visit", notes="Ask Ana", links="community:Bhutanese")]
    )
    build_action_plan_pdf(steps, _sheet(), translate=translate)
    assert {"Action plan: {scope}", "Who", "Notes", "Community"} <= set(seen)
    assert not any(data in s for s in seen for data in ("Centro", "Ana", "Bhutanese", "Amira"))


def test_a_hostile_note_does_not_break_the_sheet(tmp_path):
    hostile = (
        "\u202eevil override <b>html</b> {scope} {nb} **bold** "
        + "x" * 6000
        + "\x00\x07\r\n) Tj ET BT /F1 99 Tf (%PDF-1.4\n\n\n"
    )
    steps = [
        _step("First step", TODAY + timedelta(days=1), notes=hostile, who="\u202e" + "Amira"),
        _step("Second step", TODAY + timedelta(days=2), notes="Quiet note", who="Ben"),
    ]
    pdf = _pdf(steps)
    assert _pages(pdf) <= 3  # a pasted essay is shortened, not printed for pages on end
    text = pdf_text(pdf, tmp_path)
    assert squeeze("Who: Amira") in text and "?" not in text  # no override, no "?" box
    assert squeeze("evil override <b>html</b> {scope} {nb} **bold**") in text  # as typed
    assert squeeze("the CSV download has the whole note") in text
    assert squeeze("2. Second step") in text and squeeze("Notes: Quiet note") in text


def test_links_name_the_organization_and_keep_other_references():
    names = {"asset:o1": "Centro Hispano"}
    links = "asset:o1; community:Nepali; tract:99001000100; asset:gone"
    assert describe_links(links, names) == (
        "Organization: Centro Hispano; Community: Nepali; Tract: 99001000100; Organization: gone"
    )


def test_no_steps_says_so(tmp_path):
    assert "Nostepsmatch." in pdf_text(_pdf([]), tmp_path)


def test_the_chosen_statuses_are_listed_as_the_readers_language_lists_them(tmp_path):
    zh = translator("zh").gettext
    chosen = StepFilter(statuses=("open", "in_progress"))
    pdf = _pdf([_step("Call the imam", TODAY)], language="zh", chosen=chosen)
    assert squeeze(f"{zh('Open')}、{zh('In progress')}") in pdf_text(pdf, tmp_path)


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_latin_data_after_a_chinese_or_arabic_line_reads_as_typed(language, tmp_path):
    # fpdf2 2.8.9 drew a line after one ending in Chinese or Arabic in the page's previous
    # font: in Arabic, the link "Nepali" and the note after "Notes:" came back as garbage
    # (geo.pdf.fonts works around it). No branch: the details line ends in the status word.
    steps = [
        _step("Call the imam", TODAY + timedelta(days=2), branch="", links="community:Nepali",
              notes="Bring the flyers."),
        _step("联系华人服务中心", TODAY - timedelta(days=3), who="李华", notes="Call Omar."),
        *(
            _step(f"Step {n}", TODAY + timedelta(days=n), branch="", notes=f"Note {n} in English.")
            for n in range(1, 13)
        ),
    ]  # fmt: skip
    pdf = _pdf(steps, language=language, rtl=language == "ar")
    text = pdf_text(pdf, tmp_path)
    assert _pages(pdf) > 1  # footers are written on earlier pages last
    for typed in ("Call the imam", "Nepali", "Bring the flyers.", "Call Omar.", "Amira"):
        assert squeeze(typed) in text, typed
    for n in range(1, 13):
        assert squeeze(f"Step {n}") in text and squeeze(f"Note {n} in English.") in text
    assert text.count("CentralLibrary") == 2 + _pages(pdf)  # scope, a branch, each footer


def test_an_arabic_sheet_keeps_typed_titles_names_and_links_whole(tmp_path):
    steps = [
        _step(
            "12 Elm St: drop off flyers",
            TODAY,
            who="(Team 2) Amira",
            branch="12th Street Branch",
            links="asset:a1; community:Nepali",
        )
    ]
    pdf = _pdf(steps, language="ar", rtl=True, link_names={"asset:a1": "7 Oaks Center"})
    text = pdf_text(pdf, tmp_path)
    for typed in ("12 Elm St: drop off flyers", "(Team 2) Amira", "12th Street Branch"):
        assert squeeze(typed) in text, typed  # not "Elm St: drop off flyers 12"
    assert squeeze("7 Oaks Center") in text and "Nepali" in text

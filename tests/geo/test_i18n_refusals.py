"""Refusals of geo/db and geo/fieldwork said in the reader's language, as the pages show them.

Each goes through the function a page calls and the error's ``in_language`` (what
``ui.errors.show_error`` shows): the words are the catalog's, the values as typed.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from geo.db import add_asset, add_assets, open_database
from geo.db.branches import clean_branch
from geo.db.engagement import clean_entry
from geo.db.listing import sort_assets
from geo.errors import DuplicateAsset, ImportFormatError, ValidationError
from geo.fieldwork.action_plan import StepFilter
from geo.io.sniff import Limits, check_size
from geo.messages import file_size
from geo.presenter.story_history import listed_slide, say_story_history


def _refusal(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_a_branch_file_with_an_unknown_service_is_refused_in_spanish():
    err = _refusal(clean_branch, {"name": "Centro", "services": "esl; lunch"}, row=4)
    said = err.in_language("es")
    assert "fila 4: 'services' 'lunch' no es un servicio de sucursal; use uno de:" in said, said
    assert "esl (Círculos de conversación en inglés)" in said or "esl (" in said
    assert "is not" not in said and "Correct them" not in said
    assert "'lunch' is not a branch service" in str(err)  # logs and the command line: English


def test_a_branch_without_name_and_with_a_typo_in_lat_lists_both_in_french():
    err = _refusal(clean_branch, {"name": " ", "lat": "41,5x", "lon": "-45"}, row=2)
    assert [p["field"] for p in err.problems] == ["name", "lat"]
    said = err.in_language("fr")
    assert "'name' est obligatoire ; saisissez le nom de la bibliothèque" in said, said
    assert "'41,5x' n'est pas un nombre" in said


def test_engagement_log_problems_are_said_in_arabic_with_the_accepted_keys():
    err = _refusal(
        clean_entry,
        {
            "contact_on": date(2026, 3, 2),
            "staff": " ",
            "technique": "telepathy",
            "follow_up_on": date(2026, 3, 1),
        },
    )
    said = err.in_language("ar")
    assert said.startswith("لم يُحفظ الإدخال في السجل: اذكر من شارك من المكتبة"), said
    assert "اختر طريقة التواصل: introduction (" in said  # keys as typed, labels in Arabic
    assert "تاريخ المتابعة يسبق تاريخ الاتصال" in said
    assert not any(word in said for word in ("choose", "the follow-up", "say who"))
    assert [p["field"] for p in err.problems] == ["staff", "technique", "follow_up_on"]


@pytest.mark.parametrize(
    ("statuses", "french"),
    [
        (("waiting",), "Statut inconnu 'waiting' ; utilisez l'un de : open (Ouverte), in_progress"),
        (("waiting", "later"), "Statuts inconnus 'waiting', 'later' ; utilisez l'un de :"),
    ],
)
def test_an_unknown_step_status_is_refused_in_french_singular_or_plural(statuses, french):
    err = _refusal(StepFilter, statuses=statuses)
    assert err.in_language("fr").startswith(french), err.in_language("fr")


def test_unknown_link_kinds_and_trainings_take_the_arabic_dual(tmp_path):
    from geo.db.action_plan import add_step, set_trainings

    engine = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    with Session(engine) as session:
        links = [("rumour", "x"), ("dream", "y")]
        err = _refusal(
            add_step, session, {"title": "Call"}, user="t", today=date(2026, 1, 1), links=links
        )
        # the values listed as each language lists them, not with a Latin comma in Arabic
        assert err.in_language("ar").startswith("نوعا ربط غير معروفين 'rumour' و'dream'")
        assert err.in_language("es").startswith("Tipos de vínculo desconocidos 'rumour' y 'dream'")
        err = _refusal(
            set_trainings, session, "S-1", {"juggling": None}, expected_version=1, user="t"
        )
        assert err.in_language("ar").startswith("تدريب غير معروف 'juggling'")
        assert "cultural_competence（文化胜任力）" in err.in_language("zh")
    engine.dispose()


def test_an_unknown_sort_key_is_refused_in_chinese():
    err = _refusal(sort_assets, pd.DataFrame({"name": []}), "-colour")
    assert err.in_language("zh").startswith("无法按“-colour”排序。"), err.in_language("zh")
    assert err.problems[0]["message"].in_language("zh") == "未知"


@pytest.mark.parametrize(
    ("code", "size", "limit"),
    [
        ("en", "12.3 MB", "1.0 MB"),
        ("fr", "12,3\u202fMo", "1,0\u202fMo"),
        ("es", "12,3 MB", "1,0 MB"),
    ],
)
def test_file_sizes_in_a_refusal_follow_the_locale(tmp_path, code, size, limit):
    big = tmp_path / "orgs.csv"
    big.write_bytes(b"x" * int(12.3 * 1024 * 1024))
    with pytest.raises(ImportFormatError) as caught:
        check_size(big, Limits(max_file_bytes=1024 * 1024))
    said = caught.value.in_language(code)
    assert f"{size}" in said and f"{limit}" in said, said
    assert str(file_size(1536 * 1024)) == "1.5 MB"


def _story_history(old: list[str], new: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "When": ["2026-12-03"],
            "Who": ["amira"],
            "What": ["update"],
            "Field": ["slides"],
            "Old value": [json.dumps(old)],
            "New value": [json.dumps(new)],
        }
    )


def test_a_storys_history_says_no_caption_in_the_readers_language_and_keeps_captions():
    before = [listed_slide("Where Nepali speakers live", 3)]
    after = [*before, listed_slide("", 4)]
    assert after[1] == "(no caption) [slide 4]"  # stored as every change log: English
    french = say_story_history(_story_history(before, after), "fr").iloc[0]
    assert french["New value"] == (
        "Where Nepali speakers live [diapositive 3]; (sans légende) [diapositive 4]"
    )
    assert (french["Field"], french["What"]) == ("Diapositives", "modifié")
    arabic = say_story_history(_story_history(before, after), "ar").iloc[0]
    assert "(بلا تعليق) [الشريحة 4]" in arabic["New value"]
    assert "(no caption)" not in arabic["New value"]


@pytest.fixture
def stored(tmp_path):
    """A database holding one organization; new ones named alike are possible duplicates."""
    engine = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    with Session(engine) as session, session.begin():
        add_asset(session, {"name": "Cafe Amal", "lat": 41.0, "lon": -45.0}, user="t")
    yield engine
    engine.dispose()


def _duplicates(engine, names: list[str]) -> DuplicateAsset:
    records = [{"name": n, "lat": 41.0, "lon": -45.0} for n in names]
    with Session(engine) as session, pytest.raises(DuplicateAsset) as caught:
        add_assets(session, records, user="t")
    return caught.value


def test_duplicate_refusals_agree_with_how_many_may_be_saved(stored):
    one = _duplicates(stored, ["Café Amal", "Somewhere Else"])
    two = _duplicates(stored, ["Café Amal", "CAFE AMAL", "Somewhere Else"])
    assert one.in_language("fr").startswith("1 des organismes est peut-être déjà enregistré")
    assert two.in_language("fr").startswith("2 des organismes sont peut-être déjà enregistrés")
    assert two.in_language("es").startswith("2 de las organizaciones puede que ya estén guardadas")
    assert str(two).startswith("2 of the organizations may already be saved")
    assert "edit the saved ones" in str(two) and "edit the saved one," in str(one)


def test_a_quote_left_open_is_explained_in_french_not_only_the_frame():
    from geo.io.readers import read_csv_text

    with pytest.raises(ImportFormatError) as caught:
        read_csv_text('name,lat\n"Cafe Amal,41\nOther,42\n', "orgs.csv")
    assert 'a quote (") is opened and never closed' in str(caught.value)
    said = caught.value.in_language("fr")
    assert 'un guillemet (") est ouvert et jamais fermé' in said, said
    assert "is opened" not in said


def test_an_organizations_history_says_what_changed_in_the_readers_language():
    from datetime import datetime

    from geo.db.forms import history_table
    from geo.db.models import Change
    from geo.i18n import translator

    change = Change(
        changed_at=datetime(2026, 12, 3, 9, 0),
        changed_by="amira",
        entity="asset",
        entity_id="7",
        action="update",
        field="phone",
        old_value="555-0100",
        new_value="555-0199",
        version=2,
    )
    french = history_table([change], translate=translator("fr").gettext).iloc[0]
    assert (french["What"], french["Field"]) == ("modifié", "Téléphone")
    assert (french["Old value"], french["New value"]) == ("555-0100", "555-0199")
    assert history_table([change]).iloc[0]["What"] == "update"  # a story's says it later

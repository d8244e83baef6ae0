"""Language codes as names a reader knows, weekday and time in their language (geo.i18n)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from geo.i18n import PSEUDO, format_list, language_names
from geo.vocab import LANGUAGES
from geo.weekdays import format_weekday_time, localize_hours

THURSDAY = datetime(2026, 12, 3, 9, 58, tzinfo=ZoneInfo("America/New_York"))


def test_codes_read_as_names_in_the_readers_language():
    assert language_names(["so", "am", "om", "en"], "es", LANGUAGES) == {
        "so": "somalí",
        "am": "amárico",
        "om": "oromo",
        "en": "inglés",
    }
    assert language_names(["so"], "ar")["so"] == "الصومالية"
    assert language_names(["so"], "zh")["so"] == "索马里语"
    assert language_names(["prs"], "fr")["prs"] == "dari"  # CLDR names Dari as fa_AF


def test_a_code_without_a_cldr_name_keeps_its_code():
    names = language_names(["kar", "cmn", "xyz"], "es", LANGUAGES)
    assert names["kar"] == "Karen (kar)"  # the catalog's label, code beside it
    assert names["cmn"] == "Mandarín (cmn)"
    assert names["xyz"] == "xyz"  # nothing knows it: the code as stored


def test_two_codes_that_read_alike_keep_their_codes():
    names = language_names(["prs", "fa_AF", "so"], "es")
    assert names == {"prs": "darí (prs)", "fa_AF": "darí (fa_AF)", "so": "somalí"}


def test_the_pseudo_locale_marks_the_names():
    assert language_names(["so"], PSEUDO)["so"] == "⟦Somali⟧"


def test_spanish_lists_write_e_before_the_sound_i():
    assert format_list(["somalí", "oromo", "inglés"], "es") == "somalí, oromo e inglés"
    assert format_list(["árabe", "hindi"], "es") == "árabe e hindi"
    assert format_list(["agua", "hielo"], "es") == "agua y hielo"  # "hie" sounds /je/
    assert format_list(["árabe", "ruso"], "es") == "árabe y ruso"
    assert format_list(["Arabic", "English"], "en") == "Arabic, English"


def test_weekday_and_time_in_the_readers_language():
    assert format_weekday_time(THURSDAY, "en") == "Thu 09:58"
    assert format_weekday_time(THURSDAY, "es") == "jue, 9:58"
    assert format_weekday_time(THURSDAY, "fr") == "jeu. 09:58"
    assert "الخميس" in format_weekday_time(THURSDAY, "ar")
    assert format_weekday_time(THURSDAY, "zh").startswith("周四")
    utc = THURSDAY.astimezone(ZoneInfo("UTC"))  # shown in its own zone: 14:58 UTC
    assert format_weekday_time(utc, "fr") == "jeu. 14:58"


def test_hours_name_the_days_in_the_readers_language_and_keep_what_was_typed():
    text = "Mo-Fr 09:00-17:00; Sa,Su by appointment"
    assert localize_hours(text, "es") == "lun–vie 09:00-17:00; sáb, dom by appointment"
    assert localize_hours(text, "zh") == "周一–周五 09:00-17:00; 周六、周日 by appointment"
    # a left-to-right mark keeps each time range whole after Arabic days (not 12:00-10:00)
    assert localize_hours("Mo 10:00-12:00", "ar") == "الاثنين \u200e10:00-12:00"
    assert localize_hours("Mo-Fr 09:00-17:00", "es") == "lun–vie 09:00-17:00"  # none needed
    assert localize_hours(text, "en") == text  # the syntax people type and files hold
    assert localize_hours(text, PSEUDO) == text
    assert localize_hours("Monday Sa 9-5", "fr") == "Monday Sa 9-5"  # not days OSM wrote

"""The directory table writes service and entry-technique labels in the reader's language."""

import pandas as pd

from geo.db.forms import directory_table
from geo.i18n import translator


def _assets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "organization_id": ["o1"],
            "name": ["Casa Esperanza"],
            "category": ["legal;food;unknown-slug"],
            "languages": ["es"],
            "communities": [None],
            "address": ["1 Main St"],
            "entry_technique": ["word_of_mouth"],
            "last_verified_on": [None],
            "status": ["active"],
        }
    )


def test_labels_follow_the_translate_function_and_data_stays_as_typed():
    spanish = directory_table(_assets(), translate=translator("es").gettext)
    english = directory_table(_assets())
    assert english.loc[0, "Services"] == "Immigration legal help, Food, unknown-slug"
    services = spanish.loc[0, "Services"].split(", ")
    assert (
        services[0]
        == translator("es").gettext("Immigration legal help")
        != "Immigration legal help"
    )
    assert services[2] == "unknown-slug"  # an unknown slug is shown as stored
    assert spanish.loc[0, "Learned by"] != english.loc[0, "Learned by"] == "Word of mouth"
    assert spanish.loc[0, "Name"] == "Casa Esperanza"


def test_an_organizations_services_are_listed_as_the_reader_lists_them():
    chinese = directory_table(_assets(), translate=translator("zh").gettext, locale="zh")
    assert chinese.loc[0, "Services"] == "移民法律援助、食物、unknown-slug"
    arabic = directory_table(_assets(), translate=translator("ar").gettext, locale="ar")
    assert arabic.loc[0, "Services"] == "مساعدة قانونية في الهجرة والغذاء وunknown-slug"

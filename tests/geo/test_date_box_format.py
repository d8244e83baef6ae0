"""Date boxes show day, month and year in the order the reader's language writes them."""

import pytest

from geo.i18n import date_box_format


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("en", "MM/DD/YYYY"),  # American English: 12/03/2026
        ("fr", "DD/MM/YYYY"),
        ("es", "DD/MM/YYYY"),
        ("ar", "DD/MM/YYYY"),  # CLDR's pattern holds right-to-left marks: order kept
        ("zh", "YYYY/MM/DD"),
        ("de", "DD.MM.YYYY"),  # the language's own separator
    ],
)
def test_the_order_follows_the_languages_short_date(code, shown):
    assert date_box_format(code) == shown

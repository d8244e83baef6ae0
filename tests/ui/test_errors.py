"""ui/errors.show_error: a domain error in full (message, every problem row, every change);
anything else logged and shown as one short sentence, never the traceback."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from ui.errors import GENERIC_MESSAGE, rows_table


def _page(kind: str) -> None:
    from datetime import UTC, datetime

    from geo.errors import EditConflict, GeoError, ValidationError
    from ui.errors import show_error

    errors = {
        "problems": ValidationError(
            "2 rows were not imported: row 3 'phone' is not a number.",
            [
                {"row": 3, "field": "phone", "message": "is not a number", "value": "abc"},
                {"row": 7, "field": "lat/lon", "message": "needs both values or neither"},
            ],
        ),
        "changes": EditConflict(
            "'Casa Amiga' was changed by Bo since you opened it.",
            [
                {
                    "field": "phone",
                    "changed_by": "Bo",
                    "changed_at": datetime(2026, 3, 1, tzinfo=UTC),
                    "their_value": "555-0101",
                    "your_value": "555-0199",
                },
                {"field": "languages", "changed_by": "Bo", "their_value": ["es", "ar"]},
            ],
        ),
        "markdown": GeoError("Organization '*Help* `now` $1+1$ :red[x]' was not found."),
        "bug": RuntimeError("secret stack details: password=hunter2"),
    }
    show_error(errors[kind], field_labels={"phone": "Phone"})


def _run(kind: str) -> AppTest:
    at = AppTest.from_function(_page, args=(kind,), default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_every_problem_row_is_shown_under_the_message():
    at = _run("problems")
    assert at.error[0].value.startswith("2 rows were not imported")
    table = at.dataframe[0].value
    assert list(table["Row"]) == [3, 7]
    assert list(table["Field"]) == ["Phone", "lat/lon"]
    assert list(table["Problem"]) == ["is not a number", "needs both values or neither"]
    assert table["Value"].iloc[0] == "abc"


def test_every_change_someone_else_saved_is_shown():
    at = _run("changes")
    assert "changed by Bo" in at.error[0].value
    table = at.dataframe[0].value
    assert list(table["Field"]) == ["Phone", "languages"]
    assert list(table["Changed by"]) == ["Bo", "Bo"]
    assert list(table["Their value"]) == ["555-0101", "es; ar"]
    assert table["Your value"].iloc[0] == "555-0199"


def test_a_message_quoting_typed_text_is_shown_literally():
    at = _run("markdown")
    # Escaped for Streamlit's markdown: no italics, code, LaTeX or colour reach the page.
    assert at.error[0].value == (
        r"Organization \'\*Help\* \`now\` \$1\+1\$ \:red\[x\]\' was not found\."
    )
    assert not at.dataframe


def test_an_unexpected_error_is_logged_and_shown_as_one_short_sentence(caplog):
    with caplog.at_level(logging.ERROR, logger="welcome_atlas"):
        at = _run("bug")
    assert [e.value for e in at.error] == [GENERIC_MESSAGE]
    assert "hunter2" not in str(at)
    assert any("hunter2" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


@pytest.mark.parametrize(
    "rows, columns",
    [
        ([{"row": 1, "message": "x"}], ["Row", "Problem"]),
        ([{"stop": "Casa", "message": "outside"}], ["Stop", "Problem"]),
        ([{"value_when_you_opened": "a"}], ["When you opened it"]),
    ],
)
def test_rows_table_names_columns_in_words(rows, columns):
    assert list(rows_table(rows).columns) == columns

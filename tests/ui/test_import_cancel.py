"""The import page's Cancel reaches the importer: it stops between batches, nothing is saved."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from streamlit.runtime.scriptrunner import RerunException
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from geo.errors import ImportCancelled
from geo.io import import_file
from tests.io.conftest import counts
from tests.io.test_importer import _many
from ui.import_views import CancelHooks


class _Bar:
    """A progress bar whose n-th update meets the rerun a Cancel click asked for."""

    def __init__(self, clicked_at: int | None) -> None:
        self.values: list[float] = []
        self.clicked_at = clicked_at

    def progress(self, value: float, text: str = "") -> None:
        if len(self.values) + 1 == self.clicked_at:
            raise RerunException(RerunData())
        self.values.append(value)


def test_cancel_stops_the_importer_and_the_rerun_goes_ahead(engine: Engine) -> None:
    hooks = CancelHooks(_Bar(clicked_at=2))  # clicked while the second batch was written
    with pytest.raises(ImportCancelled), Session(engine) as session, session.begin():
        import_file(
            session,
            _many(1600),
            user="t",
            progress=hooks.progress,
            should_cancel=hooks.should_cancel,
        )
    assert counts(engine)["organizations"] == 0
    with pytest.raises(RerunException):
        hooks.resume()


def test_without_a_click_the_import_runs_to_the_end(engine: Engine) -> None:
    bar = _Bar(clicked_at=None)
    hooks = CancelHooks(bar)
    with Session(engine) as session, session.begin():
        import_file(
            session,
            _many(1200),
            user="t",
            progress=hooks.progress,
            should_cancel=hooks.should_cancel,
        )
    assert bar.values[-1] == 1.0 and len(bar.values) == 3
    assert counts(engine)["organizations"] == 1200
    hooks.resume()  # nothing pending: returns

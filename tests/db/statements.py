"""Count the SQL statements a call sends: a load-independent check that work is batched
(speed itself is measured by bench/, never by a timed assertion in a test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def count_statements(engine: sa.Engine) -> Iterator[list[str]]:
    """Collect every statement sent to ``engine`` inside the block (executemany counts once)."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)

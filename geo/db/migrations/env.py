"""Alembic environment; run through geo.db.session.upgrade, which passes the connection in.

Stand-alone use (for writing a new revision) also works: set ``sqlalchemy.url`` on the Config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from geo.db.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    # render_as_batch lets later ALTERs work on SQLite (copy-and-move of the table).
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()

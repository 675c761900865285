"""Alembic's environment for the progress store.

Run by airoadmap_lab.progress.migrations (which hands over an open connection in
``config.attributes["connection"]``, so stamping and upgrading share one transaction) and by the
``alembic`` command line when a developer writes a revision (the database then comes from
``-x url=...``; see docs/database.md).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from airoadmap_lab.progress.engine import make_engine
from airoadmap_lab.progress.tables import metadata

config = context.config


def _configure(**kwargs: object) -> None:
    # Batch mode: SQLite cannot ALTER most things in place, so autogenerate writes
    # "copy and move" migrations that work on SQLite and PostgreSQL alike.
    context.configure(target_metadata=metadata, render_as_batch=True, **kwargs)  # type: ignore[arg-type]


def _database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit(
            "Say which database: alembic -x url=sqlite:///dev.sqlite3 ... (see docs/database.md)"
        )
    return url


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _configure(url=_database_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    _run(shared)
else:
    engine = make_engine(_database_url())
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()

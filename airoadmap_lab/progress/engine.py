"""How the progress store connects: one SQLAlchemy engine per database URL.

SQLite gets a WAL journal and real transactions (Python's sqlite3 module would otherwise commit
DDL on its own, so a failed migration could leave half a schema behind).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url

# Execution option: open the transaction with BEGIN IMMEDIATE (SQLite takes the write lock at once,
# so two processes upgrading the same file queue instead of one failing half-way).
WRITE_LOCK = "airoadmap_write_lock"


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def personal_database_url() -> str:
    """Where a personal server keeps progress unless configured otherwise: the Jupyter data dir."""
    from jupyter_core.paths import jupyter_data_dir

    return sqlite_url(Path(jupyter_data_dir()) / "airoadmap-lab" / "progress.sqlite3")


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created if needed."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling off: SQLAlchemy's "begin" event below emits BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: a killed process loses no committed write; only a power cut can roll back the
    # last few (never corrupt the file). FULL would add an fsync to every graded attempt.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_LOCK, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

"""Schema migrations of the progress store (Alembic revisions in ``alembic/versions``).

Where a database stands (:func:`schema_status`), bringing it to the newest revision
(:func:`upgrade`), and the rule every opener follows (:func:`ensure_current`): an empty database is
created at the newest revision; an older one is upgraded when the caller allows it (a personal
SQLite file) and refused otherwise (a classroom gradebook: the deployer runs
``jupyter airoadmap db upgrade``); one at a revision this version does not know is always refused.

A database made before migrations existed has the tables but no ``alembic_version`` table: it is
stamped at the first revision (which is exactly that schema) and then upgraded.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from .engine import WRITE_LOCK, display_url, sqlite_path
from .tables import metadata

ALEMBIC_DIR = Path(__file__).parent / "alembic"
# pg_advisory_xact_lock key ("airoadma" in ASCII): replicas starting together upgrade one at a time.
POSTGRES_LOCK_KEY = 0x6169726F61646D61


class SchemaMismatch(Exception):
    """The database is not at the schema this version works with; the message says what to do."""


class State(Enum):
    EMPTY = "empty"
    BEFORE_MIGRATIONS = "before_migrations"
    OLDER = "older"
    CURRENT = "current"
    NEWER = "newer"


@dataclass(frozen=True)
class SchemaStatus:
    """Where one database stands against this version's revisions."""

    url: str
    state: State
    revision: str | None
    head: str

    def describe(self) -> str:
        """One line for ``jupyter airoadmap db current``."""
        where = display_url(self.url)
        return {
            State.EMPTY: f"{where}: empty (no progress tables yet); this version's schema is {self.head}.",
            State.BEFORE_MIGRATIONS: f"{where}: made before schema migrations; needs "
            f"`jupyter airoadmap db upgrade` to reach {self.head}.",
            State.OLDER: f"{where}: at revision {self.revision}; needs `jupyter airoadmap db upgrade` "
            f"to reach {self.head}.",
            State.CURRENT: f"{where}: at revision {self.revision} (up to date).",
            State.NEWER: f"{where}: at revision {self.revision}, unknown to this version (whose newest "
            f"is {self.head}): a newer airoadmap-lab wrote it.",
        }[self.state]

    def refusal(self) -> str:
        """Why this version will not use the database, and the command that fixes it."""
        where = display_url(self.url)
        if self.state is State.NEWER:
            return (
                f"The progress database {where} is at schema revision {self.revision}, which this "
                f"version of airoadmap-lab does not know (its newest is {self.head}): a newer "
                "version wrote it. Install that version again, or restore a backup made with this "
                "one; this version leaves the database untouched."
            )
        stands = (
            "was made before schema migrations"
            if self.state is State.BEFORE_MIGRATIONS
            else f"is at schema revision {self.revision}"
        )
        return (
            f"The progress database {where} {stands}; this version of airoadmap-lab needs revision "
            f"{self.head}. Back the database up, then upgrade it with: "
            f"jupyter airoadmap db upgrade --url '{where}'"
        )


@dataclass(frozen=True)
class Upgrade:
    """What :func:`upgrade` did."""

    url: str
    before: SchemaStatus
    revision: str
    backup: Path | None

    def describe(self) -> str:
        """One sentence for the log or the terminal."""
        where = display_url(self.url)
        if self.before.state is State.CURRENT:
            return f"The progress database {where} is already at revision {self.revision}."
        if self.before.state is State.EMPTY:
            return f"Created the progress database {where} at schema revision {self.revision}."
        start = self.before.revision or "the schema from before migrations"
        kept = f"; the file as it was is kept at {self.backup}" if self.backup else ""
        return f"Upgraded the progress database {where} from {start} to {self.revision}{kept}."


def scripts(location: Path = ALEMBIC_DIR) -> ScriptDirectory:
    """The revisions in ``location``."""
    return ScriptDirectory.from_config(_config(location))


def schema_status(engine: Engine, location: Path = ALEMBIC_DIR) -> SchemaStatus:
    """Where the database of ``engine`` stands; reads only."""
    with engine.connect() as connection:
        return _status(connection, scripts(location))


def ensure_current(
    engine: Engine, *, auto_upgrade: bool, location: Path = ALEMBIC_DIR
) -> Upgrade | None:
    """Make sure the database is at the newest revision, or raise :class:`SchemaMismatch`.

    An empty database is created; an older one is upgraded only with ``auto_upgrade``.
    Returns what was done, or None when the database was already current.
    """
    status = schema_status(engine, location)
    if status.state is State.CURRENT:
        return None
    if status.state is State.EMPTY or (
        auto_upgrade and status.state in (State.OLDER, State.BEFORE_MIGRATIONS)
    ):
        return upgrade(engine, location)
    raise SchemaMismatch(status.refusal())


def upgrade(engine: Engine, location: Path = ALEMBIC_DIR) -> Upgrade:
    """Bring the database to the newest revision in one transaction (a SQLite file is copied first).

    Raises :class:`SchemaMismatch` for a database at a revision this version does not know.
    """
    script = scripts(location)
    before = schema_status(engine, location)
    if before.state is State.NEWER:
        raise SchemaMismatch(before.refusal())
    if before.state is State.CURRENT:
        return Upgrade(before.url, before, before.head, None)
    path = sqlite_path(before.url)
    backup = _backup_sqlite(path) if path and before.state is not State.EMPTY else None
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_LOCK: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY}
                )
            # Read again under the lock: another process may have upgraded in the meantime.
            now = _status(connection, script)
            if now.state is State.NEWER:
                raise SchemaMismatch(now.refusal())
            if now.state is State.CURRENT:
                return Upgrade(now.url, now, now.head, backup)
            config = _config(location, connection)
            if now.state is State.BEFORE_MIGRATIONS:
                command.stamp(config, _first_revision(script))
            command.upgrade(config, "head")
            revision = MigrationContext.configure(connection).get_current_revision()
    return Upgrade(before.url, before, str(revision), backup)


def _status(connection: Connection, script: ScriptDirectory) -> SchemaStatus:
    head = script.get_current_head()
    if head is None:
        raise RuntimeError(f"no Alembic revisions in {script.dir}")
    url = connection.engine.url.render_as_string(hide_password=False)
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is None:
        tables = set(inspect(connection).get_table_names())
        ours = tables & set(metadata.tables)
        return SchemaStatus(url, State.BEFORE_MIGRATIONS if ours else State.EMPTY, None, head)
    if revision == head:
        return SchemaStatus(url, State.CURRENT, revision, head)
    try:
        known = script.get_revision(revision) is not None
    except CommandError:
        known = False
    return SchemaStatus(url, State.OLDER if known else State.NEWER, revision, head)


def _first_revision(script: ScriptDirectory) -> str:
    (base,) = script.get_bases()
    return base


def _config(location: Path, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(location).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _backup_sqlite(path: Path) -> Path | None:
    """A consistent copy of a SQLite file beside it (SQLite's online backup), before an upgrade."""
    if not path.is_file():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{stamp}-{counter}.bak")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target

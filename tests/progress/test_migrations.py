"""Schema migrations of the progress store: old databases are upgraded with every row, or refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, insert, inspect, select, text

from airoadmap_lab import cli
from airoadmap_lab.progress import ProgressStore, SchemaMismatch
from airoadmap_lab.progress.engine import make_engine, sqlite_path
from airoadmap_lab.progress.migrations import (
    ALEMBIC_DIR,
    State,
    ensure_current,
    schema_status,
    scripts,
    upgrade,
)
from airoadmap_lab.progress.tables import metadata
from tests.conftest import FIXTURE_COURSE

from . import legacy_schema

HEAD = scripts().get_current_head()
UNKNOWN_REVISION = "0123456789ab"


def legacy_database(url: str) -> dict[str, list[tuple]]:
    """A database as the releases before migrations left it, with rows in every table."""
    engine = create_engine(url)
    legacy_schema.metadata.create_all(engine)
    with engine.begin() as connection:
        for i in range(3):
            connection.execute(
                insert(legacy_schema.attempts).values(
                    user=f"stu{i % 2}",
                    exercise_id="add-numbers",
                    exercise_version=1 + i,
                    status=("passed", "failed", "error")[i],
                    score=3.0 - i,
                    max_score=3.0,
                    duration_ms=12.5 + i,
                    code=f"def add(a, b):\n    return a + b  # {i} ünïcode\n",
                    created_at=1_700_000_000.25 + i,
                )
            )
        for hint_index, kind in ((0, "hint"), (1, "hint"), (None, "solution")):
            connection.execute(
                insert(legacy_schema.reveals).values(
                    user="stu1",
                    exercise_id="add-numbers",
                    kind=kind,
                    hint_index=hint_index,
                    created_at=1_700_000_100.5,
                )
            )
    rows = all_rows(engine)
    engine.dispose()
    return rows


def all_rows(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row) for row in connection.execute(select(table).order_by(table.c.id))
            ]
            for table in legacy_schema.metadata.sorted_tables
        }


def differences_from_tables_py(engine: Engine) -> list:
    """What autogenerate would change to make the database match airoadmap_lab/progress/tables.py."""
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_the_revisions_build_exactly_the_tables_the_store_uses(database_url: str) -> None:
    # Given an empty database, when the store opens it
    store = ProgressStore(database_url, auto_upgrade=False)

    # Then it is created at the newest revision, with the schema of tables.py (a column added to
    # tables.py without a revision fails here)
    assert store.schema_upgrade is not None
    assert store.schema_upgrade.before.state is State.EMPTY
    assert revision_of(store.engine) == HEAD
    assert differences_from_tables_py(store.engine) == []
    store.close()


def test_a_database_from_before_migrations_is_upgraded_and_loses_nothing(
    database_url: str,
) -> None:
    # Given a database made by the release before migrations, with rows in every table
    before = legacy_database(database_url)

    # When a personal server opens it (auto_upgrade)
    store = ProgressStore(database_url, auto_upgrade=True)

    # Then it was stamped and upgraded to the newest revision, every row is still there, and the
    # schema is the one the store uses
    assert store.schema_upgrade is not None
    assert store.schema_upgrade.before.state is State.BEFORE_MIGRATIONS
    assert revision_of(store.engine) == HEAD
    assert all_rows(store.engine) == before
    assert differences_from_tables_py(store.engine) == []
    # And the store reads the old rows and keeps numbering after them
    progress = store.progress()
    assert progress["stu0"]["add-numbers"].attempts == 2
    assert progress["stu1"]["add-numbers"].hints_revealed == 2
    assert progress["stu1"]["add-numbers"].solution_revealed
    new_id = store.record_attempt("stu2", "add-numbers", 1, "passed", 3, 3, 10, "code")
    assert new_id == max(row[0] for row in before["attempts"]) + 1
    store.close()


def test_a_sqlite_file_is_copied_before_it_is_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    before = legacy_database(url)

    store = ProgressStore(url, auto_upgrade=True)

    assert store.schema_upgrade is not None and store.schema_upgrade.backup is not None
    assert str(store.schema_upgrade.backup) in store.schema_upgrade.describe()
    copy = create_engine(f"sqlite:///{store.schema_upgrade.backup}")
    assert all_rows(copy) == before
    assert not inspect(copy).has_table("alembic_version")
    copy.dispose()
    store.close()


def test_the_classroom_rule_refuses_a_database_from_before_migrations_and_leaves_it(
    database_url: str,
) -> None:
    before = legacy_database(database_url)

    with pytest.raises(SchemaMismatch, match="jupyter airoadmap db upgrade --url"):
        ProgressStore(database_url, auto_upgrade=False)

    engine = create_engine(database_url)
    assert not inspect(engine).has_table("alembic_version")
    assert all_rows(engine) == before
    engine.dispose()


@pytest.mark.parametrize("auto_upgrade", [False, True])
def test_a_database_at_an_unknown_revision_is_refused_and_left_untouched(
    database_url: str, auto_upgrade: bool
) -> None:
    # Given a database written by a newer version (a revision this one does not know)
    ProgressStore(database_url, auto_upgrade=False).close()
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE alembic_version SET version_num = :v"), {"v": UNKNOWN_REVISION}
        )

    # Then neither a personal server, nor the classroom, nor `db upgrade` touches it
    with pytest.raises(SchemaMismatch, match="a newer version wrote it") as refused:
        ProgressStore(database_url, auto_upgrade=auto_upgrade)
    assert UNKNOWN_REVISION in str(refused.value)
    with pytest.raises(SchemaMismatch):
        upgrade(engine)
    assert revision_of(engine) == UNKNOWN_REVISION
    assert schema_status(engine).state is State.NEWER
    engine.dispose()


@pytest.fixture
def two_revisions(tmp_path: Path) -> Path:
    """This version's revisions plus a next one that adds a column, as a future release would."""
    location = tmp_path / "alembic"
    shutil.copytree(ALEMBIC_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "next_add_attempts_note.py").write_text(
        f'''"""attempts.note"""
import sqlalchemy as sa
from alembic import op

revision = "feedc0ffee01"
down_revision = {HEAD!r}


def upgrade():
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
'''
    )
    return location


def test_an_older_revision_is_refused_for_the_classroom_and_upgraded_with_its_rows(
    database_url: str, two_revisions: Path
) -> None:
    # Given a database at this version's revision, with rows
    legacy_database(database_url)
    ProgressStore(database_url, auto_upgrade=True).close()
    engine = make_engine(database_url)
    before = all_rows(engine)

    # When a version with one more revision opens it: the classroom rule refuses, naming the command
    with pytest.raises(SchemaMismatch, match=f"is at schema revision {HEAD}.*db upgrade"):
        ensure_current(engine, auto_upgrade=False, location=two_revisions)
    assert revision_of(engine) == HEAD

    # And the personal rule upgrades it, keeping every row
    done = ensure_current(engine, auto_upgrade=True, location=two_revisions)
    assert done is not None and done.before.state is State.OLDER
    assert revision_of(engine) == "feedc0ffee01"
    assert "note" in {c["name"] for c in inspect(engine).get_columns("attempts")}
    assert all_rows(engine) == before
    engine.dispose()


def test_a_failing_revision_leaves_the_database_as_it_was(
    database_url: str, two_revisions: Path
) -> None:
    # Given a next revision that fails after changing the schema
    script = two_revisions / "versions" / "next_add_attempts_note.py"
    script.write_text(script.read_text() + "    raise RuntimeError('half-way')\n")
    legacy_database(database_url)
    engine = make_engine(database_url)
    before = all_rows(engine)

    # When the database (from before migrations) is upgraded
    with pytest.raises(RuntimeError, match="half-way"):
        upgrade(engine, two_revisions)

    # Then nothing happened: not the stamp, not the first step, not the column
    assert not inspect(engine).has_table("alembic_version")
    assert "note" not in {c["name"] for c in inspect(engine).get_columns("attempts")}
    assert all_rows(engine) == before
    engine.dispose()


def test_two_processes_upgrading_at_once_both_succeed_once(database_url: str) -> None:
    before = legacy_database(database_url)
    engines = [make_engine(database_url) for _ in range(2)]
    errors: list[BaseException] = []

    def run(engine: Engine) -> None:
        try:
            upgrade(engine)
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=run, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert revision_of(engines[0]) == HEAD
    assert all_rows(engines[0]) == before
    for engine in engines:
        engine.dispose()


def test_db_current_and_db_upgrade_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'gradebook.sqlite3'}"
    before = legacy_database(url)

    assert cli.main(["db", "current", "--url", url]) == 0
    assert "made before schema migrations" in capsys.readouterr().out
    assert cli.main(["db", "upgrade", "--url", url]) == 0
    assert f"to {HEAD}" in capsys.readouterr().out
    assert cli.main(["db", "current", "--url", url]) == 0
    assert f"at revision {HEAD} (up to date)" in capsys.readouterr().out

    engine = create_engine(url)
    assert all_rows(engine) == before
    engine.dispose()


def test_db_current_does_not_create_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'typo.sqlite3'}"

    assert cli.main(["db", "current", "--url", url]) == 2
    assert "there is no database file" in capsys.readouterr().err
    assert not (tmp_path / "typo.sqlite3").exists()


def test_the_classroom_service_stops_on_an_old_database_naming_the_upgrade_command(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'gradebook.sqlite3'}"
    before = legacy_database(url)

    service = subprocess.run(
        [
            sys.executable,
            "-m",
            "airoadmap_lab.hub",
            f"--db-url={url}",
            f"--course={FIXTURE_COURSE}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )

    assert service.returncode == 1, service.stderr
    assert f"jupyter airoadmap db upgrade --url '{url}'" in service.stderr
    path = sqlite_path(url)
    assert path is not None
    engine = create_engine(url)
    assert all_rows(engine) == before
    engine.dispose()

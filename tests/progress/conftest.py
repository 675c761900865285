"""Databases for the progress tests: a SQLite file, or a fresh database on a private PostgreSQL."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.hub.harness import Postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A private PostgreSQL cluster on 127.0.0.1 for this test session; its admin URL."""
    if os.geteuid() != 0:
        pytest.skip("the PostgreSQL tests run the server as the postgres user: run them as root")
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.skip("PostgreSQL is not installed (scripts/setup.sh --test installs it)")
    directory = Path(tempfile.mkdtemp(prefix="airoadmap-progress-pg-"))
    directory.chmod(0o755)
    server = Postgres(directory / "postgres")
    try:
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    admin_url = request.getfixturevalue("postgres_server")
    name = f"progress_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"

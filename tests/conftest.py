"""Shared fixtures: the tiny test course, and a copy of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the test course."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    return root


pytest_plugins = ("pytest_jupyter.jupyter_server",)


@pytest.fixture
def progress_db(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def jp_server_config(progress_db: Path) -> dict:
    """A Jupyter server with the extension on, serving the tiny test course."""
    return {
        "ServerApp": {"jpserver_extensions": {"airoadmap_lab": True}},
        "AiroadmapLab": {
            "course_path": str(FIXTURE_COURSE),
            "progress_url": f"sqlite:///{progress_db}",
            "progress_user": "learner",
        },
    }

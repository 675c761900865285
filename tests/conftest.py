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

"""Where the built-in course and its schemas live: inside the wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
SOURCE_TREE = PACKAGE.parent


def builtin_course_dir() -> Path:
    """The course that ships with airoadmap-lab (``lessons/``)."""
    installed = PACKAGE / "course" / "lessons"
    return installed if installed.is_dir() else SOURCE_TREE / "lessons"


def course_schema_dir() -> Path:
    """The JSON Schemas of course files (``schema/course/``)."""
    installed = PACKAGE / "course" / "schema"
    return installed if installed.is_dir() else SOURCE_TREE / "schema" / "course"

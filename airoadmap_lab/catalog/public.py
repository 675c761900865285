"""The public part of a course: everything but solutions, checks, hidden data and wrong answers.

A student's environment in a class holds only this part (the grading service holds the rest).
A course folder holding only its public part carries a marker file, so the catalog does not
expect the private files there.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from .model import PRIVATE_DIRS, PRIVATE_FILES

PUBLIC_MARKER = ".public-course"


def is_public(root: Path) -> bool:
    """Whether ``root`` holds only the public part of a course."""
    return (root / PUBLIC_MARKER).is_file()


def private_paths(root: Path) -> Iterator[Path]:
    """Every private file and folder of the exercises under ``root``."""
    for exercise_yaml in sorted(root.rglob("exercises/*/exercise.yaml")):
        folder = exercise_yaml.parent
        for name in (*PRIVATE_FILES, *PRIVATE_DIRS):
            if (folder / name).exists():
                yield folder / name


def export_public(source: Path, dest: Path) -> int:
    """Copy the public part of the course at ``source`` to ``dest`` (which must not exist)."""
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose a new folder")
    hidden = set(private_paths(source))

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if Path(folder) / n in hidden or n == "__pycache__"]

    shutil.copytree(source, dest, ignore=ignore)
    (dest / PUBLIC_MARKER).write_text("This folder holds only the public part of the course.\n")
    return len(hidden)


def strip_private(root: Path) -> int:
    """Delete the private files of the course at ``root`` in place; returns how many were removed."""
    removed = 0
    for path in list(private_paths(root)):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed += 1
    for cache in list(root.rglob("__pycache__")):
        shutil.rmtree(cache)
    (root / PUBLIC_MARKER).write_text("This folder holds only the public part of the course.\n")
    return removed

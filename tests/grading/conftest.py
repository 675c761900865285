"""Shared fixtures of the grading-engine tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from airoadmap_lab.grading import ExerciseFiles, Grader, SandboxConfig

FIXTURES = Path(__file__).parent / "fixtures"


def exercise(name: str) -> ExerciseFiles:
    """A fixture exercise by folder name."""
    return ExerciseFiles.from_directory(FIXTURES / name)


def read(name: str, file: str) -> str:
    """The text of a file of a fixture exercise."""
    return (FIXTURES / name / file).read_text(encoding="utf-8")


def descendants(pid: int) -> set[int]:
    """Every live (non-zombie) process below ``pid``, found by scanning /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z":
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _uid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("Uid:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def leftovers(grader: Grader) -> set[int]:
    """Processes under ``grader``'s fork server other than its idle pre-forked sandboxes.

    An idle pre-forked sandbox is a direct child of the fork server that still runs as the
    server's uid (it drops privileges only when an attempt arrives) and has no children.
    """
    worker = grader._launcher._proc.pid  # type: ignore[union-attr]
    below = descendants(worker)
    idle = {
        pid
        for pid in below
        if _parent(pid) == worker and _uid(pid) == os.geteuid() and not descendants(pid)
    }
    extra = below - idle
    if len(idle) > grader.config.prefork:
        extra |= idle
    return extra


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


@pytest.fixture(scope="session")
def grader() -> Iterator[Grader]:
    """One warm grader for the whole session (course fixtures hidden from the sandbox)."""
    g = Grader(SandboxConfig(hide_paths=(FIXTURES,)))
    g.start()
    yield g
    g.close()

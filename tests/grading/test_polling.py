"""Waiting on descriptors in the grading path works for descriptor numbers above 1024."""

from __future__ import annotations

import os
import resource
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import airoadmap_lab.grading as grading
from airoadmap_lab.grading import Grader, GradeStatus
from airoadmap_lab.grading.polling import wait_readable

from .conftest import exercise, read

HELD = 1100  # enough to push every new descriptor past select()'s FD_SETSIZE of 1024


@pytest.fixture
def many_descriptors() -> Iterator[list[int]]:
    """Hold ``HELD`` open descriptors (raising the soft RLIMIT_NOFILE for the test)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = HELD + 512
    if hard != resource.RLIM_INFINITY and hard < want:
        pytest.skip(f"the hard limit on open files ({hard}) is below {want}")
    if soft == resource.RLIM_INFINITY or soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(HELD)]
    try:
        yield held
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_no_select_call_in_the_grading_package():
    root = Path(grading.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "select.select(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_wait_readable_reports_ready_and_closed_descriptors_above_1024(many_descriptors):
    a, b = socket.socketpair()
    c, d = socket.socketpair()
    try:
        assert min(a.fileno(), c.fileno()) > 1024
        assert wait_readable([a.fileno(), c.fileno()], 0) == []
        b.send(b"x")
        assert wait_readable([a.fileno(), c.fileno()], 5.0) == [a.fileno()]
        d.close()  # end of file counts as readable
        assert wait_readable([c.fileno(), a.fileno()], 5.0) == [c.fileno(), a.fileno()]
    finally:
        for s in (a, b, c, d):
            s.close()


def test_grading_works_while_the_process_holds_over_1024_descriptors(
    grader: Grader, many_descriptors
):
    # Given more than 1,024 descriptors open in the grading process, so the attempt's own
    # socket and pipes get numbers select() cannot watch,
    probe_fd = os.open(os.devnull, os.O_RDONLY)
    os.close(probe_fd)
    assert probe_fd > 1024
    # when a correct solution is graded, it passes,
    name = "np-standardize"
    result = grader.grade_sync(exercise(name), read(name, "solution.py"))
    assert result.status == GradeStatus.passed, result
    assert result.score == result.max_score
    # and a wrong one still fails on its merits (not with an internal error).
    wrong = grader.grade_sync(exercise(name), "def standardize(X):\n    return X\n")
    assert wrong.status == GradeStatus.failed, wrong

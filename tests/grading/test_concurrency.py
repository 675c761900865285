"""50 simultaneous attempts through the async API: all answered, each with its own result."""

from __future__ import annotations

import asyncio

from airoadmap_lab.grading import Grader, GradeStatus

from .conftest import exercise, read


def test_fifty_concurrent_attempts_all_answered_correctly(grader: Grader):
    ex = exercise("np-standardize")
    codes = {
        "solution": (read("np-standardize", "solution.py"), GradeStatus.passed, 4.0),
        "wrong_axis": (read("np-standardize", "wrong/wrong_axis.py"), GradeStatus.failed, 0.0),
        "mutates": (read("np-standardize", "wrong/mutates.py"), GradeStatus.failed, 0.0),
        "syntax": ("def standardize(X:\n", GradeStatus.error, 0.0),
        "prints": (
            "import numpy as np\n"
            "def standardize(X):\n"
            "    print('attempt', X.shape)\n"
            "    return (X - X.mean(0)) / np.where(X.std(0) == 0, 1, X.std(0))\n",
            GradeStatus.passed,
            4.0,
        ),
    }
    plan = [list(codes)[i % len(codes)] for i in range(50)]

    async def run_all():
        return await asyncio.gather(*(grader.grade(ex, codes[kind][0]) for kind in plan))

    results = asyncio.run(run_all())
    assert len(results) == 50
    for kind, result in zip(plan, results, strict=True):
        _, status, score = codes[kind]
        assert (result.status, result.score) == (status, score), (kind, result)
        if kind == "prints":
            assert "attempt (3, 2)" in result.output


def test_grading_does_not_block_the_event_loop(grader: Grader):
    ex = exercise("np-standardize")
    code = read("np-standardize", "solution.py")

    async def main():
        ticks = 0
        task = asyncio.ensure_future(grader.grade(ex, code))
        while not task.done():
            ticks += 1
            await asyncio.sleep(0)
        return ticks, task.result()

    ticks, result = asyncio.run(main())
    assert result.status == GradeStatus.passed
    assert ticks > 1  # the loop kept running while the attempt was graded

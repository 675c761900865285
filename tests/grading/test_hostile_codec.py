"""Hostile answers to the codec: what the sandbox sends back cannot hurt or stall the judge.

Run inside their own PID and network namespaces, like the rest of the hostile corpus::

    unshare --pid --fork --mount-proc --net .venv/bin/python -m pytest -m hostile \
        tests/grading/test_hostile_codec.py

Every malformed or oversize answer is the learner's problem ("returned a value that cannot be
checked"), never "a problem in the exercise"; the attempt goes on with the next test when the
stream is still in step; texts are capped and marked; no read outlives the attempt's deadline.
"""

from __future__ import annotations

import json
import logging
import textwrap
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from airoadmap_lab.grading import ExerciseFiles, Grader, GradeResult, GradeStatus, SandboxConfig

from .conftest import FIXTURES
from .test_hostile import _contained

pytestmark = pytest.mark.hostile

CHECK = """\
from airoadmap_lab.grading.checks import Checks, expect_equal

checks = Checks()


@checks.test("the first answer")
def first(t):
    expect_equal(t.call("f", 3), 3, what="f(3)")


@checks.test("the second answer")
def second(t):
    expect_equal(t.call("g", 4), 4, what="g(4)")
"""

HONEST = "def f(x):\n    return x\n\n\ndef g(x):\n    return x\n"

# Learner code that replaces the child's next answer (to `f`) by a frame it builds itself.
FORGE = """\
import struct, sys

child = sys.modules["airoadmap_lab.grading.child"]
_real = child.send_frame
_armed = [False]


def _frame(head, buffers=()):
    parts = [struct.pack(">II", len(head), len(buffers)), head]
    for b in buffers:
        parts += [struct.pack(">Q", len(b)), b]
    return b"".join(parts)


def _forge(sock, header, buffers=None):
    if _armed[0]:
        _armed[0] = False
        sock.sendall(FRAME)
        return
    _real(sock, header, buffers)


child.send_frame = _forge


def f(x):
    _armed[0] = True
    return x


def g(x):
    return x


"""


@pytest.fixture(scope="module", autouse=True)
def contained() -> None:
    """Refuse (fail, not skip) to run hostile code outside its own PID and network namespaces."""
    if not _contained():
        pytest.fail("hostile tests run only inside `unshare --pid --fork --mount-proc --net`")


@pytest.fixture(scope="module")
def codec_grader() -> Iterator[Grader]:
    g = Grader(SandboxConfig(hide_paths=(FIXTURES,)))
    g.start()
    yield g
    g.close()


@pytest.fixture
def ex(tmp_path: Path) -> ExerciseFiles:
    folder = tmp_path / "codec-ex"
    (folder / "data").mkdir(parents=True)
    (folder / "check.py").write_text(CHECK)
    (folder / "solution.py").write_text(HONEST)
    return ExerciseFiles("codec-ex", 1, folder, "", time_limit_s=10, memory_limit_mb=1024)


def forged(frame_expr: str) -> str:
    return FORGE + f"FRAME = {frame_expr}\n"


def assert_learner_problem(result: GradeResult, caplog: pytest.LogCaptureFixture) -> None:
    """The first test failed with 'cannot be checked'; the attempt went on; nothing logged."""
    first, second = result.tests
    assert result.status == GradeStatus.failed, result
    assert not first.passed and "returned a value that cannot be checked" in first.message
    assert second.passed, second  # the stream stayed in step: the attempt went on
    assert "problem in the exercise" not in result.model_dump_json()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("frame", "needle"),
    [
        ("_frame(b'{\"ok\":true,\"value\":' + b'[' * 20000 + b']' * 20000 + b'}')", "nested"),
        (
            '_frame(b\'{"ok":true,"value":{"$":"ndarray","dtype":"<U0","shape":[3],'
            "\"buf\":0}}', (b'',))",
            "dtype <U0",
        ),
        (
            '_frame(b\'{"ok":true,"value":{"$":"ndarray","dtype":"<f8","shape":\''
            " + str([1] * 65).encode() + b',\"buf\":0}}', (bytes(8),))",
            "65 dimensions",
        ),
        (
            '_frame(b\'{"ok":true,"value":{"$":"ndarray","dtype":"|O","shape":[1],'
            '"buf":0}}\', (bytes(8),))',
            "dtype |O",
        ),
        (
            '_frame(b\'{"ok":true,"value":{"$":"ndarray","dtype":"<f8","shape":[9],'
            '"buf":0}}\', (bytes(8),))',
            "does not match",
        ),
        ('_frame(b\'{"ok":true,"value":{"$":"bytes","buf":3}}\')', "buffer"),
        ('_frame(b\'{"ok":true,"value":"\\xff\\xfe"}\')', "well-formed"),
        ("_frame(b'[1, 2, 3]')", "well-formed"),
        ('_frame(b\'{"ok":false,"kind":"surprise"}\')', "not an answer"),
    ],
    ids=[
        "deep-header",
        "dtype-U0",
        "65-dims",
        "object-dtype",
        "bad-buffer-length",
        "bad-buffer-index",
        "invalid-utf8",
        "not-an-object",
        "unknown-kind",
    ],
)
def test_malformed_answers_are_the_learners_problem(
    codec_grader: Grader, ex: ExerciseFiles, caplog, frame: str, needle: str
):
    result = codec_grader.grade_sync(ex, forged(frame))
    assert_learner_problem(result, caplog)
    assert needle in result.tests[0].message
    assert codec_grader.grade_sync(ex, HONEST).status == GradeStatus.passed


def test_millions_of_empty_lists_are_refused_fast_with_bounded_memory(
    codec_grader: Grader, ex: ExerciseFiles, caplog
):
    # Given an answer of 5.3 million empty lists (15.9 MB, under the 16 MB result cap), the
    # frame the child's encoder makes for `[[] for _ in range(5_300_000)]` (built directly here:
    # encoding it takes the child seconds of its own time limit),
    code = forged("_frame(b'{\"ok\":true,\"value\":[' + b','.join([b'[]'] * 5_300_000) + b']}')")
    # when it is graded, the judge refuses it before building the lists:
    tracemalloc.start()
    try:
        result = codec_grader.grade_sync(ex, code)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_learner_problem(result, caplog)
    assert "more than 500,000 values" in result.tests[0].message
    # the frame itself is held (about 16 MB, twice while it is read); 5.3 M lists were ~490 MB
    assert peak < 120_000_000, peak


def test_a_huge_error_message_stays_small_and_is_marked_as_cut(
    codec_grader: Grader, ex: ExerciseFiles
):
    # An exception whose class name is 5 MB: it appears in the type, the type names and the
    # traceback of the answer (15 MB of text), in two tests and on loading.
    code = textwrap.dedent(
        """\
        E = type("E" * 5_000_000, (Exception,), {})

        def f(x):
            raise E("m" * 5_000_000)

        def g(x):
            raise E("m" * 5_000_000)
        """
    )
    result = codec_grader.grade_sync(ex, code)
    assert result.status == GradeStatus.failed
    size = len(result.model_dump_json())
    assert size < 100_000, size
    assert all("characters not shown" in t.message for t in result.tests)


def test_an_answer_trickled_byte_by_byte_ends_at_the_time_limit(
    codec_grader: Grader, tmp_path: Path
):
    # Given an exercise with a short time limit and a child that announces a long answer,
    # then sends one byte every half second for ever,
    folder = tmp_path / "slow"
    (folder / "data").mkdir(parents=True)
    (folder / "check.py").write_text(CHECK)
    (folder / "solution.py").write_text(HONEST)
    ex = ExerciseFiles("slow", 1, folder, "", time_limit_s=2, memory_limit_mb=1024)
    code = FORGE.replace(
        "        sock.sendall(FRAME)\n",
        "        import time\n"
        "        sock.sendall(struct.pack('>II', 100_000, 0))\n"
        "        while True:\n"
        "            sock.sendall(b' ')\n"
        "            time.sleep(0.5)\n",
    )
    result = codec_grader.grade_sync(ex, code)
    # then the attempt ends as a timeout when its deadline passes: one deadline covers every
    # read, so it ends before the fork server's backstop (limit + grace + 10 s) would kill it,
    # which is where it used to end.
    assert result.status == GradeStatus.timeout, result
    limit = codec_grader.config.time_limit(ex)
    backstop_s = limit + codec_grader.config.kill_grace_s + 10.0
    assert result.duration_ms < backstop_s * 1000, (result.duration_ms, limit)


def test_surrogates_nul_and_invalid_utf8_in_output_are_shown_readably(
    codec_grader: Grader, ex: ExerciseFiles
):
    code = textwrap.dedent(
        """\
        import os

        def f(x):
            print("lone \\ud800 surrogate and a \\x00 nul")
            os.write(1, b"bad utf-8: \\xff\\xfe\\n")
            raise ValueError("message with \\udcff and \\x00")

        def g(x):
            return x
        """
    )
    result = codec_grader.grade_sync(ex, code)
    text = result.model_dump_json()  # would raise on a lone surrogate
    data = json.loads(text)
    assert "lone \\ud800 surrogate and a \\x00 nul" in data["output"]
    assert "bad utf-8: \\xff\\xfe" in data["output"]
    assert "message with \\udcff and \\x00" in data["tests"][0]["message"]
    assert data["tests"][1]["passed"]

"""Submissions that patch the grader's own code inside the sandbox to forge a score.

Whatever runs in the sandboxed child is the learner's to change: the snippet runner behind
``t.run``, the code that sends arguments back for the mutation check, the module exporter, the
codec's encoder. Scores must still come only from values judged on the trusted side, so none of
these patches lifts a wrong solution to full marks (docs/authoring.md, "Only trusted computation
decides a score"). Run inside their own namespaces::

    unshare --pid --fork --mount-proc --net .venv/bin/python -m pytest -m hostile \
        tests/grading/test_hostile_trusted.py
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest

from airoadmap_lab.catalog import builtin_course_dir, load_course
from airoadmap_lab.exercise_files import exercise_files
from airoadmap_lab.grading import Grader, GradeStatus, SandboxConfig

from .conftest import FIXTURES, exercise, read
from .test_hostile import _contained

pytestmark = pytest.mark.hostile


@pytest.fixture(scope="module", autouse=True)
def contained() -> None:
    """Refuse (fail, not skip) to run hostile code outside its own PID and network namespaces."""
    if not _contained():
        pytest.fail("hostile tests run only inside `unshare --pid --fork --mount-proc --net`")


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    g = Grader(SandboxConfig(hide_paths=(FIXTURES, builtin_course_dir())))
    g.start()
    yield g
    g.close()


MLP = textwrap.dedent(
    """\
    import torch
    from torch import nn

    def build_cnn():
        return nn.Sequential(nn.Flatten(), nn.Linear(64, 48), nn.ReLU(), nn.Linear(48, 10))

    def count_parameters(model):
        return 8
    """
)

FORGE_RUN = textwrap.dedent(
    """\
    import airoadmap_lab.grading.child as child

    def fake_run(self, request, buffers):
        code = str(request.get("code", ""))
        if "train_and_score" in code:
            value = 1.0
        elif "convs" in code:
            value = {"convs": 2, "trainable": 1000}
        elif "count_parameters" in code:
            value = [8, 76, 11, 0]
        else:
            value = [{"shape": [1, 10], "sums_to_one": False},
                     {"shape": [5, 10], "sums_to_one": False}]
        self._send_value(value)

    child.ChildSession.run = fake_run
    """
)

FORGE_EXPORT = textwrap.dedent(
    """\
    import airoadmap_lab.grading.child as child
    real = child.describe

    def fake_describe(module):
        spec = real(module)
        for _, node in spec["root"]["children"]:
            if node["type"] == "Linear":
                node["type"] = "Conv2d"  # claim convolutions, keep the MLP's settings
        return spec

    child.describe = fake_describe
    """
)

FORGE_ENCODER = textwrap.dedent(
    """\
    import airoadmap_lab.grading.child as child
    real = child.encode_value

    def fake_encode(value, buffers, depth=0):
        if isinstance(value, dict) and value.get("$spec") == "torch.nn":
            value = dict(value, state={}, root={"type": "Conv2d", "config": {}})
        if isinstance(value, int) and not isinstance(value, bool):
            return 1000
        return real(value, buffers, depth)

    child.encode_value = fake_encode
    """
)


def _course_exercise(exercise_id: str):
    return exercise_files(load_course([builtin_course_dir()]).exercises[exercise_id])


@pytest.mark.parametrize(
    "name, attack",
    [
        ("forged t.run", FORGE_RUN),
        ("forged export", FORGE_EXPORT),
        ("forged encoder", FORGE_ENCODER),
    ],
)
def test_patching_the_child_does_not_score_a_network_without_convolutions(
    grader: Grader, name: str, attack: str
):
    # Given an MLP (no Conv2d) and a wrong count_parameters, plus a patch of the child's code
    result = grader.grade_sync(_course_exercise("cnn-digits"), MLP + attack)
    # Then the attempt does not pass, and says why in words a learner understands
    assert result.status == GradeStatus.failed, (name, result)
    assert result.score < result.max_score
    failed = [t for t in result.tests if not t.passed]
    assert failed and all(t.message and "Traceback" not in t.message for t in failed)
    assert any("Conv2d" in t.message or "cannot be checked" in t.message for t in failed), (
        result.tests
    )


MUTATION_ATTACKS = {
    "old snapshot patch": "import airoadmap_lab.grading.child as child\n"
    "child._snapshot = lambda value: b'same'\n",
    "drop the arguments sent back": "import airoadmap_lab.grading.child as child\n"
    "child.ChildSession._attach_after = staticmethod(lambda header, after, buffers: None)\n",
    "send back the results instead": "import airoadmap_lab.grading.child as child\n"
    "real = child.ChildSession._attach_after\n"
    "def fake(header, after, buffers):\n"
    "    real(header, [[], {}], buffers)\n"
    "child.ChildSession._attach_after = staticmethod(fake)\n",
}


@pytest.mark.parametrize("name", sorted(MUTATION_ATTACKS))
def test_forging_the_mutation_check_in_the_child_does_not_hide_a_mutated_input(
    grader: Grader, name: str
):
    # Given a standardize that normalises its input in place, plus a patch of the child's code
    code = MUTATION_ATTACKS[name] + read("np-standardize", "wrong/mutates.py")
    result = grader.grade_sync(exercise("np-standardize"), code)
    # Then the mutation is still seen on the trusted side
    assert result.status == GradeStatus.failed, (name, result)
    assert result.score == 0
    shown = [t for t in result.tests if not t.passed and "changed its input" in t.message]
    assert shown, result.tests

"""End-to-end grading of honest (non-hostile) submissions through the real sandbox."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from airoadmap_lab.grading import (
    ExerciseFiles,
    Grader,
    GradeStatus,
    IsolationRefused,
    SandboxConfig,
)
from airoadmap_lab.grading.report import REQUIRE_ISOLATION_ENV

from .conftest import descendants, exercise, read


def make_exercise(tmp_path: Path, check: str, starter: str = "def f(x):\n    return None\n"):
    """A throw-away exercise with the given check.py body (checks API already imported)."""
    header = (
        "import numpy as np\n"
        "from airoadmap_lab.grading.checks import *\n"
        "from airoadmap_lab.grading.checks import Checks\n"
        "checks = Checks()\n"
    )
    folder = tmp_path / "ex"
    (folder / "data").mkdir(parents=True)
    (folder / "check.py").write_text(header + textwrap.dedent(check))
    (folder / "solution.py").write_text("def f(x):\n    return x\n")
    (folder / "data" / "numbers.txt").write_text("1 2 3\n")
    return ExerciseFiles("tmp-ex", 3, folder, starter, time_limit_s=10, memory_limit_mb=512)


@pytest.mark.parametrize("name", ["np-standardize", "sk-iris-logreg", "torch-linear"])
def test_reference_solutions_score_full_marks(grader: Grader, name: str):
    result = grader.grade_sync(exercise(name), read(name, "solution.py"))
    assert result.status == GradeStatus.passed, result
    assert result.score == result.max_score > 0
    assert result.exercise_id == name and result.exercise_version == 1
    assert all(t.passed and t.points == t.max_points for t in result.tests)


def test_unchanged_starter_is_not_attempted(grader: Grader):
    ex = exercise("np-standardize")
    reformatted = ex.starter.replace("# TODO", "# still to do") + "\n\n"
    result = grader.grade_sync(ex, reformatted)
    assert result.status == GradeStatus.not_attempted
    assert result.score == 0 and result.max_score == 4


def test_starter_graded_anyway_fails_with_learner_line(grader: Grader):
    ex = exercise("np-standardize")
    result = grader.grade_sync(ex, ex.starter, detect_not_attempted=False)
    assert result.status == GradeStatus.failed
    first = result.tests[0]
    assert "NotImplementedError" in first.message and "(line 6)" in first.message


def test_syntax_error_reports_line_and_runs_nothing(grader: Grader):
    result = grader.grade_sync(exercise("np-standardize"), "import numpy\n\ndef standardize(X:\n")
    assert result.status == GradeStatus.error
    assert "line 3" in result.message
    assert result.score == 0 and all(not t.passed for t in result.tests)


def test_traceback_shows_only_learner_lines(grader: Grader):
    code = textwrap.dedent(
        """\
        import numpy as np

        def helper(X):
            return X.shape[5]

        def standardize(X):
            return helper(X)
        """
    )
    result = grader.grade_sync(exercise("np-standardize"), code)
    message = result.tests[0].message
    assert "IndexError" in message and "(line 4)" in message
    assert "line 7, in standardize" in message and "line 4, in helper" in message
    assert "airoadmap_lab" not in message and "child.py" not in message


def test_exception_while_loading_is_an_error_with_advice(grader: Grader):
    result = grader.grade_sync(exercise("np-standardize"), "x = 1\ny = undefined_name + x\n")
    assert result.status == GradeStatus.error
    assert "NameError" in result.message and "line 2" in result.message


def test_mutating_an_input_fails_the_test(grader: Grader):
    result = grader.grade_sync(
        exercise("np-standardize"), read("np-standardize", "wrong/mutates.py")
    )
    assert result.status == GradeStatus.failed
    assert "changed its input" in result.tests[0].message


def test_broken_check_is_an_error_not_a_learner_failure(grader: Grader, caplog):
    result = grader.grade_sync(exercise("broken-check"), read("broken-check", "solution.py"))
    assert result.status == GradeStatus.error
    assert "check" in result.message.lower() and "not in your code" in result.message
    assert result.tests[0].passed and not result.tests[1].passed
    assert "undefined_reference_value" in caplog.text  # the traceback goes to the log


def test_check_module_that_does_not_import_is_an_error(grader: Grader, tmp_path: Path):
    ex = make_exercise(tmp_path, "raise RuntimeError('oops')\n")
    result = grader.grade_sync(ex, "def f(x):\n    return x\n")
    assert result.status == GradeStatus.error and "could not be loaded" in result.message


def test_probe_api_run_has_mutation_data_and_seed(grader: Grader, tmp_path: Path):
    ex = make_exercise(
        tmp_path,
        """
        @checks.test("run, has, data_path, seed, ref")
        def api(t):
            expect(t.has("f") and not t.has("g"), "has")
            expect_equal(t.run("result = f(a) * 2", a=21), 42, what="run")
            expect_equal(t.call("f", (1, "x")), (1, "x"), what="tuple round trip")
            expect(t.data_path("numbers.txt").read_text() == "1 2 3\\n", "data_path")
            expect(isinstance(t.seed, int), "seed")
            expect(t.ref.f(5) == 5, "ref")

        @checks.test("allow_mutation")
        def mutation(t):
            a = np.zeros(3)
            got = t.call("fill", a, allow_mutation=True)
            expect_close(got, np.ones(3), what="fill")
            try:
                t.call("fill", a)
            except Fail as exc:
                expect("changed its input (argument 1)" in exc.message, exc.message)
            else:
                raise Fail("mutation was not detected")

        @checks.test("missing function and unsupported return")
        def missing(t):
            expect_raises_fail = None
            try:
                t.call("nope")
            except Fail as exc:
                expect_raises_fail = exc.message
            expect("does not define a function `nope`" in expect_raises_fail, "missing")
            try:
                t.call("weird")
            except Fail as exc:
                expect("returned a Weird, which cannot be checked" in exc.message, exc.message)
            else:
                raise Fail("unsupported value accepted")
        """,
    )
    code = textwrap.dedent(
        """\
        import numpy as np

        class Weird:
            pass

        def f(x):
            return x

        def fill(a):
            a[:] = 1
            return a

        def weird():
            return Weird()
        """
    )
    result = grader.grade_sync(ex, code)
    assert result.status == GradeStatus.passed, result.tests


def test_output_is_captured_capped_and_hidden_tests_dropped(grader: Grader, tmp_path: Path):
    ex = make_exercise(
        tmp_path,
        """
        @checks.test("visible")
        def visible(t):
            t.call("say", "visible-output")

        @checks.test("hidden", hidden=True)
        def hidden(t):
            t.call("say", "secret-hidden-input")
            raise Fail("detail that must not be shown")

        @checks.test("flood")
        def flood(t):
            t.call("flood")
        """,
    )
    code = "def say(s):\n    print(s)\n\ndef flood():\n    print('x' * 500_000)\n"
    result = grader.grade_sync(ex, code)
    assert "visible-output" in result.output
    assert "secret-hidden-input" not in result.output
    assert result.tests[1].message == "This hidden test did not pass."
    assert result.output_truncated and len(result.output) <= 64_000
    assert result.status == GradeStatus.failed and result.score == 2


def test_isolation_report_lists_layers(grader: Grader):
    report = grader.isolation
    summary = report.summary()
    assert "fork server" in summary and "seccomp" in summary
    assert report.is_active("rlimits")


def test_subprocess_launcher_grades_the_same(tmp_path: Path):
    """The fallback (one fresh python per attempt, no namespaces) gives the same verdicts."""
    config = SandboxConfig(use_fork_server=False, workers=1, require_isolation=False)
    with Grader(config) as slow:
        assert not slow.isolation.is_active("fork server")
        assert not slow.isolation.complete
        ex = exercise("np-standardize")
        passed = slow.grade_sync(ex, read("np-standardize", "solution.py"))
        mutated = slow.grade_sync(ex, read("np-standardize", "wrong/mutates.py"))
    assert passed.status == GradeStatus.passed and passed.score == 4
    assert mutated.status == GradeStatus.failed
    assert "changed its input" in mutated.tests[0].message


def test_require_isolation_refuses_a_weaker_sandbox():
    config = SandboxConfig(use_seccomp=False, require_isolation=True, allow_weak_with="THE-SETTING")
    grader = Grader(config)
    with pytest.raises(IsolationRefused) as refused:
        grader.start()
    grader.close()
    message = str(refused.value)
    # the layer, why it is missing, and the one setting that allows weaker grading
    assert "seccomp filter: switched off in the configuration (use_seccomp=False)" in message
    assert "set THE-SETTING" in message
    assert [layer.name for layer in refused.value.missing] == ["seccomp filter"]


def test_isolation_is_required_by_default_unless_the_environment_says_0(monkeypatch):
    monkeypatch.delenv(REQUIRE_ISOLATION_ENV, raising=False)
    assert SandboxConfig().require_isolation
    for value in ("1", "", "false", "no"):  # only the documented spelling turns it off
        monkeypatch.setenv(REQUIRE_ISOLATION_ENV, value)
        assert SandboxConfig().require_isolation, value
    monkeypatch.setenv(REQUIRE_ISOLATION_ENV, "0")
    assert not SandboxConfig().require_isolation


def test_the_subprocess_launcher_is_refused_when_isolation_is_required():
    grader = Grader(SandboxConfig(use_fork_server=False, require_isolation=True))
    with pytest.raises(IsolationRefused, match="namespaces: not used by the subprocess launcher"):
        grader.start()
    grader.close()


def test_a_dead_fork_server_is_replaced():
    """If the worker process dies, the next attempt starts a new one and still grades."""
    import os
    import signal

    with Grader(SandboxConfig(workers=1)) as own:
        ex = exercise("np-standardize")
        code = read("np-standardize", "solution.py")
        assert own.grade_sync(ex, code).status == GradeStatus.passed
        assert own.wait_idle(30)
        old = own._launcher._proc  # type: ignore[union-attr]
        prepared = descendants(old.pid)  # the pre-forked sandboxes of the old worker
        if own._launcher.hello.get("direct"):  # type: ignore[union-attr]
            assert prepared  # root: a pool of pre-forked sandboxes (none as a normal user)
        os.kill(old.pid, signal.SIGKILL)
        old.wait()
        result = own.grade_sync(ex, code)
        assert result.status == GradeStatus.passed, result
        assert own._launcher._proc.pid != old.pid  # type: ignore[union-attr]
        assert own.wait_idle(30)
    # the old worker's sandboxes died with it (PR_SET_PDEATHSIG); they may linger as zombies
    # of whoever reaps orphans here, never as running processes
    for pid in prepared:
        try:
            with open(f"/proc/{pid}/stat") as f:
                assert f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except FileNotFoundError:
            pass


def test_a_check_sending_more_than_the_codec_accepts_is_the_exercises_problem(
    grader: Grader, tmp_path: Path
):
    ex = make_exercise(
        tmp_path,
        """
        @checks.test("too many values for the wire")
        def too_many(t):
            t.call("f", [[] for _ in range(600_000)])

        @checks.test("still answers")
        def still(t):
            expect_equal(t.call("f", 2), 2, what="f(2)")
        """,
    )
    result = grader.grade_sync(ex, "def f(x):\n    return x\n")
    assert result.status == GradeStatus.error
    assert "problem in the exercise" in result.tests[0].message
    assert result.tests[1].passed  # the child kept serving: it is not the learner's fault

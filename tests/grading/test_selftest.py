"""The self-test over the fixture exercises, including their wrong/ solutions."""

from __future__ import annotations

from airoadmap_lab.grading import Grader
from airoadmap_lab.grading.selftest import format_selftest, read_expectation, run_selftest

from .conftest import exercise


def test_expectation_headers_are_parsed():
    code = "# expect-status: Failed\n# expect-message: changed its input\n#expect-message: x\nimport y\n"
    expectation = read_expectation(code)
    assert expectation.status == "failed"
    assert expectation.messages == ("changed its input", "x")
    assert read_expectation("import os\n# expect-status: failed\n").status is None


def test_good_fixtures_pass_the_selftest(grader: Grader):
    names = ["np-standardize", "sk-iris-logreg", "torch-linear"]
    outcomes = run_selftest(grader, [exercise(n) for n in names])
    report = format_selftest(outcomes)
    assert all(o.ok for o in outcomes), report
    np_outcome = outcomes[0]
    assert {"solution", "starter", "wrong/mutates.py", "wrong/loops_forever.py"} <= set(
        np_outcome.durations_ms
    )
    assert "3 of 3 exercises passed" in report


def test_broken_check_fails_the_selftest(grader: Grader):
    (outcome,) = run_selftest(grader, [exercise("broken-check")])
    assert not outcome.ok
    assert any("solution.py does not score full marks" in p for p in outcome.problems)
    assert "FAIL broken-check" in format_selftest([outcome])


def test_wrong_solution_with_unexpected_status_is_reported(grader: Grader, tmp_path):
    import shutil

    folder = tmp_path / "np-standardize"
    shutil.copytree(exercise("np-standardize").directory, folder)
    (folder / "wrong" / "loops_forever.py").unlink()
    # claims a timeout but actually passes
    (folder / "wrong" / "liar.py").write_text(
        "# expect-status: timeout\n" + (folder / "solution.py").read_text()
    )
    (folder / "wrong" / "no_header.py").write_text("def standardize(X):\n    return X\n")
    from airoadmap_lab.grading import ExerciseFiles

    (outcome,) = run_selftest(grader, [ExerciseFiles.from_directory(folder)])
    assert not outcome.ok
    text = "\n".join(outcome.problems)
    assert "wrong/liar.py: expected status timeout" in text
    assert "wrong/no_header.py" in text

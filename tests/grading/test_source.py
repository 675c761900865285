"""Static analysis of the learner's code: syntax errors and not-attempted detection."""

from __future__ import annotations

from airoadmap_lab.grading.source import find_syntax_problem, is_unchanged

STARTER = """import numpy as np


def f(x):
    # TODO: implement
    raise NotImplementedError
"""


def test_syntax_error_reports_the_line():
    problem = find_syntax_problem("x = 1\ny = (2\nz = 3\n")
    assert problem is not None and problem.line in (2, 3)
    assert "line" in problem.describe()
    problem = find_syntax_problem("def f(:\n    pass\n")
    assert problem is not None and problem.line == 1


def test_valid_code_has_no_syntax_problem():
    assert find_syntax_problem(STARTER) is None


def test_null_bytes_are_a_syntax_problem():
    assert find_syntax_problem("x = 1\x00") is not None


def test_unchanged_starter_ignores_comments_and_formatting():
    reformatted = "import numpy as np\ndef f( x ):\n    raise NotImplementedError  # still TODO\n"
    assert is_unchanged(reformatted, STARTER)
    assert is_unchanged(STARTER, STARTER)


def test_any_code_change_counts_as_attempted():
    assert not is_unchanged(STARTER.replace("raise NotImplementedError", "return x"), STARTER)
    assert not is_unchanged(STARTER + "\nprint(1)\n", STARTER)
    assert not is_unchanged("def f(:", STARTER)

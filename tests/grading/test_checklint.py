"""validate/selftest warn about tests whose points rest on t.run (measured inside the sandbox)."""

from __future__ import annotations

import textwrap

from airoadmap_lab.grading.checklint import tests_scoring_on_run as scoring_on_run

CHECK = textwrap.dedent(
    """
    from airoadmap_lab.grading.checks import Checks, expect
    checks = Checks()

    def _measure(t):
        return t.run("result = 1")

    def _via_helper(probe):
        return _measure(probe)

    @checks.test("direct", points=2)
    def direct(t):
        expect(t.run("result = f()") == 1, "x")

    @checks.test("through two helpers")
    def helper(t):
        expect(_via_helper(t) == 1, "x")

    @checks.test("in a lambda", 3)
    def in_lambda(t):
        expect((lambda p: p.run("result = 1"))(t) == 1, "x")

    @checks.test("feedback only", points=0)
    def feedback(t):
        t.run("result = 1")

    @checks.test("trusted")
    def trusted(t):
        runner = object()
        expect(t.call("f") == 1, "x")
    """
)


def test_tests_with_points_that_use_t_run_are_reported_even_through_helpers():
    found = {(w.test, w.points) for w in scoring_on_run(CHECK)}
    assert found == {("direct", 2.0), ("through two helpers", 1.0), ("in a lambda", 3.0)}


def test_a_check_that_does_not_parse_gives_no_warning():
    assert scoring_on_run("def broken(:\n") == []

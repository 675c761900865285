"""The check API: registry and assertion helpers (pure, no sandbox)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from airoadmap_lab.grading.checks import (
    Checks,
    Fail,
    LearnerRaised,
    expect,
    expect_close,
    expect_equal,
    expect_raises,
)


def fails(fn, *args, **kwargs) -> str:
    with pytest.raises(Fail) as info:
        fn(*args, **kwargs)
    return info.value.message


def test_tests_register_in_order_with_points():
    checks = Checks()

    @checks.test("first", points=2)
    def first(t):
        pass

    @checks.test("second", hidden=True)
    def second(t):
        pass

    assert [t.name for t in checks.tests] == ["first", "second"]
    assert checks.max_score == 3.0
    assert checks.tests[1].hidden and not checks.tests[0].hidden


def test_bad_registrations_are_refused():
    with pytest.raises(ValueError):
        Checks().test("", points=1)
    with pytest.raises(ValueError):
        Checks().test("x", points=-1)


def test_expect():
    expect(True, "never shown")
    assert fails(expect, 0, "say this") == "say this"


def test_expect_close_passes_within_tolerance():
    expect_close(np.array([1.0, 2.0]) + 1e-12, np.array([1.0, 2.0]))
    expect_close([1.0, 2.0], np.array([1.0, 2.0]))
    expect_close(torch.tensor([1.0, 2.0]), np.array([1.0, 2.0]), rtol=1e-6)
    expect_close(3.0, 3.0 + 1e-12)
    expect_close(np.float32(0.5), 0.5)
    expect_close(np.array([np.nan]), np.array([np.nan]))


def test_expect_close_messages_name_what_and_do_not_leak_expected():
    msg = fails(expect_close, np.zeros((2, 3)), np.ones((3, 2)), what="f(A)")
    assert "f(A)" in msg and "(2, 3)" in msg and "(3, 2)" in msg
    msg = fails(expect_close, np.array([1.0, 5.0]), np.array([1.0, 123.456]), what="f(x)")
    assert "position [1]" in msg and "123.456" not in msg and "5" in msg
    msg = fails(expect_close, np.array([1.0, np.nan]), np.array([1.0, 2.0]))
    assert "nan" in msg.lower()
    msg = fails(expect_close, np.array([np.inf]), np.array([2.0]))
    assert "inf" in msg
    assert "single number" in fails(expect_close, [1.0, 2.0], 1.0)
    assert "None" in fails(expect_close, None, np.ones(2))
    assert "not correct" in fails(expect_close, 2.5, 3.0)


def test_expect_equal():
    expect_equal([1, (2, "a")], [1, (2, "a")])
    expect_equal({"k": np.arange(3)}, {"k": np.arange(3)})
    expect_equal(np.int64(4), 4)
    assert "length" in fails(expect_equal, [1, 2], [1, 2, 3])
    assert "[1]" in fails(expect_equal, [1, 2], [1, 3])
    assert "missing the key 'b'" in fails(expect_equal, {"a": 1}, {"a": 1, "b": 2})
    assert "should be a str" in fails(expect_equal, 5, "5")
    assert "differs" in fails(expect_equal, np.array([1, 2]), np.array([1, 3]))
    assert "should be None" in fails(expect_equal, 0, None)


def test_expect_raises_accepts_subclasses_and_reports_others():
    def raises(type_name, names=()):
        def fn():
            raise LearnerRaised(type_name, "boom", type_names=names or (type_name,))

        return fn

    expect_raises("ValueError", raises("ValueError"))
    expect_raises("ValueError", raises("MyError", ("MyError", "ValueError", "Exception")))
    assert "raised TypeError" in fails(expect_raises, "ValueError", raises("TypeError"))
    assert "returned normally" in fails(expect_raises, "ValueError", lambda: 1, what="f()")


def test_learner_raised_describe():
    exc = LearnerRaised("TypeError", "bad operand", line=12, where="f")
    assert exc.describe() == "`f` raised TypeError: bad operand (line 12)"

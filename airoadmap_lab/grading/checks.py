"""The check API used by exercise authors in ``check.py`` (see docs/authoring.md).

Checks run in the trusted grading process. They reach the learner's code only through the ``t``
object (``t.call``, ``t.new``, ``t.put``, ``t.has``, ``t.run``), which returns plain data decoded
from the sandbox, or handles (``Remote``) to objects kept there.

The rule (docs/authoring.md, "Only trusted computation decides a score"): a test's points depend
only on values learner functions return across the probe boundary, judged here. ``t.run`` results
are measured inside the sandbox and may only add feedback.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

__all__ = [
    "Checks",
    "CheckTest",
    "Fail",
    "LearnerRaised",
    "Probe",
    "expect",
    "expect_close",
    "expect_equal",
    "expect_raises",
]


class Fail(Exception):
    """A check did not pass; the message is shown to the learner."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class LearnerRaised(Exception):
    """The learner's code raised an exception inside the sandbox."""

    def __init__(
        self,
        type_name: str,
        message: str,
        *,
        line: int | None = None,
        traceback: str = "",
        type_names: Sequence[str] = (),
        where: str = "",
    ):
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message
        self.line = line
        self.traceback = traceback
        self.type_names = tuple(type_names) or (type_name,)
        self.where = where

    def describe(self) -> str:
        """A one-line description for the learner: "`f` raised TypeError: ... (line 12)"."""
        who = f"`{self.where}`" if self.where else "your code"
        text = f"{who} raised {self.type_name}"
        if self.message:
            text += f": {self.message}"
        if self.line:
            text += f" (line {self.line})"
        return text


class Probe(Protocol):
    """The ``t`` object handed to each check function (one per attempt)."""

    seed: int

    @property
    def rng(self) -> np.random.Generator:
        """A generator seeded on the trusted side, unknown to the sandbox: for evaluation
        inputs that decide a score (``seed`` is known to the learner's code)."""
        ...

    def call(
        self, name: str, *args: Any, allow_mutation: bool = False, keep: bool = False, **kwargs: Any
    ) -> Any:
        """Call the learner's top-level ``name(*args, **kwargs)`` in the sandbox.

        Returns the result as data; with ``keep=True`` a handle (``Remote``) to it instead.
        Arguments may be handles. Unless ``allow_mutation``, the arguments are sent back after
        the call and compared on the trusted side ("your function changed its input").
        """
        ...

    def new(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Instantiate the learner's class ``name`` in the sandbox; returns a handle."""
        ...

    def put(self, value: Any) -> Any:
        """Keep a value, or a torch module of standard layers, in the sandbox; returns a handle."""
        ...

    def callback(self, fn: Callable[..., Any], name: str | None = None) -> Any:
        """Wrap a trusted function so the learner's code can call it (pass it as an argument,
        also inside lists and dicts). It runs here on decoded data; ``.calls`` records the
        ``(args, kwargs)`` of every call."""
        ...

    def run(self, code: str, **inputs: Any) -> Any:
        """Run ``code`` in the learner's namespace plus ``inputs``; return its ``result``.

        Measured inside the sandbox, so forgeable: feedback only, never a score on its own.
        """
        ...

    def has(self, name: str) -> bool:
        """Whether the learner's module defines ``name``."""
        ...

    @property
    def ref(self) -> Any:
        """The reference solution module, imported in the trusted process."""
        ...

    def data_path(self, name: str) -> Path:
        """Path of a file in the exercise's ``data/`` folder."""
        ...


@dataclass(frozen=True)
class CheckTest:
    """One registered test of an exercise."""

    name: str
    points: float
    hidden: bool
    fn: Callable[[Probe], Any]


@dataclass
class Checks:
    """The registry a ``check.py`` module defines as ``checks = Checks()``."""

    tests: list[CheckTest] = field(default_factory=list)

    def test(
        self, name: str, points: float = 1, hidden: bool = False
    ) -> Callable[[Callable[[Probe], Any]], Callable[[Probe], Any]]:
        """Register a test function ``fn(t)`` worth ``points``; tests run in definition order."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a test needs a non-empty name")
        if not isinstance(points, (int, float)) or isinstance(points, bool) or points < 0:
            raise ValueError(f"test {name!r}: points must be a number >= 0")

        def register(fn: Callable[[Probe], Any]) -> Callable[[Probe], Any]:
            self.tests.append(CheckTest(name=name, points=float(points), hidden=hidden, fn=fn))
            return fn

        return register

    @property
    def max_score(self) -> float:
        """The sum of the points of every test."""
        return float(sum(t.points for t in self.tests))


def expect(condition: Any, message: str) -> None:
    """Fail with ``message`` unless ``condition`` is true."""
    if not condition:
        raise Fail(message)


def _torch_to_numpy(value: Any) -> Any:
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return value.detach().cpu().numpy()
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, complex, np.number, np.bool_)) and not isinstance(
        value, bool
    )


def _describe_type(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {tuple(value.shape)}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"a {type(value).__name__}"


def _position(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _format_number(x: Any) -> str:
    return (
        f"{x:.6g}"
        if isinstance(x, (float, np.floating))
        else repr(x.item() if hasattr(x, "item") else x)
    )


def expect_close(
    got: Any, expected: Any, what: str = "the result", rtol: float = 1e-7, atol: float = 1e-9
) -> None:
    """Compare numbers or arrays with tolerances: type, shape, NaN/inf, then values."""
    got = _torch_to_numpy(got)
    expected = _torch_to_numpy(expected)
    expected_scalar = _is_number(expected) or (
        isinstance(expected, np.ndarray) and expected.ndim == 0
    )
    if expected_scalar:
        if isinstance(got, np.ndarray) and got.size == 1 and got.ndim <= 1:
            got = got.reshape(())
        if not (_is_number(got) or (isinstance(got, np.ndarray) and got.ndim == 0)):
            raise Fail(f"{what}: expected a single number, got {_describe_type(got)}.")
    else:
        if got is None or isinstance(got, (str, bytes, dict)) or _is_number(got):
            raise Fail(f"{what}: expected an array, got {_describe_type(got)}.")
    try:
        got_arr = np.asarray(got)
        exp_arr = np.asarray(expected)
    except (ValueError, TypeError) as exc:
        raise Fail(f"{what}: could not read the result as an array ({exc}).") from None
    if got_arr.dtype.kind not in "biufc":
        raise Fail(f"{what}: expected numbers, got values of type {got_arr.dtype}.")
    if got_arr.shape != exp_arr.shape:
        raise Fail(f"{what}: has shape {got_arr.shape}, expected shape {exp_arr.shape}.")
    bad = ~np.isfinite(got_arr) & np.isfinite(exp_arr)
    if bad.any():
        idx = tuple(np.argwhere(bad)[0])
        label = f" at position {_position(idx)}" if got_arr.ndim else ""
        raise Fail(f"{what}: contains {got_arr[idx]}{label} where a finite number was expected.")
    close = np.isclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        idx = tuple(np.argwhere(~close)[0])
        wrong = int((~close).sum())
        if got_arr.ndim == 0:
            raise Fail(f"{what}: the value {_format_number(got_arr[()])} is not correct.")
        raise Fail(
            f"{what}: {wrong} of {got_arr.size} values are not correct; the first is at position "
            f"{_position(idx)} (you returned {_format_number(got_arr[idx])})."
        )


def _equal(got: Any, expected: Any, path: str) -> str | None:
    """Return a description of the first difference, or None when equal."""
    got = _torch_to_numpy(got)
    expected = _torch_to_numpy(expected)
    if isinstance(expected, np.ndarray) or isinstance(got, np.ndarray):
        if not isinstance(got, (np.ndarray, list, tuple)) and not _is_number(got):
            return f"{path or 'the value'} should be an array, got {_describe_type(got)}"
        g, e = np.asarray(got), np.asarray(expected)
        if g.shape != e.shape:
            return f"{path or 'the value'} has shape {g.shape}, expected shape {e.shape}"
        if not np.array_equal(g, e):
            diff = np.argwhere(g != e)
            where = f" at position {_position(tuple(diff[0]))}" if len(diff) and g.ndim else ""
            return f"{path or 'the value'} differs{where}"
        return None
    if isinstance(expected, Mapping):
        if not isinstance(got, Mapping):
            return f"{path or 'the value'} should be a dict, got {_describe_type(got)}"
        missing = [k for k in expected if k not in got]
        if missing:
            return f"{path or 'the dict'} is missing the key {missing[0]!r}"
        extra = [k for k in got if k not in expected]
        if extra:
            return f"{path or 'the dict'} has an unexpected key {extra[0]!r}"
        for k in expected:
            problem = _equal(got[k], expected[k], f"{path}[{k!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            kind = type(expected).__name__
            return f"{path or 'the value'} should be a {kind}, got {_describe_type(got)}"
        if len(got) != len(expected):
            return f"{path or 'the value'} has length {len(got)}, expected length {len(expected)}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = _equal(g, e, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, str) or isinstance(got, str):
        if not isinstance(got, str) or not isinstance(expected, str):
            return f"{path or 'the value'} should be a str, got {_describe_type(got)}"
        return None if got == expected else f"{path or 'the text'} is not the expected text"
    if _is_number(expected) or isinstance(expected, bool):
        if not (_is_number(got) or isinstance(got, bool)):
            return f"{path or 'the value'} should be a number, got {_describe_type(got)}"
        g = got.item() if isinstance(got, np.generic) else got
        e = expected.item() if isinstance(expected, np.generic) else expected
        if isinstance(g, float) and isinstance(e, float) and math.isnan(g) and math.isnan(e):
            return None
        return None if g == e else f"{path or 'the value'} is {_format_number(got)}, which is wrong"
    if expected is None:
        return None if got is None else f"{path or 'the value'} should be None"
    return None if got == expected else f"{path or 'the value'} is not the expected value"


def expect_equal(got: Any, expected: Any, what: str = "the result") -> None:
    """Exact equality for ints, strings, lists, tuples, dicts and arrays."""
    problem = _equal(got, expected, "")
    if problem:
        raise Fail(f"{what}: {problem}.")


def expect_raises(type_name: str, fn: Callable[[], Any], what: str = "the call") -> None:
    """Expect ``fn()`` to make the learner's code raise ``type_name`` (or a subclass of it)."""
    try:
        fn()
    except LearnerRaised as exc:
        if type_name in exc.type_names:
            return
        raise Fail(f"{what}: should raise {type_name}, but raised {exc.type_name}.") from None
    raise Fail(f"{what}: should raise {type_name}, but returned normally.")

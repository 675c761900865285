"""Static warnings about an exercise's ``check.py``: tests whose points rest on ``t.run``.

``t.run`` executes a snippet inside the sandbox and returns what it measured there; code that
attacks the grader can forge that (docs/authoring.md, "Only trusted computation decides a score").
This module reads ``check.py`` with :mod:`ast` (it never imports it) and reports every test worth
points whose body uses ``.run(...)`` on one of its parameters, directly or through a module-level
helper function it calls.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

__all__ = ["RunScoreWarning", "check_warnings", "tests_scoring_on_run"]


@dataclass(frozen=True)
class RunScoreWarning:
    """A test with points that uses ``t.run``."""

    test: str
    points: float | None  # None when the points are not a literal
    line: int

    def describe(self, file: str) -> str:
        """The warning as shown by ``validate`` and ``selftest``."""
        points = "some" if self.points is None else f"{self.points:g}"
        return (
            f"{file}:{self.line}: warning: test {self.test!r} ({points} points) scores on t.run, "
            "which runs inside the sandbox and can be forged (docs/authoring.md, "
            "'Only trusted computation decides a score')"
        )


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    a = fn.args
    names = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]
    names += [p.arg for p in (a.vararg, a.kwarg) if p is not None]
    return set(names)


def _direct_run(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``fn`` (or a function/lambda nested in it) calls ``<param>.run(...)``."""
    names = _params(fn)
    for node in ast.walk(fn):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            names |= _params(node)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "run"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in names
        ):
            return True
    return False


def _called_names(fn: ast.AST) -> set[str]:
    return {
        node.func.id
        for node in ast.walk(fn)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def _test_decorator(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Call | None:
    for dec in fn.decorator_list:
        if (
            isinstance(dec, ast.Call)
            and isinstance(dec.func, ast.Attribute)
            and dec.func.attr == "test"
        ):
            return dec
    return None


def _points(dec: ast.Call) -> float | None:
    node: ast.expr | None = None
    if len(dec.args) >= 2:
        node = dec.args[1]
    for kw in dec.keywords:
        if kw.arg == "points":
            node = kw.value
    if node is None:
        return 1.0
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float))
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    return None


def _name(dec: ast.Call, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    if dec.args and isinstance(dec.args[0], ast.Constant) and isinstance(dec.args[0].value, str):
        return dec.args[0].value
    return fn.name


def tests_scoring_on_run(source: str) -> list[RunScoreWarning]:
    """Every test worth points in ``source`` (a check.py) that uses ``t.run``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # loading the checks reports that more clearly
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    uses_run = {name for name, fn in functions.items() if _direct_run(fn)}
    changed = True
    while changed:  # helpers that call helpers that use t.run
        changed = False
        for name, fn in functions.items():
            if name not in uses_run and _called_names(fn) & uses_run:
                uses_run.add(name)
                changed = True
    warnings = []
    for name, fn in functions.items():
        dec = _test_decorator(fn)
        if dec is None or name not in uses_run:
            continue
        points = _points(dec)
        if points == 0:
            continue
        warnings.append(RunScoreWarning(_name(dec, fn), points, fn.lineno))
    return sorted(warnings, key=lambda w: w.line)


def check_warnings(check_path: Path, display: str | None = None) -> list[str]:
    """The warnings about one exercise's check.py, ready to print (none if it cannot be read)."""
    try:
        source = check_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [w.describe(display or str(check_path)) for w in tests_scoring_on_run(source)]

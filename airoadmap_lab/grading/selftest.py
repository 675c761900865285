"""The self-test: every reference solution passes, every starter does not, wrong answers fail
the way they declare (docs/authoring.md, "Wrong solutions")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .checklint import check_warnings
from .config import ExerciseFiles
from .grader import Grader
from .result import GradeResult, GradeStatus

_HEADER = re.compile(r"^#\s*expect-(status|message)\s*:\s*(.*?)\s*$")
_WRONG_STATUSES = {"failed", "error", "timeout", "memory"}


@dataclass
class SelftestOutcome:
    """The self-test verdict for one exercise."""

    exercise_id: str
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    durations_ms: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # shown, but the exercise still passes

    def problem(self, text: str) -> None:
        """Record a problem (and mark the exercise as not ok)."""
        self.ok = False
        self.problems.append(text)


@dataclass(frozen=True)
class WrongExpectation:
    """What a ``wrong/*.py`` file declares the checks must say about it."""

    status: str | None
    messages: tuple[str, ...]


def read_expectation(code: str) -> WrongExpectation:
    """Parse the ``# expect-status:`` / ``# expect-message:`` lines at the top of a wrong solution."""
    status = None
    messages = []
    for line in code.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            key, value = match.groups()
            if key == "status":
                status = value.lower()
            elif value:
                messages.append(value)
    return WrongExpectation(status, tuple(messages))


def _all_messages(result: GradeResult) -> list[str]:
    texts = [result.message]
    texts += [t.message for t in result.tests if not t.passed]
    return [t.lower() for t in texts if t]


def _describe(result: GradeResult) -> str:
    failed = [f"{t.name}: {t.message}" for t in result.tests if not t.passed][:3]
    detail = "; ".join(failed)
    text = f"status {result.status.value}, score {result.score:g}/{result.max_score:g}"
    if result.message:
        text += f" ({result.message})"
    return text + (f"; failing: {detail}" if detail else "")


def _within_limits(outcome: SelftestOutcome, label: str, exercise: ExerciseFiles, r: GradeResult):
    if r.duration_ms > exercise.time_limit_s * 1000.0:
        outcome.problem(
            f"{label} took {r.duration_ms:.0f} ms, over the {exercise.time_limit_s:g} s limit"
        )


def selftest_exercise(grader: Grader, exercise: ExerciseFiles) -> SelftestOutcome:
    """Run the self-test of one exercise."""
    outcome = SelftestOutcome(exercise.exercise_id)
    outcome.warnings = check_warnings(exercise.check_path, f"{exercise.exercise_id}/check.py")
    solution_path = exercise.directory / "solution.py"
    if not solution_path.is_file():
        outcome.problem("solution.py is missing")
    else:
        result = grader.grade_sync(exercise, solution_path.read_text(encoding="utf-8"))
        outcome.durations_ms["solution"] = result.duration_ms
        if result.status != GradeStatus.passed or result.score != result.max_score:
            outcome.problem(f"solution.py does not score full marks: {_describe(result)}")
        _within_limits(outcome, "solution.py", exercise, result)

    result = grader.grade_sync(exercise, exercise.starter, detect_not_attempted=False)
    outcome.durations_ms["starter"] = result.duration_ms
    if result.max_score > 0 and result.score >= result.max_score:
        outcome.problem("starter.py scores full marks; its functions must not solve the task")
    if result.status == GradeStatus.error and any(
        "syntax error" in m for m in _all_messages(result)
    ):
        outcome.problem(f"starter.py has a syntax error: {result.message}")
    if result.status in (GradeStatus.timeout, GradeStatus.memory):
        outcome.problem(f"starter.py does not finish within its limits: {_describe(result)}")
    _within_limits(outcome, "starter.py", exercise, result)

    wrong_dir = exercise.directory / "wrong"
    for path in sorted(wrong_dir.glob("*.py")) if wrong_dir.is_dir() else []:
        _check_wrong(grader, exercise, path, outcome)
    return outcome


def _check_wrong(
    grader: Grader, exercise: ExerciseFiles, path: Path, outcome: SelftestOutcome
) -> None:
    label = f"wrong/{path.name}"
    code = path.read_text(encoding="utf-8")
    expectation = read_expectation(code)
    if expectation.status not in _WRONG_STATUSES:
        outcome.problem(
            f"{label}: the first lines must declare '# expect-status: ' one of "
            f"{', '.join(sorted(_WRONG_STATUSES))}"
        )
        return
    result = grader.grade_sync(exercise, code)
    outcome.durations_ms[label] = result.duration_ms
    if result.status.value != expectation.status:
        outcome.problem(f"{label}: expected status {expectation.status}, got {_describe(result)}")
    messages = _all_messages(result)
    for wanted in expectation.messages:
        if not any(wanted.lower() in m for m in messages):
            outcome.problem(f"{label}: no message contains {wanted!r}; got {_describe(result)}")
    if expectation.status != "timeout":
        _within_limits(outcome, label, exercise, result)


def run_selftest(grader: Grader, exercises: Iterable[ExerciseFiles]) -> list[SelftestOutcome]:
    """Self-test each exercise (solution, starter, wrong solutions), in order."""
    return [selftest_exercise(grader, exercise) for exercise in exercises]


def format_selftest(outcomes: Iterable[SelftestOutcome]) -> str:
    """A readable report: one line per exercise, then its problems."""
    outcomes = list(outcomes)
    lines = []
    for o in outcomes:
        timing = ", ".join(f"{k} {v:.0f} ms" for k, v in o.durations_ms.items())
        lines.append(f"{'ok  ' if o.ok else 'FAIL'} {o.exercise_id}  ({timing})")
        lines.extend(f"     - {p}" for p in o.problems)
        lines.extend(f"     ~ {w}" for w in o.warnings)
    failed = sum(1 for o in outcomes if not o.ok)
    lines.append(f"{len(outcomes) - failed} of {len(outcomes)} exercises passed the self-test.")
    return "\n".join(lines)

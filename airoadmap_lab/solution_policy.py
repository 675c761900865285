"""When may a learner see the reference solution of an exercise?"""

from __future__ import annotations

from dataclasses import dataclass

from .progress import ExerciseProgress

MODES = ("always", "after_failed", "after_passed", "never")


@dataclass(frozen=True)
class SolutionPolicy:
    """``always``; ``after_failed`` N failed checks (or a pass); ``after_passed``; or ``never``."""

    mode: str = "always"
    after_failed: int = 3

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(
                f"solution policy must be one of {', '.join(MODES)}, not {self.mode!r}"
            )

    def refusal(self, record: ExerciseProgress | None) -> str | None:
        """None when the solution may be shown; otherwise a sentence saying why not yet."""
        passed = bool(record and record.passed)
        failed = record.failed_attempts if record else 0
        if self.mode == "always":
            return None
        if self.mode == "never":
            return "Your instructor has not made solutions available in this course."
        if self.mode == "after_passed":
            return None if passed else "The solution opens once you have passed this exercise."
        if passed or failed >= self.after_failed:
            return None
        left = self.after_failed - failed
        return f"The solution opens after {self.after_failed} checked attempts; {left} to go. Try a hint first."

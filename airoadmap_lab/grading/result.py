"""The grade result: the wire format of a graded attempt.

Defined once here (pydantic) and exported as JSON Schema for the TypeScript types.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field


class GradeStatus(str, Enum):
    """How an attempt ended."""

    passed = "passed"
    failed = "failed"
    error = "error"
    timeout = "timeout"
    memory = "memory"
    not_attempted = "not_attempted"


class TestResult(BaseModel):
    """One check of an exercise."""

    __test__ = False  # not a pytest test class

    name: str
    passed: bool
    message: str = ""
    points: float = Field(description="Points earned by this test.")
    max_points: float = Field(description="Points this test is worth.")


class GradeResult(BaseModel):
    """The result of grading one attempt at an exercise."""

    exercise_id: str
    exercise_version: int
    status: GradeStatus
    score: float
    max_score: float
    tests: list[TestResult] = []
    message: str = Field(
        "",
        description="A sentence for the learner about the attempt as a whole (advice on errors).",
    )
    output: str = Field("", description="Captured stdout/stderr of the learner's code, capped.")
    output_truncated: bool = False
    duration_ms: float = 0.0

"""The grading engine: sandboxed learner code, trusted judging (no tornado/jupyter_server here)."""

from .config import ExerciseFiles, SandboxConfig
from .grader import Grader
from .report import IsolationRefused, IsolationReport
from .result import GradeResult, GradeStatus, TestResult

__all__ = [
    "ExerciseFiles",
    "GradeResult",
    "GradeStatus",
    "Grader",
    "IsolationRefused",
    "IsolationReport",
    "SandboxConfig",
    "TestResult",
]

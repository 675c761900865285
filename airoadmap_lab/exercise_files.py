"""The bridge from the catalog to the grading engine."""

from __future__ import annotations

from .catalog import Exercise
from .grading import ExerciseFiles


def exercise_files(exercise: Exercise) -> ExerciseFiles:
    """What the grading engine needs to grade attempts at ``exercise``."""
    return ExerciseFiles(
        exercise_id=exercise.id,
        version=exercise.version,
        directory=exercise.directory,
        starter=exercise.starter,
        time_limit_s=exercise.time_limit_s,
        memory_limit_mb=exercise.memory_limit_mb,
    )

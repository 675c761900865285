"""The gradebook: every student's record on every exercise, as a model and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from .catalog import Course
from .models import (
    AttemptSummary,
    Gradebook,
    GradebookEntry,
    GradebookExercise,
    GradebookStudent,
    StudentAttempts,
)
from .progress import ProgressStore


def gradebook_model(course: Course, store: ProgressStore) -> Gradebook:
    """Students (everyone with a record) x the course's exercises."""
    students = []
    for name, records in sorted(store.progress().items()):
        entries = {
            exercise_id: GradebookEntry(
                best_score=r.best_score,
                max_score=r.max_score,
                attempts=r.attempts,
                passed=r.passed,
                last_attempt=r.last_attempt,
                hints_revealed=r.hints_revealed,
                solution_revealed=r.solution_revealed,
            )
            for exercise_id, r in records.items()
            if exercise_id in course.exercises
        }
        times = [e.last_attempt for e in entries.values() if e.last_attempt is not None]
        students.append(
            GradebookStudent(
                name=name,
                exercises=entries,
                total_score=sum(e.best_score for e in entries.values()),
                passed_count=sum(e.passed for e in entries.values()),
                last_attempt=max(times) if times else None,
            )
        )
    exercises = [
        GradebookExercise(id=e.id, title=e.title, section=e.section_id, topic=e.topic_id)
        for e in course.exercises.values()
    ]
    return Gradebook(exercises=exercises, students=students)


def student_attempts(store: ProgressStore, name: str, limit: int = 500) -> StudentAttempts:
    """A student's attempts, newest first."""
    return StudentAttempts(
        name=name,
        attempts=[
            AttemptSummary(
                id=a.id,
                exercise_id=a.exercise_id,
                exercise_version=a.exercise_version,
                status=a.status,
                score=a.score,
                max_score=a.max_score,
                duration_ms=a.duration_ms,
                created_at=a.created_at,
                code=a.code,
            )
            for a in store.attempts(user=name, limit=limit)
        ],
    )


def gradebook_csv(book: Gradebook) -> str:
    """One row per student and exercise with a record: what a spreadsheet wants."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "student",
            "exercise",
            "section",
            "topic",
            "best_score",
            "max_score",
            "passed",
            "attempts",
            "last_attempt_utc",
            "hints_revealed",
            "solution_revealed",
        ]
    )
    where = {e.id: e for e in book.exercises}
    for student in book.students:
        for exercise_id, entry in student.exercises.items():
            exercise = where[exercise_id]
            last = (
                datetime.fromtimestamp(entry.last_attempt, tz=timezone.utc).isoformat(
                    timespec="seconds"
                )
                if entry.last_attempt
                else ""
            )
            writer.writerow(
                [
                    _cell(student.name),
                    exercise_id,
                    exercise.section,
                    exercise.topic,
                    f"{entry.best_score:g}",
                    f"{entry.max_score:g}",
                    int(entry.passed),
                    entry.attempts,
                    last,
                    entry.hints_revealed,
                    int(entry.solution_revealed),
                ]
            )
    return out.getvalue()


def _cell(text: str) -> str:
    """Keep a spreadsheet from running a value as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

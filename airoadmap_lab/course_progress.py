"""Turn stored attempts into the learner's view of the course: states and the next lesson."""

from __future__ import annotations

from .catalog import Course
from .models import ExerciseProgress, Progress
from .progress import ExerciseProgress as StoredProgress

DONE, IN_PROGRESS, NOT_STARTED = "done", "in_progress", "not_started"


def _state(parts: list[str]) -> str:
    if parts and all(p == DONE for p in parts):
        return DONE
    if any(p != NOT_STARTED for p in parts):
        return IN_PROGRESS
    return NOT_STARTED


def summarise(course: Course, stored: dict[str, StoredProgress]) -> Progress:
    """The progress of one learner over ``course`` from their stored records."""
    exercises: dict[str, ExerciseProgress] = {}
    for exercise_id in course.exercises:
        record = stored.get(exercise_id)
        state = NOT_STARTED if record is None else DONE if record.passed else IN_PROGRESS
        exercises[exercise_id] = ExerciseProgress(
            exercise_id=exercise_id,
            state=state,
            attempts=record.attempts if record else 0,
            failed_attempts=record.failed_attempts if record else 0,
            best_score=record.best_score if record else 0.0,
            max_score=record.max_score if record else 0.0,
            hints_revealed=record.hints_revealed if record else 0,
            solution_revealed=record.solution_revealed if record else False,
            last_attempt=record.last_attempt if record else None,
        )
    lessons = {
        lesson.id: _state([exercises[e.id].state for e in lesson.exercises])
        for lesson in course.lessons.values()
    }
    topics = {
        topic.id: _state([lessons[lesson.id] for lesson in topic.lessons])
        for topic in course.topics.values()
    }
    return Progress(
        exercises=exercises,
        lessons=lessons,
        topics=topics,
        next_lesson=next_lesson(course, lessons),
        done_exercises=sum(1 for e in exercises.values() if e.state == DONE),
        total_exercises=len(exercises),
    )


def next_lesson(course: Course, lessons: dict[str, str]) -> str | None:
    """The first lesson in roadmap order that is not done and whose prerequisites are done.

    Lessons already in progress come first: finishing beats starting.
    """
    ordered = [lesson for s in course.sections for t in s.topics for lesson in t.lessons]
    ready = [
        lesson
        for lesson in ordered
        if lessons[lesson.id] != DONE and all(lessons.get(p) == DONE for p in lesson.prerequisites)
    ]
    started = [lesson for lesson in ready if lessons[lesson.id] == IN_PROGRESS]
    chosen = (started or ready or [None])[0]
    return chosen.id if chosen else None

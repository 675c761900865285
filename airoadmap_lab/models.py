"""The REST API contract: request and response models of /airoadmap-lab/api/.

Every response body is one of these models serialised with ``model_dump_json()``; the frontend's
types in ``src/schema.ts`` are generated from ``schema/api.schema.json``, which is exported from
these models (``python -m airoadmap_lab.models > schema/api.schema.json``).
"""

from __future__ import annotations

import json

from pydantic import BaseModel, Field

from .grading.result import GradeResult, GradeStatus, TestResult

__all__ = [
    "Attempt",
    "CourseProblem",
    "Demo",
    "ExerciseProgress",
    "AttemptSummary",
    "Gradebook",
    "GradebookEntry",
    "GradebookExercise",
    "GradebookStudent",
    "StudentAttempts",
    "Progress",
    "ResetRequest",
    "Solution",
    "ExerciseDetail",
    "ExerciseSummary",
    "GradeResult",
    "GradeStatus",
    "Hint",
    "LessonDetail",
    "LessonRef",
    "LessonSummary",
    "Reading",
    "Resource",
    "Resources",
    "Roadmap",
    "SectionSummary",
    "TestResult",
    "TopicSummary",
]


class CourseProblem(BaseModel):
    """A course file that could not be loaded, said so a course author can fix it."""

    file: str
    field: str = ""
    line: int | None = None
    message: str


class Reading(BaseModel):
    """A pointer into the reading list (or an external page) for a topic or lesson."""

    title: str
    url: str | None = None
    pointer: str = ""
    resource_id: str | None = None


class Resource(BaseModel):
    """A book or website of the roadmap's reading list."""

    id: str
    kind: str = Field(description="'book' or 'website'")
    title: str
    authors: str = ""
    url: str | None = None
    topics: list[str] = []


class Resources(BaseModel):
    books: list[Resource]
    websites: list[Resource]


class ExerciseSummary(BaseModel):
    id: str
    title: str
    version: int


class LessonSummary(BaseModel):
    id: str
    title: str
    minutes: int
    exercises: list[ExerciseSummary]


class TopicSummary(BaseModel):
    id: str
    title: str
    summary: str
    prerequisites: list[str]
    readings: list[str] = Field(description="Ids of the resources that serve this topic.")
    lessons: list[LessonSummary]
    lesson_count: int
    exercise_count: int


class SectionSummary(BaseModel):
    id: str
    title: str
    summary: str
    topics: list[TopicSummary]
    lesson_count: int
    exercise_count: int


class Roadmap(BaseModel):
    """GET /roadmap: the whole course tree with counts, the reading list and load problems."""

    title: str
    summary: str
    sections: list[SectionSummary]
    resources: Resources
    lesson_count: int
    exercise_count: int
    problems: list[CourseProblem]


class LessonRef(BaseModel):
    id: str
    title: str


class Demo(BaseModel):
    id: str
    title: str
    code: str


class LessonDetail(BaseModel):
    """GET /lessons/{id}: one lesson, ready to render."""

    id: str
    title: str
    section: str
    topic: str
    topic_title: str
    minutes: int
    objectives: list[str]
    prerequisites: list[LessonRef]
    readings: list[Reading]
    body: str = Field(description="The lesson text, Markdown with LaTeX math.")
    exercises: list[ExerciseSummary]
    demos: list[Demo]


class Limits(BaseModel):
    time_s: float
    memory_mb: int


class ExerciseDetail(BaseModel):
    """GET /exercises/{id}: the public part of an exercise. Never the solution or the checks."""

    id: str
    title: str
    version: int
    lesson: str
    topic: str
    section: str
    prompt: str
    starter: str
    hints_count: int
    limits: Limits


class Hint(BaseModel):
    """GET /exercises/{id}/hints/{n}: one hint (n counts from 0)."""

    exercise_id: str
    index: int
    count: int
    text: str


class Attempt(BaseModel):
    """POST /exercises/{id}/grade: the learner's code. A score is never accepted from a client."""

    model_config = {"extra": "forbid"}

    code: str


class ExerciseProgress(BaseModel):
    """A learner's record on one exercise."""

    exercise_id: str
    state: str = Field(description="'done' | 'in_progress' | 'not_started'")
    attempts: int
    failed_attempts: int
    best_score: float
    max_score: float
    hints_revealed: int
    solution_revealed: bool
    last_attempt: float | None = Field(None, description="Unix time of the last attempt.")


class Progress(BaseModel):
    """GET /progress: where the learner stands, and what to study next."""

    exercises: dict[str, ExerciseProgress]
    lessons: dict[str, str] = Field(
        description="lesson id -> 'done' | 'in_progress' | 'not_started'"
    )
    topics: dict[str, str] = Field(description="topic id -> 'done' | 'in_progress' | 'not_started'")
    next_lesson: str | None
    done_exercises: int
    total_exercises: int


class ResetRequest(BaseModel):
    """POST /progress/reset: forget progress (of one exercise, or all). Needs confirm: true."""

    model_config = {"extra": "forbid"}

    confirm: bool
    exercise_id: str | None = None


class Solution(BaseModel):
    """GET /exercises/{id}/solution: the reference solution, when the policy allows it."""

    exercise_id: str
    code: str


class GradebookEntry(BaseModel):
    """One student's record on one exercise."""

    best_score: float
    max_score: float
    attempts: int
    passed: bool
    last_attempt: float | None
    hints_revealed: int
    solution_revealed: bool


class GradebookStudent(BaseModel):
    name: str
    exercises: dict[str, GradebookEntry]
    total_score: float
    passed_count: int
    last_attempt: float | None


class GradebookExercise(BaseModel):
    id: str
    title: str
    section: str
    topic: str


class Gradebook(BaseModel):
    """GET /gradebook (instructors): students x exercises."""

    exercises: list[GradebookExercise]
    students: list[GradebookStudent]


class AttemptSummary(BaseModel):
    id: int
    exercise_id: str
    exercise_version: int
    status: str
    score: float
    max_score: float
    duration_ms: float
    created_at: float
    code: str


class StudentAttempts(BaseModel):
    """GET /gradebook/students/{name}/attempts (instructors): a student's history, newest first."""

    name: str
    attempts: list[AttemptSummary]


API_MODELS: tuple[type[BaseModel], ...] = (
    Roadmap,
    LessonDetail,
    ExerciseDetail,
    Hint,
    Attempt,
    GradeResult,
    Progress,
    ResetRequest,
    Solution,
    Gradebook,
    StudentAttempts,
)


def api_json_schema() -> dict:
    """One JSON Schema holding every API model, for generating the TypeScript types."""
    from pydantic.json_schema import models_json_schema

    _, schema = models_json_schema(
        [(model, "serialization") for model in API_MODELS], title="airoadmap-lab REST API"
    )
    return schema


if __name__ == "__main__":
    print(json.dumps(api_json_schema(), indent=2, sort_keys=True))

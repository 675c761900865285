"""Read the course: the roadmap, lessons, the public part of exercises, hints and solutions."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..catalog import Course, Exercise, Lesson
from ..models import (
    CourseProblem,
    Demo,
    ExerciseDetail,
    ExerciseSummary,
    LessonDetail,
    LessonRef,
    LessonSummary,
    Limits,
    Reading,
    Resource,
    Resources,
    Roadmap,
    SectionSummary,
    TopicSummary,
)
from .base import CourseHandler


def _summary(exercise: Exercise) -> ExerciseSummary:
    return ExerciseSummary(id=exercise.id, title=exercise.title, version=exercise.version)


def roadmap_model(course: Course) -> Roadmap:
    """The course tree with counts, the reading list and the load problems."""
    sections = []
    for section in course.sections:
        topics = [
            TopicSummary(
                id=topic.id,
                title=topic.title,
                summary=topic.summary,
                prerequisites=list(topic.prerequisites),
                readings=[r.id for r in course.resources_for(topic.id)],
                lessons=[
                    LessonSummary(
                        id=lesson.id,
                        title=lesson.title,
                        minutes=lesson.minutes,
                        exercises=[_summary(e) for e in lesson.exercises],
                    )
                    for lesson in topic.lessons
                ],
                lesson_count=len(topic.lessons),
                exercise_count=sum(len(lesson.exercises) for lesson in topic.lessons),
            )
            for topic in section.topics
        ]
        sections.append(
            SectionSummary(
                id=section.id,
                title=section.title,
                summary=section.summary,
                topics=topics,
                lesson_count=sum(t.lesson_count for t in topics),
                exercise_count=sum(t.exercise_count for t in topics),
            )
        )
    resources = [
        Resource(
            id=r.id, kind=r.kind, title=r.title, authors=r.authors, url=r.url, topics=list(r.topics)
        )
        for r in course.resources
    ]
    return Roadmap(
        title=course.title,
        summary=course.summary,
        sections=sections,
        resources=Resources(
            books=[r for r in resources if r.kind == "book"],
            websites=[r for r in resources if r.kind == "website"],
        ),
        lesson_count=len(course.lessons),
        exercise_count=len(course.exercises),
        problems=[
            CourseProblem(file=p.file, field=p.field, line=p.line, message=p.message)
            for p in course.problems
        ],
    )


def lesson_model(course: Course, lesson: Lesson) -> LessonDetail:
    resources = {r.id: r for r in course.resources}
    readings = []
    for reading in lesson.readings:
        if reading.resource_id:
            resource = resources[reading.resource_id]
            readings.append(
                Reading(
                    title=resource.title,
                    url=resource.url,
                    pointer=reading.pointer,
                    resource_id=resource.id,
                )
            )
        else:
            readings.append(Reading(title=reading.title, url=reading.url, pointer=reading.pointer))
    topic = course.topics[lesson.topic_id]
    return LessonDetail(
        id=lesson.id,
        title=lesson.title,
        section=lesson.section_id,
        topic=topic.id,
        topic_title=topic.title,
        minutes=lesson.minutes,
        objectives=list(lesson.objectives),
        prerequisites=[
            LessonRef(id=p, title=course.lessons[p].title) for p in lesson.prerequisites
        ],
        readings=readings,
        body=lesson.body,
        exercises=[_summary(e) for e in lesson.exercises],
        demos=[Demo(id=d.id, title=d.title, code=d.code) for d in lesson.demos],
    )


def exercise_model(exercise: Exercise) -> ExerciseDetail:
    """The public part of an exercise: never the solution, the checks or hidden data."""
    return ExerciseDetail(
        id=exercise.id,
        title=exercise.title,
        version=exercise.version,
        lesson=exercise.lesson_id,
        topic=exercise.topic_id,
        section=exercise.section_id,
        prompt=exercise.prompt,
        starter=exercise.starter,
        hints_count=len(exercise.hints),
        limits=Limits(time_s=exercise.time_limit_s, memory_mb=exercise.memory_limit_mb),
    )


class RoadmapHandler(CourseHandler):
    """GET /roadmap"""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(roadmap_model(self.course))


class LessonHandler(CourseHandler):
    """GET /lessons/{id}"""

    @web.authenticated
    @authorized
    async def get(self, lesson_id: str) -> None:
        self.reply(lesson_model(self.course, self.lesson(lesson_id)))


class ExerciseHandler(CourseHandler):
    """GET /exercises/{id}"""

    @web.authenticated
    @authorized
    async def get(self, exercise_id: str) -> None:
        self.reply(exercise_model(self.exercise(exercise_id)))


class HintHandler(CourseHandler):
    """GET /exercises/{id}/hints/{n}: one hint; the reveal is recorded."""

    @web.authenticated
    @authorized
    async def get(self, exercise_id: str, index: str) -> None:
        exercise = self.exercise(exercise_id)
        self.reply(await self.services.backend.hint(self.services.user, exercise, int(index)))


class SolutionHandler(CourseHandler):
    """GET /exercises/{id}/solution: the reference solution, if the policy allows; recorded."""

    @web.authenticated
    @authorized
    async def get(self, exercise_id: str) -> None:
        exercise = self.exercise(exercise_id)
        self.reply(await self.services.backend.solution(self.services.user, exercise))

"""The course in memory: sections -> topics -> lessons -> exercises, plus the reading list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PRIVATE_FILES = ("solution.py", "check.py")
PRIVATE_DIRS = ("data", "wrong")


@dataclass(frozen=True)
class Problem:
    """A course file that could not be loaded (or part of it), said so an author can act on it."""

    file: str
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" [{self.field}]" if self.field else ""
        return f"{where}{what}: {self.message}"


@dataclass(frozen=True)
class Resource:
    id: str
    kind: str  # "book" | "website"
    title: str
    authors: str
    url: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    title: str
    url: str | None
    pointer: str
    resource_id: str | None


@dataclass(frozen=True)
class Demo:
    id: str
    title: str
    code: str


@dataclass
class Exercise:
    """An exercise. ``directory`` holds the private files; only the public fields leave the server."""

    id: str
    title: str
    version: int
    prompt: str
    starter: str
    hints: tuple[str, ...]
    time_limit_s: float
    memory_limit_mb: int
    directory: Path
    lesson_id: str = ""
    topic_id: str = ""
    section_id: str = ""
    capstone: bool = False


@dataclass
class Lesson:
    id: str
    title: str
    topic_id: str
    order: int
    minutes: int
    objectives: tuple[str, ...]
    prerequisites: tuple[str, ...]
    readings: tuple[Reading, ...]
    body: str
    exercises: list[Exercise]
    demos: tuple[Demo, ...]
    directory: Path
    section_id: str = ""


@dataclass
class Topic:
    id: str
    title: str
    summary: str
    prerequisites: tuple[str, ...]
    section_id: str
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Section:
    id: str
    title: str
    summary: str
    topics: list[Topic]


@dataclass
class Course:
    """The loaded course, with indexes by id and the problems met while loading."""

    title: str
    summary: str
    sections: list[Section]
    resources: list[Resource]
    problems: list[Problem]
    roots: tuple[Path, ...]

    def __post_init__(self) -> None:
        self.topics: dict[str, Topic] = {t.id: t for s in self.sections for t in s.topics}
        self.lessons: dict[str, Lesson] = {
            lesson.id: lesson for t in self.topics.values() for lesson in t.lessons
        }
        self.exercises: dict[str, Exercise] = {
            e.id: e for lesson in self.lessons.values() for e in lesson.exercises
        }

    def resources_for(self, topic_id: str) -> list[Resource]:
        """The reading-list entries that serve a topic."""
        return [r for r in self.resources if topic_id in r.topics]

"""Load course folders into a :class:`Course`, reporting and skipping whatever is broken."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .model import Course, Demo, Exercise, Lesson, Problem, Reading, Resource, Section, Topic
from .public import is_public
from .validation import relative_name, validate
from .yaml_source import Location, YamlError, line_of, load_yaml

DEFAULT_TIME_S = 10.0
DEFAULT_MEMORY_MB = 1024
EXERCISE_FILES = ("prompt.md", "starter.py", "solution.py", "check.py")
PUBLIC_EXERCISE_FILES = ("prompt.md", "starter.py")


class _Loader:
    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.problems: list[Problem] = []
        self.root = self.roots[0] if self.roots else Path()
        self.exercise_ids: set[str] = set()
        self.public_roots = tuple(r for r in self.roots if is_public(r))

    # -- helpers -------------------------------------------------------------------------------

    def name(self, path: Path) -> str:
        return relative_name(path, self.root)

    def report(self, path: Path, message: str, field: str = "", line: int | None = None) -> None:
        self.problems.append(Problem(self.name(path), message, field, line))

    def read_yaml(self, path: Path, kind: str) -> tuple[dict[str, Any], dict[Location, int]] | None:
        try:
            data, lines = load_yaml(path)
        except YamlError as err:
            self.report(path, str(err), line=err.line)
            return None
        except OSError as err:
            self.report(path, f"cannot be read: {err.strerror}")
            return None
        problems = validate(kind, data, self.name(path), lines)
        if problems:
            self.problems.extend(problems)
            return None
        return data, lines

    def read_text(self, path: Path) -> str | None:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.report(path, f"{path.name} is missing; create it (see docs/authoring.md)")
        except UnicodeDecodeError:
            self.report(path, "the file is not UTF-8 text; save it as UTF-8")
        except OSError as err:
            self.report(path, f"cannot be read: {err.strerror}")
        return None

    # -- the roadmap ---------------------------------------------------------------------------

    def load(self) -> Course:
        roadmap = self.root / "roadmap.yaml"
        if not self.roots or not roadmap.is_file():
            self.report(roadmap, "the course root has no roadmap.yaml")
            return Course("AI Engineering Roadmap", "", [], [], self.problems, self.roots)
        loaded = self.read_yaml(roadmap, "roadmap")
        if loaded is None:
            return Course("AI Engineering Roadmap", "", [], [], self.problems, self.roots)
        data, lines = loaded
        sections = self.sections(data, lines, roadmap)
        topics = {t.id: t for s in sections for t in s.topics}
        resources = self.resources(data, lines, roadmap, topics)
        resource_ids = {r.id for r in resources}
        for root in self.roots:
            for lesson_file in sorted(root.rglob("lesson.yaml")):
                lesson = self.lesson(lesson_file, topics, resource_ids)
                if lesson is not None:
                    topics[lesson.topic_id].lessons.append(lesson)
        for topic in topics.values():
            topic.lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
        course = Course(
            data["title"],
            data.get("summary", "").strip(),
            sections,
            resources,
            self.problems,
            self.roots,
        )
        self.check_lesson_prerequisites(course)
        return course

    def sections(
        self, data: dict[str, Any], lines: dict[Location, int], file: Path
    ) -> list[Section]:
        sections: list[Section] = []
        seen: set[str] = set()
        for i, raw in enumerate(data["sections"]):
            if raw["id"] in seen:
                self.report(
                    file,
                    f"section id {raw['id']!r} is used twice",
                    f"sections[{i}].id",
                    line_of(lines, ("sections", i, "id")),
                )
                continue
            seen.add(raw["id"])
            topics = []
            for j, t in enumerate(raw["topics"]):
                where = ("sections", i, "topics", j, "id")
                if t["id"] in seen:
                    self.report(
                        file,
                        f"id {t['id']!r} is used twice",
                        f"sections[{i}].topics[{j}].id",
                        line_of(lines, where),
                    )
                    continue
                seen.add(t["id"])
                topics.append(
                    Topic(
                        t["id"],
                        t["title"],
                        t.get("summary", "").strip(),
                        tuple(t.get("prerequisites", [])),
                        raw["id"],
                    )
                )
            sections.append(
                Section(raw["id"], raw["title"], raw.get("summary", "").strip(), topics)
            )
        topic_ids = {t.id for s in sections for t in s.topics}
        for i, s in enumerate(sections):
            for j, t in enumerate(s.topics):
                for prereq in t.prerequisites:
                    if prereq not in topic_ids:
                        self.report(
                            file,
                            f"topic {t.id!r} needs unknown topic {prereq!r}",
                            f"sections[{i}].topics[{j}].prerequisites",
                            line_of(lines, ("sections", i, "topics", j, "prerequisites")),
                        )
        return sections

    def resources(
        self, data: dict[str, Any], lines: dict[Location, int], file: Path, topics: dict[str, Topic]
    ) -> list[Resource]:
        resources = []
        for kind, key in (("book", "books"), ("website", "websites")):
            for i, raw in enumerate(data["resources"][key]):
                unknown = [t for t in raw["topics"] if t not in topics]
                if unknown:
                    self.report(
                        file,
                        f"resource {raw['id']!r} names unknown topic(s) {', '.join(unknown)}",
                        f"resources.{key}[{i}].topics",
                        line_of(lines, ("resources", key, i, "topics")),
                    )
                resources.append(
                    Resource(
                        raw["id"],
                        kind,
                        raw["title"],
                        raw.get("authors", ""),
                        raw.get("url"),
                        tuple(t for t in raw["topics"] if t in topics),
                    )
                )
        return resources

    # -- lessons and exercises -------------------------------------------------------------------

    def lesson(self, file: Path, topics: dict[str, Topic], resource_ids: set[str]) -> Lesson | None:
        loaded = self.read_yaml(file, "lesson")
        if loaded is None:
            return None
        data, lines = loaded
        if data["topic"] not in topics:
            self.report(
                file,
                f"topic {data['topic']!r} is not in roadmap.yaml; use one of its topic ids",
                "topic",
                line_of(lines, ("topic",)),
            )
            return None
        if any(data["id"] == lesson.id for t in topics.values() for lesson in t.lessons):
            self.report(
                file,
                f"lesson id {data['id']!r} is already used by another lesson; pick another",
                "id",
                line_of(lines, ("id",)),
            )
            return None
        body = self.read_text(file.parent / "lesson.md")
        if body is None:
            return None
        body = without_title_heading(body, data["title"])
        readings = []
        for i, raw in enumerate(data.get("readings", [])):
            if "resource" in raw and raw["resource"] not in resource_ids:
                self.report(
                    file,
                    f"reading {raw['resource']!r} is not in the reading list of roadmap.yaml",
                    f"readings[{i}].resource",
                    line_of(lines, ("readings", i)),
                )
                continue
            readings.append(
                Reading(
                    raw.get("title", ""),
                    raw.get("url"),
                    raw.get("pointer", ""),
                    raw.get("resource"),
                )
            )
        demos = []
        for raw in data.get("demos", []):
            code = self.read_text(file.parent / "demos" / f"{raw['id']}.py")
            if code is not None and self.parses(file.parent / "demos" / f"{raw['id']}.py", code):
                demos.append(Demo(raw["id"], raw["title"], code))
        topic = topics[data["topic"]]
        lesson = Lesson(
            id=data["id"],
            title=data["title"],
            topic_id=topic.id,
            order=data.get("order", 0),
            minutes=data["minutes"],
            objectives=tuple(data["objectives"]),
            prerequisites=tuple(data.get("prerequisites", [])),
            readings=tuple(readings),
            body=body,
            exercises=[],
            demos=tuple(demos),
            directory=file.parent,
            section_id=topic.section_id,
        )
        self.lesson_exercises(lesson, data["exercises"], lines, file)
        return lesson

    def lesson_exercises(
        self, lesson: Lesson, ids: list[str], lines: dict[Location, int], file: Path
    ) -> None:
        folder = lesson.directory / "exercises"
        for i, exercise_id in enumerate(ids):
            exercise_dir = folder / exercise_id
            if not (exercise_dir / "exercise.yaml").is_file():
                self.report(
                    file,
                    f"exercise {exercise_id!r} has no folder exercises/{exercise_id}/ "
                    "with an exercise.yaml",
                    f"exercises[{i}]",
                    line_of(lines, ("exercises", i)),
                )
                continue
            exercise = self.exercise(exercise_dir, lesson)
            if exercise is not None:
                lesson.exercises.append(exercise)
        if folder.is_dir():
            for extra in sorted(p.name for p in folder.iterdir() if p.is_dir()):
                if extra not in ids and not extra.startswith((".", "_")):
                    self.report(
                        file,
                        f"exercises/{extra}/ is not listed under 'exercises'; add it or "
                        "remove the folder",
                        "exercises",
                        line_of(lines, ("exercises",)),
                    )

    def exercise(self, directory: Path, lesson: Lesson) -> Exercise | None:
        file = directory / "exercise.yaml"
        loaded = self.read_yaml(file, "exercise")
        if loaded is None:
            return None
        data, lines = loaded
        if data["id"] != directory.name:
            self.report(
                file,
                f"id {data['id']!r} differs from the folder name {directory.name!r}; "
                "make them the same",
                "id",
                line_of(lines, ("id",)),
            )
            return None
        if data["id"] in self.exercise_ids:
            self.report(
                file,
                f"exercise id {data['id']!r} is already used; pick another",
                "id",
                line_of(lines, ("id",)),
            )
            return None
        texts = {}
        public = any(directory.is_relative_to(root) for root in self.public_roots)
        for name in PUBLIC_EXERCISE_FILES if public else EXERCISE_FILES:
            text = self.read_text(directory / name)
            if text is None or (name.endswith(".py") and not self.parses(directory / name, text)):
                return None
            texts[name] = text
        self.exercise_ids.add(data["id"])
        limits = data.get("limits", {})
        return Exercise(
            id=data["id"],
            title=data["title"],
            version=data["version"],
            prompt=texts["prompt.md"],
            starter=texts["starter.py"],
            hints=tuple(data["hints"]),
            time_limit_s=float(limits.get("time_s", DEFAULT_TIME_S)),
            memory_limit_mb=int(limits.get("memory_mb", DEFAULT_MEMORY_MB)),
            directory=directory,
            lesson_id=lesson.id,
            topic_id=lesson.topic_id,
            section_id=lesson.section_id,
            capstone=bool(data.get("capstone", False)),
        )

    def parses(self, path: Path, code: str) -> bool:
        try:
            ast.parse(code, filename=path.name)
        except SyntaxError as err:
            self.report(path, f"Python syntax error: {err.msg}", line=err.lineno)
            return False
        return True

    def check_lesson_prerequisites(self, course: Course) -> None:
        for lesson in course.lessons.values():
            unknown = [p for p in lesson.prerequisites if p not in course.lessons]
            if unknown:
                self.report(
                    lesson.directory / "lesson.yaml",
                    f"prerequisite lesson(s) {', '.join(unknown)} do not exist; fix the ids",
                    "prerequisites",
                )
                lesson.prerequisites = tuple(p for p in lesson.prerequisites if p in course.lessons)


def without_title_heading(body: str, title: str) -> str:
    """The lesson text without a leading ``# <title>`` line: the lesson view shows the title."""
    lines = body.lstrip("\n").split("\n", 1)
    heading = lines[0].strip()
    if heading.startswith("# ") and heading[2:].strip().casefold() == title.strip().casefold():
        return lines[1].lstrip("\n") if len(lines) > 1 else ""
    return body


def load_course(roots: Sequence[Path]) -> Course:
    """Load the course whose main root (with roadmap.yaml) is ``roots[0]``; extra roots add lessons."""
    return _Loader(roots).load()

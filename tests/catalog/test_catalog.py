"""The catalog loads a course, and reports then skips whatever is broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from airoadmap_lab.catalog import builtin_course_dir, load_course

LESSON = Path("intro/basics/first-steps")
EXERCISE = LESSON / "exercises/add-numbers"


def test_fixture_course_loads_whole_tree(course_copy: Path) -> None:
    course = load_course([course_copy])

    assert course.problems == []
    assert [s.id for s in course.sections] == ["intro"]
    assert list(course.topics) == ["basics", "more"]
    lesson = course.lessons["first-steps"]
    assert [e.id for e in lesson.exercises] == ["add-numbers", "scale-vector"]
    assert lesson.readings[0].resource_id == "a-book"
    assert lesson.demos[0].code.startswith("print")
    exercise = course.exercises["add-numbers"]
    assert (exercise.section_id, exercise.topic_id, exercise.lesson_id) == (
        "intro",
        "basics",
        "first-steps",
    )
    assert exercise.time_limit_s == 5 and exercise.memory_limit_mb == 1024
    assert [r.id for r in course.resources_for("more")] == ["a-site"]


def test_capstone_flag_is_read_and_defaults_to_false(course_copy: Path) -> None:
    _replace(
        course_copy / EXERCISE / "exercise.yaml", "version: 1\n", "version: 1\ncapstone: true\n"
    )

    course = load_course([course_copy])

    assert course.problems == []
    assert course.exercises["add-numbers"].capstone is True
    assert course.exercises["scale-vector"].capstone is False


def test_a_capstone_flag_that_is_not_a_boolean_is_reported(course_copy: Path) -> None:
    _replace(
        course_copy / EXERCISE / "exercise.yaml",
        "version: 1\n",
        "version: 1\ncapstone: yes please\n",
    )

    course = load_course([course_copy])

    assert any("capstone" in f"{p.field} {p.message}" for p in course.problems), course.problems
    assert "add-numbers" not in course.exercises


def test_builtin_roadmap_has_five_sections_eighteen_topics_and_the_reading_list() -> None:
    course = load_course([builtin_course_dir()])

    assert [p for p in course.problems] == []
    assert len(course.sections) == 5
    assert len(course.topics) == 18
    assert sum(r.kind == "book" for r in course.resources) == 9
    assert sum(r.kind == "website" for r in course.resources) == 7
    assert all(r.topics for r in course.resources), "every resource serves at least one topic"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


# (what is broken, how to break it, file named, message fragment, line or None)
MALFORMED = [
    (
        "lesson version too new",
        lambda r: _replace(r / LESSON / "lesson.yaml", "schema_version: 1", "schema_version: 2"),
        "lesson.yaml",
        "newer than this airoadmap-lab",
        1,
    ),
    (
        "lesson version too old",
        lambda r: _replace(r / LESSON / "lesson.yaml", "schema_version: 1", "schema_version: 0"),
        "lesson.yaml",
        "no longer supported",
        1,
    ),
    (
        "lesson without version",
        lambda r: _replace(r / LESSON / "lesson.yaml", "schema_version: 1\n", ""),
        "lesson.yaml",
        "schema_version is missing",
        None,
    ),
    (
        "missing required field",
        lambda r: _replace(r / LESSON / "lesson.yaml", "minutes: 10\n", ""),
        "lesson.yaml",
        "'minutes' is missing",
        None,
    ),
    (
        "wrong type",
        lambda r: _replace(r / LESSON / "lesson.yaml", "minutes: 10", "minutes: ten"),
        "lesson.yaml",
        "should be a whole number",
        6,
    ),
    (
        "unknown field",
        lambda r: _replace(r / LESSON / "lesson.yaml", "order: 1", "order: 1\ncolour: red"),
        "lesson.yaml",
        "unknown field 'colour'",
        None,
    ),
    (
        "bad id",
        lambda r: _replace(r / LESSON / "lesson.yaml", "id: first-steps", "id: First_Steps"),
        "lesson.yaml",
        "not a valid id",
        2,
    ),
    (
        "unknown topic",
        lambda r: _replace(r / LESSON / "lesson.yaml", "topic: basics", "topic: nowhere"),
        "lesson.yaml",
        "not in roadmap.yaml",
        4,
    ),
    (
        "not YAML",
        lambda r: _replace(r / LESSON / "lesson.yaml", "title: First steps", "title: [unclosed"),
        "lesson.yaml",
        "not valid YAML",
        None,
    ),
    (
        "not a mapping",
        lambda r: (r / LESSON / "lesson.yaml").write_text("- just\n- a list\n"),
        "lesson.yaml",
        "must be a YAML mapping",
        None,
    ),
    (
        "missing lesson.md",
        lambda r: (r / LESSON / "lesson.md").unlink(),
        "lesson.md",
        "lesson.md is missing",
        None,
    ),
    (
        "not UTF-8",
        lambda r: (r / LESSON / "lesson.md").write_bytes(b"caf\xe9"),
        "lesson.md",
        "not UTF-8",
        None,
    ),
    (
        "unknown reading",
        lambda r: _replace(r / LESSON / "lesson.yaml", "resource: a-book", "resource: no-book"),
        "lesson.yaml",
        "not in the reading list",
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "breaks", "file", "fragment", "line"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_lesson_is_reported_with_file_and_skipped(
    course_copy: Path, case: str, breaks, file: str, fragment: str, line: int | None
) -> None:
    # Given a course with one broken lesson file and a healthy roadmap
    breaks(course_copy)

    # When it loads
    course = load_course([course_copy])

    # Then the problem names the file and says what to do, and the roadmap still loads
    assert course.problems, case
    problem = course.problems[0]
    assert problem.file.endswith(file)
    assert fragment in problem.message
    if line is not None:
        assert problem.line == line
    assert len(course.topics) == 2


# (what is broken, how, message fragment): the lesson survives, the exercise is skipped
MALFORMED_EXERCISES = [
    (
        "too few hints",
        lambda r: _replace(r / EXERCISE / "exercise.yaml", '  - "return a + b"\n', ""),
        "at least 2",
    ),
    (
        "id differs from folder",
        lambda r: _replace(r / EXERCISE / "exercise.yaml", "id: add-numbers", "id: add"),
        "differs from the folder name",
    ),
    ("missing check", lambda r: (r / EXERCISE / "check.py").unlink(), "check.py is missing"),
    (
        "syntax error in starter",
        lambda r: (r / EXERCISE / "starter.py").write_text("def add(:\n"),
        "syntax error",
    ),
    (
        "negative time limit",
        lambda r: _replace(r / EXERCISE / "exercise.yaml", "time_s: 5", "time_s: -1"),
        "out of range",
    ),
    (
        "listed exercise without folder",
        lambda r: _replace(
            r / LESSON / "lesson.yaml", "  - scale-vector", "  - scale-vector\n  - ghost"
        ),
        "no folder",
    ),
]


@pytest.mark.parametrize(
    ("case", "breaks", "fragment"), MALFORMED_EXERCISES, ids=[m[0] for m in MALFORMED_EXERCISES]
)
def test_malformed_exercise_is_skipped_and_its_lesson_kept(
    course_copy: Path, case: str, breaks, fragment: str
) -> None:
    breaks(course_copy)

    course = load_course([course_copy])

    assert any(fragment in p.message for p in course.problems), [str(p) for p in course.problems]
    assert "first-steps" in course.lessons
    assert "scale-vector" in course.exercises


def test_duplicate_lesson_id_keeps_the_first(course_copy: Path) -> None:
    twin = course_copy / "intro/basics/twin"
    twin.mkdir()
    (twin / "lesson.yaml").write_text(
        (course_copy / LESSON / "lesson.yaml")
        .read_text()
        .replace("exercises:\n  - add-numbers\n  - scale-vector\n", "exercises: []\n")
    )
    (twin / "lesson.md").write_text("twin")

    course = load_course([course_copy])

    assert any("already used" in p.message for p in course.problems)
    assert course.lessons["first-steps"].directory.name == "first-steps"


def test_broken_roadmap_is_reported_and_nothing_else_crashes(course_copy: Path) -> None:
    _replace(course_copy / "roadmap.yaml", "title: Test course", "title: 3\ntitel: oops")

    course = load_course([course_copy])

    assert course.sections == []
    assert any("roadmap.yaml" in p.file for p in course.problems)


def test_extra_course_folder_adds_lessons_to_existing_topics(
    course_copy: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra" / "bonus"
    extra.mkdir(parents=True)
    (extra / "lesson.yaml").write_text(
        "schema_version: 1\nid: bonus\ntitle: Bonus\ntopic: more\nminutes: 5\n"
        "objectives: [Enjoy]\nprerequisites: [first-steps]\nexercises: []\n"
    )
    (extra / "lesson.md").write_text("Bonus lesson")

    course = load_course([course_copy, tmp_path / "extra"])

    assert course.problems == []
    assert [lesson.id for lesson in course.topics["more"].lessons] == ["bonus"]
    assert course.lessons["bonus"].prerequisites == ("first-steps",)


def test_a_leading_heading_equal_to_the_title_is_dropped(course_copy: Path) -> None:
    lesson_md = course_copy / LESSON / "lesson.md"
    lesson_md.write_text("# First Steps\n\nBody text.\n")

    course = load_course([course_copy])

    assert course.lessons["first-steps"].body == "Body text.\n"


def test_other_leading_headings_are_kept(course_copy: Path) -> None:
    lesson_md = course_copy / LESSON / "lesson.md"
    lesson_md.write_text("# Why this matters\n\nBody text.\n")

    course = load_course([course_copy])

    assert course.lessons["first-steps"].body.startswith("# Why this matters")

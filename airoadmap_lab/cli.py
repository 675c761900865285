"""`jupyter airoadmap ...`: list, validate, grade and self-test the course."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalog import Course, builtin_course_dir, load_course


def _course(path: str | None) -> Course:
    """The course at ``path``: a full course root (with roadmap.yaml) or extra lesson folders."""
    builtin = builtin_course_dir()
    if path is None:
        return load_course([builtin])
    root = Path(path)
    if not root.exists():
        raise SystemExit(f"error: {path} does not exist")
    if (root / "roadmap.yaml").is_file():
        return load_course([root])
    return load_course([builtin, root])


def cmd_list(args: argparse.Namespace) -> int:
    course = _course(args.course)
    rows = [
        {
            "id": exercise.id,
            "title": exercise.title,
            "version": exercise.version,
            "section": exercise.section_id,
            "topic": exercise.topic_id,
            "lesson": exercise.lesson_id,
            "capstone": exercise.capstone,
        }
        for exercise in course.exercises.values()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for section in course.sections:
        print(f"{section.title}")
        for topic in section.topics:
            print(f"  {topic.title}  ({len(topic.lessons)} lessons)")
            for lesson in topic.lessons:
                print(f"    {lesson.id}: {lesson.title}")
                for exercise in lesson.exercises:
                    mark = " (capstone)" if exercise.capstone else ""
                    print(f"      - {exercise.id}: {exercise.title}{mark}")
    capstones = sum(e.capstone for e in course.exercises.values())
    print(
        f"\n{len(course.lessons)} lessons, {len(course.exercises)} exercises, {capstones} capstones"
    )
    if course.problems:
        print(
            f"{len(course.problems)} problem(s): run `jupyter airoadmap validate`", file=sys.stderr
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .grading.checklint import check_warnings

    course = _course(args.path)
    for problem in course.problems:
        print(problem)
    warnings = [
        w
        for e in course.exercises.values()
        for w in check_warnings(e.directory / "check.py", f"{e.id}/check.py")
    ]
    for warning in warnings:
        print(warning)
    summary = (
        f"{len(course.sections)} sections, {len(course.topics)} topics, "
        f"{len(course.lessons)} lessons, {len(course.exercises)} exercises"
    )
    if course.problems:
        print(f"\n{len(course.problems)} problem(s) found ({summary} loaded).")
        return 1
    print(
        f"The course is valid: {summary}" + (f" ({len(warnings)} warning(s))." if warnings else ".")
    )
    return 0


def _grader(course: Course, args: argparse.Namespace):
    """A started grader that hides the course being graded (not only the built-in one)."""
    from .grading import Grader, SandboxConfig
    from .grading.report import require_isolation_default

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    config = SandboxConfig(
        hide_paths=course.roots,
        require_isolation=require_isolation_default() and not args.allow_weak_isolation,
        allow_weak_with=ALLOW_WEAK_ISOLATION_FLAG,
    )
    grader = Grader(config, log=logging.getLogger("airoadmap"))
    grader.start()
    return grader


# The CLI's one spelling of "knowingly allow weaker grading" (the grading engine quotes it).
ALLOW_WEAK_ISOLATION_FLAG = "--allow-weak-isolation"


def _allow_weak_isolation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        ALLOW_WEAK_ISOLATION_FLAG,
        action="store_true",
        help="grade even when a sandbox layer is missing (only where the code graded is trusted)",
    )


def cmd_grade(args: argparse.Namespace) -> int:
    from .exercise_files import exercise_files

    course = _course(args.course)
    exercise = course.exercises.get(args.exercise_id)
    if exercise is None:
        print(
            f"error: no exercise {args.exercise_id!r}; `jupyter airoadmap list` shows them",
            file=sys.stderr,
        )
        return 2
    try:
        code = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read {args.file}: {err}", file=sys.stderr)
        return 2
    grader = _grader(course, args)
    try:
        result = grader.grade_sync(exercise_files(exercise), code)
    finally:
        grader.close()
    if args.json:
        print(result.model_dump_json(indent=2))
        return 0
    print(
        f"{exercise.title}: {result.status.value}, {result.score:g}/{result.max_score:g} points "
        f"({result.duration_ms:.0f} ms)"
    )
    if result.message:
        print(result.message)
    for test in result.tests:
        mark = "PASS" if test.passed else "FAIL"
        print(f"  [{mark}] {test.name} ({test.points:g}/{test.max_points:g})")
        if test.message and not test.passed:
            print("         " + test.message.replace("\n", "\n         "))
    if result.output:
        print(
            "output:\n"
            + result.output
            + ("\n[output truncated]" if result.output_truncated else "")
        )
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from .exercise_files import exercise_files
    from .grading.selftest import format_selftest, run_selftest

    course = _course(args.course)
    unknown = [i for i in args.ids if i not in course.exercises]
    if unknown:
        print(f"error: unknown exercise id(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    chosen = (
        [course.exercises[i] for i in args.ids] if args.ids else list(course.exercises.values())
    )
    grader = _grader(course, args)
    try:
        outcomes = run_selftest(grader, [exercise_files(e) for e in chosen])
    finally:
        grader.close()
    print(format_selftest(outcomes))
    failed = [o for o in outcomes if not o.ok]
    if course.problems:
        print(f"{len(course.problems)} course problem(s): run `jupyter airoadmap validate`")
    return 1 if failed or course.problems else 0


def cmd_export_public(args: argparse.Namespace) -> int:
    from .catalog.public import export_public

    source = Path(args.course) if args.course else builtin_course_dir()
    try:
        count = export_public(source, Path(args.dest))
    except FileExistsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(
        f"Wrote the public part of {source} to {args.dest} ({count} private files and folders left out)."
    )
    return 0


def cmd_strip_private(args: argparse.Namespace) -> int:
    from .catalog.locations import SOURCE_TREE
    from .catalog.public import strip_private

    root = Path(args.path) if args.path else builtin_course_dir()
    if root.resolve() == (SOURCE_TREE / "lessons").resolve() and not args.force:
        print(
            f"error: {root} is the course of a source checkout; use export-public, or --force",
            file=sys.stderr,
        )
        return 2
    count = strip_private(root)
    print(f"Removed {count} private files and folders from {root}; it now holds the public course.")
    return 0


def _existing_database(url: str) -> str | None:
    """An error message when ``url`` names a SQLite file that is not there (nothing is created)."""
    from .progress.engine import sqlite_path

    path = sqlite_path(url)
    if path is not None and not path.is_file():
        return f"error: there is no database file {path}"
    return None


def cmd_gradebook(args: argparse.Namespace) -> int:
    from .gradebook import gradebook_csv, gradebook_model
    from .progress import ProgressStore, SchemaMismatch

    missing = _existing_database(args.db_url)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    try:
        store = ProgressStore(args.db_url, auto_upgrade=False)
    except SchemaMismatch as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        book = gradebook_model(_course(args.course), store)
    finally:
        store.close()
    if args.json:
        print(book.model_dump_json(indent=2))
    else:
        sys.stdout.write(gradebook_csv(book))
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    from .progress.engine import make_engine
    from .progress.migrations import schema_status

    missing = _existing_database(args.url)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    engine = make_engine(args.url)
    try:
        print(schema_status(engine).describe())
    finally:
        engine.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from .progress.engine import make_engine
    from .progress.migrations import SchemaMismatch, upgrade

    engine = make_engine(args.url)
    try:
        print(upgrade(engine).describe())
    except SchemaMismatch as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def cmd_hub_service(args: argparse.Namespace) -> int:
    from .hub.service import main as service_main

    service_main(args.service_args)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jupyter airoadmap",
        description="The AI Engineering Roadmap course: list, check, grade.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list the lessons and exercises")
    p.add_argument("--json", action="store_true", help="one JSON object per exercise")
    p.add_argument("--course", help="a course folder (default: the built-in course)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("validate", help="check every course file against the schemas")
    p.add_argument("path", nargs="?", help="a course root or a folder of extra lessons")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("grade", help="grade a file of code against an exercise")
    p.add_argument("exercise_id")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the grade result as JSON")
    p.add_argument("--course", help="a course folder (default: the built-in course)")
    _allow_weak_isolation_option(p)
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("selftest", help="reference solutions score full marks, starters do not")
    p.add_argument("ids", nargs="*", help="exercise ids (default: all)")
    p.add_argument("--course", help="a course folder (default: the built-in course)")
    _allow_weak_isolation_option(p)
    p.set_defaults(func=cmd_selftest)

    p = sub.add_parser(
        "export-public", help="copy the course without solutions, checks or hidden data"
    )
    p.add_argument("dest", help="a new folder")
    p.add_argument("--course", help="the course to export (default: the built-in course)")
    p.set_defaults(func=cmd_export_public)

    p = sub.add_parser(
        "strip-private",
        help="delete solutions, checks and hidden data in place (for a student image)",
    )
    p.add_argument(
        "path", nargs="?", help="a course folder (default: the installed built-in course)"
    )
    p.add_argument("--force", action="store_true", help="also in a source checkout")
    p.set_defaults(func=cmd_strip_private)

    p = sub.add_parser("gradebook", help="print the gradebook of a progress database as CSV")
    p.add_argument("db_url", help="SQLAlchemy URL, e.g. sqlite:///airoadmap-gradebook.sqlite3")
    p.add_argument("--json", action="store_true", help="JSON instead of CSV")
    p.add_argument("--course", help="a course folder (default: the built-in course)")
    p.set_defaults(func=cmd_gradebook)

    p = sub.add_parser("db", help="the progress or gradebook database's schema revision")
    db = p.add_subparsers(dest="db_command", required=True)
    for name, func, text in (
        ("current", cmd_db_current, "say which schema revision the database is at"),
        (
            "upgrade",
            cmd_db_upgrade,
            "upgrade the database to this version's schema (back it up first)",
        ),
    ):
        q = db.add_parser(name, help=text)
        q.add_argument(
            "--url",
            default=None,
            help="SQLAlchemy URL of the database (default: this user's personal progress file)",
        )
        q.set_defaults(func=func)

    p = sub.add_parser(
        "hub-service", help="run the classroom grading service (as a JupyterHub service)"
    )
    p.add_argument(
        "service_args", nargs=argparse.REMAINDER, help="options of the service (--help-all)"
    )
    p.set_defaults(func=cmd_hub_service)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `jupyter airoadmap` (the `jupyter-airoadmap` script)."""
    args = build_parser().parse_args(argv)
    if getattr(args, "db_command", None) and args.url is None:
        from .progress.engine import personal_database_url

        args.url = personal_database_url()
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())

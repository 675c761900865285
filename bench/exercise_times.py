"""Time every exercise's checks and write the course table (docs/exercises.md).

Grades each exercise's reference solution a few times on a warm grader (the first, cold, run is
discarded: it pays for imports) and reports the median wall-clock time of a whole attempt.

    python bench/exercise_times.py                 # all exercises, writes docs/exercises.md
    python bench/exercise_times.py --runs 5 --stdout
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from airoadmap_lab.catalog import builtin_course_dir, load_course  # noqa: E402
from airoadmap_lab.exercise_files import exercise_files  # noqa: E402
from airoadmap_lab.grading import Grader, SandboxConfig  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="timed runs per exercise (after one warm-up)"
    )
    parser.add_argument(
        "--stdout", action="store_true", help="print instead of writing docs/exercises.md"
    )
    args = parser.parse_args()

    course = load_course([builtin_course_dir()])
    rows = []
    with Grader(SandboxConfig(hide_paths=(builtin_course_dir(),))) as grader:
        grader.start()
        for section in course.sections:
            for topic in section.topics:
                for lesson in topic.lessons:
                    for exercise in lesson.exercises:
                        files = exercise_files(exercise)
                        solution = (exercise.directory / "solution.py").read_text()
                        grader.grade_sync(files, solution)  # warm-up: imports on both sides
                        results = [grader.grade_sync(files, solution) for _ in range(args.runs)]
                        status = {r.status.value for r in results}
                        median = statistics.median(r.duration_ms for r in results)
                        rows.append((section.title, topic.title, exercise, median, status))
                        print(f"{exercise.id}: {median:.0f} ms {sorted(status)}", file=sys.stderr)

    lines = [
        "# The exercises",
        "",
        "Every graded exercise of the course, with what it asks for and the median wall-clock time of",
        "one whole attempt (the learner's code in the sandbox plus all checks) with the reference",
        f"solution on a warm grader. Measured {date.today().isoformat()} on {platform.machine()}, "
        f"{_cores()} cores, with:",
        "",
        "```bash",
        f"python bench/exercise_times.py --runs {args.runs}",
        "```",
        "",
        "| section | topic | exercise | what it teaches | median check time |",
        "|---|---|---|---|---|",
    ]
    for section, topic, exercise, median, status in rows:
        note = "" if status == {"passed"} else f" (reference: {', '.join(sorted(status))})"
        lines.append(
            f"| {section} | {topic} | `{exercise.id}` | {exercise.title} | {_ms(median)}{note} |"
        )
    lines += ["", f"{len(rows)} exercises in {len(course.lessons)} lessons.", ""]
    text = "\n".join(lines)
    if args.stdout:
        print(text)
    else:
        (REPO / "docs" / "exercises.md").write_text(text)
        print(f"wrote docs/exercises.md ({len(rows)} exercises)", file=sys.stderr)
    return 0


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())

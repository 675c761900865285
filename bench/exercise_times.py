"""Time every exercise's checks and write the course table (docs/exercises.md).

Grades each exercise's reference solution a few times on a warm grader (the first, cold, run is
discarded: it pays for imports) and reports the median wall-clock time of a whole attempt. The
table also lists the usual mistakes each exercise's wrong fixtures cover: the `# mistake: ...`
header line of every `wrong/*.py` (docs/authoring.md, "Wrong solutions").

    python bench/exercise_times.py                 # all exercises, writes docs/exercises.md
    python bench/exercise_times.py --runs 5 --stdout
    python bench/exercise_times.py --only la-pca-eig calc-numgrad   # prints, never writes the doc
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from airoadmap_lab.catalog import builtin_course_dir, load_course  # noqa: E402
from airoadmap_lab.exercise_files import exercise_files  # noqa: E402
from airoadmap_lab.grading import Grader, SandboxConfig  # noqa: E402

_MISTAKE = re.compile(r"^#\s*mistake\s*:\s*(.*?)\s*$")


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
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="ID",
        help="time only these exercises and print their rows (docs/exercises.md is not written)",
    )
    args = parser.parse_args()

    course = load_course([builtin_course_dir()])
    known = set(course.exercises)
    unknown = sorted(set(args.only or ()) - known)
    if unknown:
        parser.error(
            f"no exercise with the id {', '.join(unknown)} (`jupyter airoadmap list` shows the ids)"
        )
    rows = []
    with Grader(SandboxConfig(hide_paths=(builtin_course_dir(),))) as grader:
        grader.start()
        for section in course.sections:
            for topic in section.topics:
                for lesson in topic.lessons:
                    for exercise in lesson.exercises:
                        if args.only and exercise.id not in args.only:
                            continue
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
        "| section | topic | exercise | what it teaches | usual mistakes covered "
        "| median check time |",
        "|---|---|---|---|---|---|",
    ]
    for section, topic, exercise, median, status in rows:
        note = "" if status == {"passed"} else f" (reference: {', '.join(sorted(status))})"
        mistakes = "; ".join(_cell(m) for m in _mistakes(exercise.directory))
        lines.append(
            f"| {section} | {topic} | `{exercise.id}` | {_cell(exercise.title)} | {mistakes} "
            f"| {_ms(median)}{note} |"
        )
    lines += ["", f"{len(rows)} exercises in {len(course.lessons)} lessons.", ""]
    text = "\n".join(lines)
    if args.stdout or args.only:
        print(text)
    else:
        (REPO / "docs" / "exercises.md").write_text(text)
        print(f"wrote docs/exercises.md ({len(rows)} exercises)", file=sys.stderr)
    return 0


def _mistakes(exercise_dir: Path) -> list[str]:
    """The `# mistake:` header line of each wrong fixture, in file-name order.

    A fixture without one is reported on stderr, so the gap is visible when the table is made.
    """
    found = []
    for path in sorted((exercise_dir / "wrong").glob("*.py")):
        mistake = _mistake_header(path.read_text(encoding="utf-8"))
        if mistake:
            found.append(mistake)
        else:
            print(f"{exercise_dir.name}/wrong/{path.name}: no '# mistake:' line", file=sys.stderr)
    return found


def _mistake_header(code: str) -> str | None:
    """The text of the `# mistake:` line in the leading comment block of a fixture, if any."""
    for line in code.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _MISTAKE.match(stripped)
        if match and match.group(1):
            return match.group(1)
    return None


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())

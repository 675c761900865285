"""Checks for deploy-dockerfile: the linter against a table of Dockerfiles, then a clean file."""

from __future__ import annotations

from airoadmap_lab.grading.checks import Checks, Fail, expect

checks = Checks()

GOOD = """\
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --uid 10001 app
USER app
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
"""

# (description, Dockerfile, the rule a learner should think about when this case fails)
BASICS = [
    ("a clean single-stage Dockerfile", GOOD, "a clean file gives []"),
    (
        "the prompt's bad example (FROM python, COPY . before pip, shell CMD)",
        "FROM python\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD python serve.py",
        "all five rules",
    ),
    ("FROM python:latest", GOOD.replace("python:3.11-slim", "python:latest"), "DF001 and DF002"),
    ("FROM python:3.11 (pinned, full image)", GOOD.replace("3.11-slim", "3.11"), "DF002"),
    ("an alpine base", GOOD.replace("python:3.11-slim", "python:3.11-alpine3.19"), "DF002"),
    (
        "a distroless base pinned by digest only",
        GOOD.replace("python:3.11-slim", "gcr.io/distroless/python3@sha256:" + "ab" * 32),
        "DF001 (a digest pins the image)",
    ),
    (
        "COPY . . before pip install",
        GOOD.replace("COPY . .\n", "").replace("COPY requirements.txt .\n", "COPY . .\n"),
        "DF003",
    ),
    ("no USER instruction", GOOD.replace("USER app\n", ""), "DF004"),
    (
        "shell-form CMD",
        GOOD.replace(
            'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
            "CMD uvicorn app:app --port 8000",
        ),
        "DF005",
    ),
    ("no CMD and no ENTRYPOINT", GOOD.split("CMD")[0], "DF005"),
]

TRICKY = [
    (
        "lower-case instructions and comments",
        "# serving image\nfrom python:3.12-slim\nworkdir /srv\n  # deps first\n"
        "copy requirements.txt .\n"
        'run pip install -r requirements.txt\ncopy . .\nuser app\ncmd ["python", "serve.py"]\n',
        "instructions are case-insensitive and comment lines are ignored",
    ),
    (
        "a multi-stage build with a full, unpinned builder and a clean final stage",
        "FROM python AS build\nCOPY . /src\nRUN pip wheel -w /wheels /src\n"
        + GOOD.replace("COPY . .\n", "COPY . .\nCOPY --from=build /wheels /wheels\n"),
        "the rules apply to the final stage only",
    ),
    (
        "a multi-stage build with a clean builder and a final stage that runs as root",
        GOOD
        + "\nFROM python:3.11-slim AS final\nCOPY --from=0 /app /app\n"
        + 'CMD ["python", "/app/serve.py"]\n',
        "the rules apply to the final stage only (a USER in the builder does not carry over)",
    ),
    (
        "pip install on a continuation line after COPY . .",
        "FROM python:3.11-slim\nCOPY . /app\nRUN apt-get update && \\\n"
        "    pip install -r /app/requirements.txt\n"
        'USER app\nCMD ["python", "/app/serve.py"]\n',
        "lines ending in a backslash continue on the next line",
    ),
    (
        "an exec-form CMD split over two lines",
        GOOD.replace(
            'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
            'CMD ["uvicorn", "app:app", \\\n     "--port", "8000"]',
        ),
        "continuation lines",
    ),
]

TAGS_USERS_FLAGS = [
    (
        "a registry with a port and no tag (localhost:5000/model-slim)",
        GOOD.replace("python:3.11-slim", "localhost:5000/model-slim"),
        "a colon before the last '/' is a registry port, not a tag",
    ),
    (
        "a registry with a port and a tag (localhost:5000/model:1.2-slim)",
        GOOD.replace("python:3.11-slim", "localhost:5000/model:1.2-slim"),
        "the tag is after the last ':' when it follows the last '/'",
    ),
    (
        "FROM with --platform and AS",
        GOOD.replace(
            "FROM python:3.11-slim", "FROM --platform=linux/amd64 python:3.11-slim AS app"
        ),
        "flags are not the image",
    ),
    (
        "USER app then USER root at the end",
        GOOD.replace("EXPOSE 8000", "USER root\nEXPOSE 8000"),
        "the last USER counts",
    ),
    ("USER 0:0", GOOD.replace("USER app", "USER 0:0"), "user 0 is root, ignore the :group"),
    ("USER 10001:10001", GOOD.replace("USER app", "USER 10001:10001"), "a numeric non-root user"),
    (
        "COPY --chown=app:app ./ /app before pip install",
        GOOD.replace("COPY requirements.txt .", "COPY --chown=app:app ./ /app"),
        "flags are not sources, and ./ is the whole context",
    ),
    (
        "ADD . /app before pip install",
        GOOD.replace("COPY requirements.txt .", "ADD . /app"),
        "ADD counts like COPY",
    ),
    (
        "no pip install at all, COPY . . first",
        'FROM python:3.11-slim\nCOPY . .\nUSER app\nENTRYPOINT ["python", "serve.py"]\n',
        "no pip install means no DF003; an exec-form ENTRYPOINT is a start command",
    ),
    (
        "exec-form ENTRYPOINT with a shell-form CMD",
        GOOD.split("CMD")[0] + 'ENTRYPOINT ["uvicorn"]\nCMD app:app --port 8000\n',
        "the last CMD and the last ENTRYPOINT must both be exec form",
    ),
    (
        "a shell-form CMD replaced by a later exec-form CMD",
        GOOD.replace("EXPOSE 8000", "CMD python serve.py\nEXPOSE 8000"),
        "only the last CMD counts",
    ),
]


def lint_matches(t, cases: list[tuple[str, str, str]]) -> None:
    for case, text, rule in cases:
        expected = t.ref.lint_dockerfile(text)
        got = t.call("lint_dockerfile", text)
        if not isinstance(got, list) or not all(isinstance(c, str) for c in got):
            raise Fail(f"lint_dockerfile({case}) should return a list of str codes.")
        if got != sorted(set(got)):
            raise Fail(
                f"lint_dockerfile({case}) returned {got}: sort the codes and drop duplicates."
            )
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"it should also flag {', '.join(missing)}")
            if extra:
                parts.append(f"it should not flag {', '.join(extra)}")
            raise Fail(f"lint_dockerfile on {case}: {' and '.join(parts)}. Hint: {rule}.")


@checks.test("Each rule on simple single-stage Dockerfiles", points=3)
def basics(t):
    lint_matches(t, BASICS)


@checks.test("Case, comments, build stages and continuation lines", points=2)
def tricky(t):
    lint_matches(t, TRICKY)


@checks.test("Registry ports, digests, flags, users and repeated CMDs", points=2)
def tags_users_flags(t):
    lint_matches(t, TAGS_USERS_FLAGS)


@checks.test("The linter does not crash on an empty file", points=1)
def empty(t):
    lint_matches(t, [("an empty file", "", "an empty file has no FROM, USER or CMD")])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


@checks.test("write_dockerfile produces a clean, cache-friendly serving image", points=2)
def written(t):
    for version, port in (("3.11", 8000), ("3.12", 9090)):
        case = f"write_dockerfile({version!r}, {port})"
        text = t.call("write_dockerfile", version, port)
        expect(
            isinstance(text, str) and text.strip() != "", f"{case} should return the file as a str."
        )
        codes = t.ref.lint_dockerfile(text)
        expect(codes == [], f"{case} does not lint clean: the reference linter flags {codes}.")
        instructions = t.ref.parse(text)
        stage = t.ref.final_stage(instructions)
        image = t.ref.positional(stage[0][1])[0]
        expect(
            image == f"python:{version}-slim",
            f"{case}: the final stage should start FROM python:{version}-slim (found {image}).",
        )
        expect(
            any(k == "EXPOSE" and str(port) in args for k, args, _ in stage),
            f"{case}: add EXPOSE {port}.",
        )
        order = [(k, raw) for k, _, raw in stage if k in ("COPY", "ADD", "RUN")]
        req = next(
            (
                i
                for i, (k, raw) in enumerate(order)
                if "requirements.txt" in raw and k in ("COPY", "ADD")
            ),
            None,
        )
        pip = next(
            (i for i, (k, raw) in enumerate(order) if k == "RUN" and "pip install" in raw), None
        )
        expect(
            req is not None and pip is not None and req < pip,
            f"{case}: copy requirements.txt on its own, then RUN pip install, then copy the code.",
        )
        cmd = [raw for k, _, raw in stage if k in ("CMD", "ENTRYPOINT")]
        expect(
            any(str(port) in raw for raw in cmd),
            f"{case}: the start command should serve on port {port}.",
        )

"""Reference solution: a Dockerfile linter for five serving rules, and a clean Dockerfile."""

from __future__ import annotations

Instruction = tuple[str, list[str], str]  # (KEYWORD, arguments, raw argument text)


def logical_lines(text: str) -> list[str]:
    """Join backslash continuations and drop blank and comment lines."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            pending += stripped[:-1].rstrip() + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    if pending.strip():
        lines.append(pending.strip())
    return lines


def parse(text: str) -> list[Instruction]:
    """Split each logical line into an upper-case keyword and its arguments."""
    instructions: list[Instruction] = []
    for line in logical_lines(text):
        keyword, _, rest = line.partition(" ")
        instructions.append((keyword.upper(), rest.split(), rest.strip()))
    return instructions


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    """The instructions from the last FROM on (all of them if there is no FROM)."""
    starts = [i for i, (keyword, _, _) in enumerate(instructions) if keyword == "FROM"]
    return instructions[starts[-1] :] if starts else instructions


def positional(args: list[str]) -> list[str]:
    """Arguments that are not --flags."""
    return [a for a in args if not a.startswith("--")]


def image_tag(image: str) -> str | None:
    """The tag of an image reference, or None (a registry port is not a tag)."""
    name = image.split("@", 1)[0]
    colon, slash = name.rfind(":"), name.rfind("/")
    return name[colon + 1 :] if colon > slash else None


def lint_dockerfile(text: str) -> list[str]:
    """Return the sorted, unique rule codes (DF001..DF005) violated by the final stage."""
    stage = final_stage(parse(text))
    codes: set[str] = set()

    froms = [positional(args) for keyword, args, _ in stage if keyword == "FROM"]
    image = froms[0][0] if froms and froms[0] else ""
    tag = image_tag(image)
    if "@sha256:" not in image and (tag is None or tag == "latest"):
        codes.add("DF001")
    if not any(word in image.lower() for word in ("slim", "alpine", "distroless")):
        codes.add("DF002")

    copied_context = False
    for keyword, args, raw in stage:
        if keyword in ("COPY", "ADD") and not any(a.startswith("--from") for a in args):
            sources = positional(args)[:-1]
            copied_context = copied_context or any(s in (".", "./") for s in sources)
        elif keyword == "RUN" and "pip install" in " ".join(raw.split()):
            if copied_context:
                codes.add("DF003")
            break

    users = [positional(args) for keyword, args, _ in stage if keyword == "USER"]
    last_user = users[-1][0].split(":")[0] if users and users[-1] else None
    if last_user is None or last_user in ("root", "0"):
        codes.add("DF004")

    starts = {k: raw for k, _, raw in stage if k in ("CMD", "ENTRYPOINT")}  # the last of each
    if not starts or any(not raw.startswith("[") for raw in starts.values()):
        codes.add("DF005")
    return sorted(codes)


def write_dockerfile(python_version: str, port: int) -> str:
    """Return a Dockerfile for app.py (FastAPI object `app`) that lints clean."""
    return "\n".join(
        [
            f"FROM python:{python_version}-slim",
            "ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1",
            "WORKDIR /app",
            "# Dependencies first: this layer is cached until requirements.txt changes.",
            "COPY requirements.txt .",
            "RUN pip install --no-cache-dir -r requirements.txt",
            "COPY . .",
            "RUN useradd --create-home --uid 10001 app",
            "USER app",
            f"EXPOSE {port}",
            f'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "{port}"]',
            "",
        ]
    )

# mistake: Judges the first FROM instead of the last: a builder stage decides the verdict.
# expect-status: failed
# expect-message: final stage
"""Judges the first FROM instead of the last: a builder stage decides the verdict."""


def lint_dockerfile(text):
    lines, pending = [], ""
    for raw in text.splitlines():
        s = raw.strip()
        if not pending and (not s or s.startswith("#")):
            continue
        if s.endswith("\\"):
            pending += s[:-1] + " "
            continue
        lines.append(pending + s)
        pending = ""
    instr = []
    for line in lines:
        k, _, rest = line.partition(" ")
        instr.append((k.upper(), rest.split(), rest.strip()))
    codes = set()
    froms = [[a for a in args if not a.startswith("--")] for k, args, _ in instr if k == "FROM"]
    image = froms[0][0] if froms else ""  # the first stage, not the last
    name = image.split("@")[0]
    tag = name[name.rfind(":") + 1 :] if name.rfind(":") > name.rfind("/") else None
    if "@sha256:" not in image and tag in (None, "latest"):
        codes.add("DF001")
    if not any(w in image.lower() for w in ("slim", "alpine", "distroless")):
        codes.add("DF002")
    seen = False
    for k, args, raw in instr:
        if k in ("COPY", "ADD") and not any(a.startswith("--from") for a in args):
            seen = seen or any(a in (".", "./") for a in [a for a in args if not a.startswith("--")][:-1])
        elif k == "RUN" and "pip install" in raw:
            if seen:
                codes.add("DF003")
            break
    users = [args for k, args, _ in instr if k == "USER"]
    if not users or users[-1][0].split(":")[0] in ("root", "0"):
        codes.add("DF004")
    starts = {k: raw for k, _, raw in instr if k in ("CMD", "ENTRYPOINT")}
    if not starts or any(not r.startswith("[") for r in starts.values()):
        codes.add("DF005")
    return sorted(codes)


def write_dockerfile(python_version, port):
    return (
        f"FROM python:{python_version}-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001\n"
        f'EXPOSE {port}\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "{port}"]\n'
    )

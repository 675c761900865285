# mistake: Reads physical lines only, and takes everything after the first ':' as the tag.
# expect-status: failed
# expect-message: registry port
# expect-message: continue on the next line
"""Reads physical lines only, and takes everything after the first ':' as the tag."""


def lint_dockerfile(text):
    instr = []
    for raw in text.splitlines():
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        k, _, rest = s.partition(" ")
        instr.append((k.upper(), rest.split(), rest.strip()))
    starts_at = [i for i, (k, _, _) in enumerate(instr) if k == "FROM"]
    stage = instr[starts_at[-1] :] if starts_at else instr
    codes = set()
    image = next(([a for a in args if not a.startswith("--")][0] for k, args, _ in stage if k == "FROM"), "")
    tag = image.split(":", 1)[1] if ":" in image else None
    if "@sha256:" not in image and tag in (None, "latest"):
        codes.add("DF001")
    if not any(w in image.lower() for w in ("slim", "alpine", "distroless")):
        codes.add("DF002")
    seen = False
    for k, args, raw in stage:
        if k in ("COPY", "ADD") and not any(a.startswith("--from") for a in args):
            seen = seen or any(a in (".", "./") for a in [a for a in args if not a.startswith("--")][:-1])
        elif k == "RUN" and "pip install" in raw:
            if seen:
                codes.add("DF003")
            break
    users = [args for k, args, _ in stage if k == "USER"]
    if not users or users[-1][0].split(":")[0] in ("root", "0"):
        codes.add("DF004")
    starts = {k: raw for k, _, raw in stage if k in ("CMD", "ENTRYPOINT")}
    if not starts or any(not r.startswith("[") for r in starts.values()):
        codes.add("DF005")
    return sorted(codes)


def write_dockerfile(python_version, port):
    return (
        f"FROM python:{python_version}-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001\n"
        f'EXPOSE {port}\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "{port}"]\n'
    )

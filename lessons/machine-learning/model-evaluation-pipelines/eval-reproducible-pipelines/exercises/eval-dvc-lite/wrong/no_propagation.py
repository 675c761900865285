# mistake: Looks at each stage's own record only: stages downstream of a changed one are not marked stale.
# expect-status: failed
# expect-message: produces one of its inputs re-runs
import hashlib


def md5_hex(data):
    return hashlib.md5(data).hexdigest()


def stale_stages(stages, files, lock):
    # Looks at each stage's own record only: downstream stages are never re-run.
    owner = {out: name for name, st in stages.items() for out in st["outs"]}
    for name, st in stages.items():
        for dep in st["deps"]:
            if dep not in files and dep not in owner:
                raise FileNotFoundError(dep)
    stale = []
    for name, st in stages.items():
        rec = lock.get(name)
        if rec is None or st["params"] != rec["params"]:
            stale.append(name)
            continue
        paths = {**rec["deps"], **rec["outs"]}
        if any(p not in files or md5_hex(files[p]) != h for p, h in paths.items()):
            stale.append(name)
    seen = set()
    def visit(n, path=()):
        if n in path:
            raise ValueError("cycle")
        for d in stages[n]["deps"]:
            if d in owner:
                visit(owner[d], path + (n,))
    for n in stages:
        visit(n)
    return stale

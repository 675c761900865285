# mistake: Hashes files with sha1 instead of the md5 the lock file records.
# expect-status: failed
# expect-message: md5_hex of
import hashlib
import json


def md5_hex(data):
    return hashlib.sha1(data).hexdigest()  # not the hash the lock file uses


def stale_stages(stages, files, lock):
    owner = {out: name for name, st in stages.items() for out in st["outs"]}
    order, state = [], {}

    def visit(n):
        if state.get(n) == 1:
            raise ValueError("cycle")
        if state.get(n) == 2:
            return
        state[n] = 1
        for d in stages[n]["deps"]:
            if d in owner:
                visit(owner[d])
        state[n] = 2
        order.append(n)

    for n in stages:
        visit(n)
    stale = []
    for n in order:
        st, rec = stages[n], lock.get(n)
        for d in st["deps"]:
            if d not in files and d not in owner:
                raise FileNotFoundError(d)
        changed = rec is None or st["params"] != rec["params"]
        if not changed:
            paths = {**rec["deps"], **rec["outs"]}
            changed = any(p not in files or md5_hex(files[p]) != h for p, h in paths.items())
        if changed or any(owner.get(d) in stale for d in st["deps"]):
            stale.append(n)
    return stale

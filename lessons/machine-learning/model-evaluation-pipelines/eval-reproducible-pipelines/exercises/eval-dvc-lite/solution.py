"""Reference solution for eval-dvc-lite."""

import hashlib


def md5_hex(data: bytes) -> str:
    """The MD5 digest of `data` as 32 lowercase hex characters."""
    return hashlib.md5(data).hexdigest()


def producers(stages: dict) -> dict[str, str]:
    """Map each output path to the stage that declares it (ValueError if two do)."""
    owner: dict[str, str] = {}
    for name, stage in stages.items():
        for out in stage.get("outs", []):
            if out in owner:
                raise ValueError(f"{out!r} is an output of both {owner[out]!r} and {name!r}")
            owner[out] = name
    return owner


def run_order(stages: dict, owner: dict[str, str]) -> list[str]:
    """A topological order of the stages (upstream first); ValueError on a cycle."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "active":
            raise ValueError(f"the pipeline has a cycle through stage {name!r}")
        state[name] = "active"
        for dep in stages[name].get("deps", []):
            if dep in owner:
                visit(owner[dep])
        state[name] = "done"
        order.append(name)

    for name in stages:
        visit(name)
    return order


def changed_by_itself(name: str, stage: dict, files: dict, lock: dict, owner: dict) -> bool:
    """Whether the stage's own record (deps, params, outs) no longer matches the workspace."""
    record = lock.get(name)
    if record is None:
        return True
    deps = stage.get("deps", [])
    if set(deps) != set(record.get("deps", {})):
        return True
    for dep in deps:
        if dep not in files:
            if dep not in owner:
                raise FileNotFoundError(f"dependency {dep!r} of stage {name!r} does not exist")
            return True
        if md5_hex(files[dep]) != record["deps"][dep]:
            return True
    if stage.get("params", {}) != record.get("params", {}):
        return True
    outs = stage.get("outs", [])
    if set(outs) != set(record.get("outs", {})):
        return True
    return any(out not in files or md5_hex(files[out]) != record["outs"][out] for out in outs)


def stale_stages(stages: dict, files: dict, lock: dict) -> list[str]:
    """The stages that must re-run, upstream stages before the stages that use their outputs."""
    owner = producers(stages)
    stale: set[str] = set()
    result = []
    for name in run_order(stages, owner):
        stage = stages[name]
        upstream = {owner[dep] for dep in stage.get("deps", []) if dep in owner}
        if upstream & stale or changed_by_itself(name, stage, files, lock, owner):
            stale.add(name)
            result.append(name)
    return result

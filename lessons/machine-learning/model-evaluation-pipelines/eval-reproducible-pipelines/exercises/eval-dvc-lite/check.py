"""Checks for eval-dvc-lite: which stages of a small pipeline must re-run, and in what order."""

import copy
import hashlib

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_equal, expect_raises

checks = Checks()


def base_stages() -> dict:
    """A five-stage pipeline: prepare -> featurize -> train -> evaluate, plus an independent report."""
    return {
        "prepare": {
            "deps": ["data/raw.csv", "src/prepare.py"],
            "params": {"split": 0.2, "seed": 7},
            "outs": ["data/train.csv", "data/test.csv"],
        },
        "featurize": {
            "deps": ["data/train.csv", "data/test.csv", "src/featurize.py"],
            "params": {"max_features": 100, "ngrams": [1, 2]},
            "outs": ["data/features.npz"],
        },
        "train": {
            "deps": ["data/features.npz", "src/train.py"],
            "params": {"lr": 0.1, "epochs": 10, "model": {"kind": "tree", "depth": 3}},
            "outs": ["model.bin"],
        },
        "evaluate": {
            "deps": ["model.bin", "data/features.npz", "src/evaluate.py"],
            "params": {},
            "outs": ["metrics.json"],
        },
        "report": {
            "deps": ["docs/template.md"],
            "params": {"title": "Q3"},
            "outs": ["report.html"],
        },
    }


def base_files() -> dict[str, bytes]:
    """Workspace contents after a complete run."""
    names = [
        "data/raw.csv",
        "src/prepare.py",
        "data/train.csv",
        "data/test.csv",
        "src/featurize.py",
        "data/features.npz",
        "src/train.py",
        "model.bin",
        "src/evaluate.py",
        "metrics.json",
        "docs/template.md",
        "report.html",
    ]
    return {name: f"contents of {name}\n".encode() for name in names}


def lock_for(stages: dict, files: dict[str, bytes]) -> dict:
    """The lock file a complete run would write (trusted side)."""
    md5 = lambda path: hashlib.md5(files[path]).hexdigest()  # noqa: E731
    return {
        name: {
            "deps": {dep: md5(dep) for dep in stage["deps"]},
            "params": copy.deepcopy(stage["params"]),
            "outs": {out: md5(out) for out in stage["outs"]},
        }
        for name, stage in stages.items()
    }


def check_answer(
    t, stages, files, lock, expected: set[str], case: str, direct: frozenset = frozenset()
) -> None:
    """The learner's stale list: right set, no duplicates, upstream before downstream."""
    got = t.call("stale_stages", stages, files, lock)
    if not isinstance(got, (list, tuple)) or not all(isinstance(g, str) for g in got):
        raise Fail(f"stale_stages when {case} should return a list of stage names.")
    got = list(got)
    expect(len(set(got)) == len(got), f"stale_stages when {case} lists a stage twice: {got}.")
    missing = sorted(expected - set(got))
    extra = sorted(set(got) - expected)
    hint = ""
    if set(missing) & direct:
        hint = (
            " Compare each stage's deps, params and outs (present, same MD5) with its lock entry."
        )
    elif set(missing) - direct:
        hint = " A stage must also re-run when a stage that produces one of its inputs re-runs."
    expect(not missing, f"stale_stages when {case} misses {missing}.{hint}")
    extra_hint = ""
    if set(got) == set(stages):
        extra_hint = (
            " Every stage looks changed: are your hashes MD5 hex digests like the lock "
            "file's, and are params compared as values?"
        )
    expect(
        not extra, f"stale_stages when {case} also lists {extra}, which are up to date.{extra_hint}"
    )
    position = {name: i for i, name in enumerate(got)}
    for name in got:
        for dep in stages[name]["deps"]:
            for other in got:
                if dep in stages[other]["outs"] and position[other] > position[name]:
                    raise Fail(
                        f"stale_stages when {case}: {name!r} comes before {other!r}, which "
                        "produces one of its inputs. Return the stages in an order in which "
                        "they can be run."
                    )


@checks.test("md5_hex matches hashlib's MD5 on empty, ASCII and binary data", points=1)
def md5_values(t):
    for data in (b"", b"abc", bytes(range(256)) * 3, "naïve café ☕".encode()):
        expect_equal(
            t.call("md5_hex", data),
            hashlib.md5(data).hexdigest(),
            what=f"md5_hex of {len(data)} bytes",
        )


@checks.test("Nothing changed since the last run: nothing is stale", points=1)
def fresh(t):
    stages, files = base_stages(), base_files()
    check_answer(t, stages, files, lock_for(stages, files), set(), "nothing changed")


@checks.test(
    "Changing the raw data re-runs the whole chain, in order, but not the report", points=2
)
def raw_data_changed(t):
    stages, files = base_stages(), base_files()
    lock = lock_for(stages, files)
    files["data/raw.csv"] = b"new rows\n"
    check_answer(
        t,
        stages,
        files,
        lock,
        {"prepare", "featurize", "train", "evaluate"},
        "data/raw.csv changed",
        direct=frozenset({"prepare"}),
    )


@checks.test("Changing a parameter re-runs its stage and what follows, nothing before", points=2)
def params_changed(t):
    stages, files = base_stages(), base_files()
    lock = lock_for(stages, files)
    stages["train"]["params"]["lr"] = 0.05
    check_answer(
        t,
        stages,
        files,
        lock,
        {"train", "evaluate"},
        "the train stage's lr changed",
        direct=frozenset({"train"}),
    )


@checks.test("The same parameters in a different key order are not a change", points=1)
def params_reordered(t):
    stages, files = base_stages(), base_files()
    lock = lock_for(stages, files)
    stages["train"]["params"] = {"model": {"depth": 3, "kind": "tree"}, "epochs": 10, "lr": 0.1}
    check_answer(
        t,
        stages,
        files,
        lock,
        set(),
        "the train parameters are listed in another key order (compare values, not text)",
    )


@checks.test("A deleted or edited output makes its stage (and what follows) stale", points=2)
def outputs_changed(t):
    stages, files = base_stages(), base_files()
    lock = lock_for(stages, files)
    del files["model.bin"]
    check_answer(
        t,
        stages,
        files,
        lock,
        {"train", "evaluate"},
        "model.bin was deleted",
        direct=frozenset({"train"}),
    )
    files = base_files()
    files["report.html"] = b"edited by hand\n"
    check_answer(
        t,
        stages,
        files,
        lock,
        {"report"},
        "report.html was edited by hand",
        direct=frozenset({"report"}),
    )


@checks.test("A stage missing from the lock file is stale", points=1)
def new_stage(t):
    stages, files = base_stages(), base_files()
    lock = lock_for(stages, files)
    stages["plots"] = {"deps": ["metrics.json"], "params": {}, "outs": ["plots.png"]}
    check_answer(t, stages, files, lock, {"plots"}, "a new stage plots was added")


@checks.test("A cycle raises ValueError; a missing source file raises FileNotFoundError", points=1)
def errors(t):
    stages, files = base_stages(), base_files()
    lock = lock_for(stages, files)
    cyclic = copy.deepcopy(stages)
    cyclic["prepare"]["deps"].append("metrics.json")
    expect_raises(
        "ValueError",
        lambda: t.call("stale_stages", cyclic, files, lock),
        what="stale_stages when prepare depends on metrics.json (a cycle)",
    )
    missing = dict(files)
    del missing["src/train.py"]
    expect_raises(
        "FileNotFoundError",
        lambda: t.call("stale_stages", stages, missing, lock),
        what="stale_stages when src/train.py (no stage produces it) does not exist",
    )

"""Checks for cicd-promotion-gate: hand-built scenarios, each with one thing that decides the gate."""

from __future__ import annotations

import copy

from airoadmap_lab.grading.checks import Checks, Fail

checks = Checks()

NAN, INF = float("nan"), float("inf")
TOL = {"accuracy": 0.02, "f1": 0.03, "latency_ms": 2.0}
LOWER = ["latency_ms", "log_loss"]

PROD = {
    "overall": {"accuracy": 0.90, "f1": 0.85, "latency_ms": 12.0},
    "slices": {
        "country=DE": {"accuracy": 0.93, "f1": 0.88},
        "country=FR": {"accuracy": 0.88, "f1": 0.80},
        "device=mobile": {"accuracy": 0.86, "f1": 0.79},
    },
}


def variant(*edits: tuple[str, str, object]) -> dict:
    """A copy of PROD with (scope, metric, value) edits; value None deletes, '...' sets None."""
    report = copy.deepcopy(PROD)
    for scope, metric, value in edits:
        table = report["overall"] if scope == "overall" else report["slices"].setdefault(scope, {})
        if value is None:
            table.pop(metric, None)
        else:
            table[metric] = None if value == "..." else value
    return report


def without_slice(name: str) -> dict:
    report = copy.deepcopy(PROD)
    del report["slices"][name]
    return report


def judge(t, cases, production=PROD, tolerance=TOL, lower=LOWER) -> None:
    for case, candidate in cases:
        expected = t.ref.promotion_decision(candidate, production, tolerance, lower)
        got = t.call("promotion_decision", candidate, production, tolerance, lower)
        if not isinstance(got, (list, tuple)) or len(got) != 2:
            raise Fail(f"promotion_decision should return a pair (promote, failures) ({case}).")
        promote, failures = got
        if not isinstance(promote, bool) or not isinstance(failures, list):
            raise Fail(
                f"Return (bool, list of str), got ({type(promote).__name__}, "
                f"{type(failures).__name__}) ({case})."
            )
        if failures != sorted(failures):
            raise Fail(f"Sort the failures list ({case}).")
        missing = sorted(set(expected[1]) - set(failures))
        extra = sorted(set(failures) - set(expected[1]))
        if missing:
            raise Fail(
                f"Candidate with {case}: the gate should fail {', '.join(missing)}, but your "
                "failures list does not contain it."
            )
        if extra:
            raise Fail(
                f"Candidate with {case}: {', '.join(extra)} should pass the gate, but your "
                "failures list contains it."
            )
        if promote != expected[0]:
            raise Fail(
                f"Candidate with {case}: promote should be True exactly when there are no failures."
            )


@checks.test("Identical and uniformly better candidates are promoted", points=1)
def better(t):
    judge(
        t,
        [
            ("the same metrics as production", copy.deepcopy(PROD)),
            (
                "every metric better and lower latency",
                variant(
                    ("overall", "accuracy", 0.93),
                    ("overall", "f1", 0.90),
                    ("overall", "latency_ms", 9.0),
                    ("country=DE", "accuracy", 0.95),
                    ("country=FR", "f1", 0.84),
                ),
            ),
            (
                "an extra slice and an extra metric",
                variant(
                    ("country=IT", "accuracy", 0.10),
                    ("overall", "auc", 0.5),
                ),
            ),
        ],
    )


@checks.test("A regression in one slice blocks the release although overall improves", points=2)
def slice_regression(t):
    judge(
        t,
        [
            (
                "overall accuracy +3 points but mobile accuracy -5 points",
                variant(
                    ("overall", "accuracy", 0.93),
                    ("device=mobile", "accuracy", 0.81),
                ),
            ),
            (
                "overall f1 +2 points but FR f1 -4 points and DE f1 -4 points",
                variant(
                    ("overall", "f1", 0.87),
                    ("country=FR", "f1", 0.76),
                    ("country=DE", "f1", 0.84),
                ),
            ),
        ],
    )


@checks.test("Regressions up to the tolerance pass, just beyond it fail", points=2)
def tolerance_edge(t):
    judge(
        t,
        [
            (
                "overall accuracy down exactly the tolerance (0.90 -> 0.88)",
                variant(("overall", "accuracy", 0.88)),
            ),
            (
                "DE accuracy down exactly the tolerance (0.93 -> 0.91)",
                variant(("country=DE", "accuracy", 0.91)),
            ),
            (
                "FR f1 down exactly the tolerance (0.80 -> 0.77)",
                variant(("country=FR", "f1", 0.77)),
            ),
            (
                "overall accuracy down 0.021 (tolerance 0.02)",
                variant(("overall", "accuracy", 0.879)),
            ),
            ("mobile f1 down 0.031 (tolerance 0.03)", variant(("device=mobile", "f1", 0.759))),
        ],
    )


@checks.test("Metrics without a tolerance allow no regression at all", points=1)
def zero_tolerance(t):
    prod = variant(("overall", "log_loss", 0.30), ("overall", "recall", 0.70))
    judge(
        t,
        [
            (
                "recall down 0.001 (no tolerance given)",
                variant(
                    ("overall", "log_loss", 0.30),
                    ("overall", "recall", 0.699),
                ),
            ),
            (
                "log_loss down, recall up",
                variant(
                    ("overall", "log_loss", 0.25),
                    ("overall", "recall", 0.71),
                ),
            ),
            (
                "log_loss up 0.001 (lower is better, no tolerance)",
                variant(
                    ("overall", "log_loss", 0.301),
                    ("overall", "recall", 0.70),
                ),
            ),
        ],
        production=prod,
    )


@checks.test("Lower-is-better metrics (latency) are compared the other way round", points=1)
def direction(t):
    judge(
        t,
        [
            ("latency 12 ms -> 15 ms (tolerance 2 ms)", variant(("overall", "latency_ms", 15.0))),
            (
                "latency 12 ms -> 14 ms (exactly the tolerance)",
                variant(("overall", "latency_ms", 14.0)),
            ),
            ("latency 12 ms -> 5 ms (much faster)", variant(("overall", "latency_ms", 5.0))),
        ],
    )


@checks.test("NaN, infinity or None in the candidate fails the gate", points=2)
def non_finite(t):
    judge(
        t,
        [
            (
                "overall accuracy NaN (the evaluation crashed)",
                variant(("overall", "accuracy", NAN)),
            ),
            ("mobile f1 NaN", variant(("device=mobile", "f1", NAN))),
            ("latency inf", variant(("overall", "latency_ms", INF))),
            ("latency -inf", variant(("overall", "latency_ms", -INF))),
            ("FR accuracy None", variant(("country=FR", "accuracy", "..."))),
        ],
    )


@checks.test("A metric or slice missing from the candidate fails the gate", points=1)
def missing(t):
    judge(
        t,
        [
            ("no f1 in overall", variant(("overall", "f1", None))),
            ("no slice device=mobile", without_slice("device=mobile")),
        ],
    )


@checks.test("A production value that is NaN or None has no baseline and is skipped", points=1)
def no_baseline(t):
    prod = variant(("country=FR", "f1", NAN), ("overall", "latency_ms", "..."))
    judge(
        t,
        [
            ("FR f1 0.10 where production FR f1 is NaN", variant(("country=FR", "f1", 0.10))),
            (
                "latency 99 ms where production latency is None",
                variant(("overall", "latency_ms", 99.0)),
            ),
        ],
        production=prod,
    )
